"""Signal receivers: the login events come from Django's auth views and backends and from django-axes, which are the
entry points for these actions (there is no service of ours to call), so the chain is written from their signals.
See docs/decisions/0016. Model signals still drive nothing of the domain."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from fazhi.accounts import services
from fazhi.accounts.lockout import locked_until
from fazhi.accounts.second_factor import needs_verification

AUTH_AT = "fazhi_auth_at"
SEEN_AT = "fazhi_seen_at"
SECOND_FACTOR_DUE = "fazhi_second_factor_due"


def start_session(session, user) -> None:
    """What the session limits and the second-factor check read on every request, written once at login."""
    now = time.time()
    session[AUTH_AT] = now
    session[SEEN_AT] = now
    session[SECOND_FACTOR_DUE] = needs_verification(user)


@receiver(user_logged_in, dispatch_uid="fazhi.accounts.logged_in")
def on_logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_session(request.session, user)
    services.record_login(request, user)


@receiver(user_logged_out, dispatch_uid="fazhi.accounts.logged_out")
def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        services.record_logout(request, user, reason=getattr(request, "fazhi_logout_reason", "user"))


@receiver(user_login_failed, dispatch_uid="fazhi.accounts.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None or getattr(request, "fazhi_was_locked", False):
        return  # refused during a lockout: django-axes counts it, the chain already has the lockout
    services.record_login_failed(request, (credentials or {}).get("username", ""))


@receiver(user_locked_out, dispatch_uid="fazhi.accounts.locked_out")
def on_locked_out(sender, request, username, ip_address, **kwargs):
    if request is not None and getattr(request, "fazhi_was_locked", False):
        return
    services.record_locked_out(request, username or "", ip_address or "", locked_until(request))
