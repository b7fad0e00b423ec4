"""Reads of the chain itself, for any app above. No scope here: the chain knows nothing of bodies and users'
reach (that lives in ``org``); the pages that show it to people start from ``fazhi.supervision.selectors``."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.audit.models import ChainEntry


def all_entries() -> QuerySet[ChainEntry]:
    """The whole chain (the caller narrows it to what its user may see)."""
    return ChainEntry.objects.all()


def entries_about(subject_type: str, subject_ids: Iterable) -> QuerySet[ChainEntry]:
    """The entries about records of one type, oldest first. Combine several with ``|`` (one query)."""
    return ChainEntry.objects.filter(subject_type=subject_type, subject_id__in=[str(i) for i in subject_ids]).order_by(
        "seq"
    )


def entries_for_subject(subject_type: str, subject_id) -> QuerySet[ChainEntry]:
    """The history of one record, oldest first."""
    return ChainEntry.objects.filter(subject_type=subject_type, subject_id=str(subject_id)).order_by("seq")


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def filter_entries(
    entries: QuerySet[ChainEntry],
    *,
    subject_type: str = "",
    subject_id: str = "",
    actor: str = "",
    actor_id: int | None = None,
    event: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[ChainEntry]:
    """Narrow a (scoped) queryset. Dates are whole days in Asia/Shanghai, both ends included."""
    if subject_type:
        entries = entries.filter(subject_type=subject_type)
    if subject_id:
        entries = entries.filter(subject_id=subject_id)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if event:
        entries = entries.filter(event=event)
    if date_from:
        entries = entries.filter(at__gte=_local_midnight(date_from))
    if date_to:
        entries = entries.filter(at__lt=_local_midnight(date_to + timedelta(days=1)))
    return entries


def chain_head() -> tuple[int, str]:
    """(seq, hash) of the last entry — (0, genesis) on an empty chain. Read by exchange to bind a batch to the chain."""
    from fazhi.audit.models import GENESIS_HASH, ChainHead

    head = ChainHead.objects.filter(id=1).first()
    if head is None or not head.seq:
        return 0, GENESIS_HASH
    return head.seq, head.entry_hash
