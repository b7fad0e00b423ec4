"""The one clock: every "today" of the application comes from ``today()``.

``FAZHI_TODAY`` (an ISO date in the environment, read into ``settings.FAZHI_TODAY``) fixes the date for the demo, so
that the 2019 records are seen from 2020年2月20日 (annual report season, 2019 closed) rather than from whatever day the
demo happens to run; every page then shows a banner saying so (docs/decisions/0055). A served site refuses a fixed
date unless it is the demo or DEBUG is on (``fazhi.demo.guard``). Timestamps (the chain's ``at``, logins, sessions)
stay on the real clock: only the calendar day the workflow reasons about is fixed.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone


def fixed_today() -> date | None:
    """The date FAZHI_TODAY fixes, or None when the application follows the real calendar."""
    return getattr(settings, "FAZHI_TODAY", None)


def today() -> date:
    """Today: the fixed demo date when FAZHI_TODAY is set, else the local calendar day."""
    return fixed_today() or timezone.localdate()


def fixed_today_label() -> str:
    """The fixed date in Chinese (e.g. 2020年2月20日), or "" on the real calendar."""
    on = fixed_today()
    return f"{on.year}年{on.month}月{on.day}日" if on else ""
