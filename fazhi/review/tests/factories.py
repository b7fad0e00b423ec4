"""Helpers for review tests: a generic subject (a (type, id, label) tuple, as any app would submit), the seven-point
opinion, one round submitted through the service, and a snapshot that proves a refused call changed nothing."""

from __future__ import annotations

from datetime import date

from fazhi.audit.models import ChainEntry
from fazhi.core.models import Deadline
from fazhi.review import services
from fazhi.review.models import CatalogueEntry, ReviewKind, ReviewRequest
from fazhi.review.rules import POINT_KEYS

SUBJECT = ("test.decision", "7", "辛口镇某项重大执法决定")
SUBMITTED_ON = date(2019, 9, 27)  # the Friday before the 2019 National Day holiday


def points(**failing: str) -> dict:
    """All seven points of 118号 (十三); ``failing`` names the points that do not hold, with the reviewer's note."""
    return {key: (key not in failing, failing.get(key, "")) for key in POINT_KEYS}


def submit(world, subject=SUBJECT, *, actor=None, on=SUBMITTED_ON, **kwargs) -> ReviewRequest:
    kwargs.setdefault("kind", ReviewKind.ENFORCEMENT_DECISION)
    kwargs.setdefault("summary", "案卷全部材料及处理意见")
    return services.submit(actor=actor or world.officer, subject=subject, body=world.town, submitted_on=on, **kwargs)


def snapshot() -> dict:
    """Everything a review step may write: its rounds, the catalogue, the deadline table and the chain."""
    return {
        "rounds": list(ReviewRequest.objects.order_by("pk").values()),
        "catalogue": list(CatalogueEntry.objects.order_by("pk").values()),
        "deadlines": list(Deadline.objects.order_by("pk").values()),
        "chain": ChainEntry.objects.count(),
    }
