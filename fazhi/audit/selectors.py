"""Reads of the chain, always starting from what the user may see."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.audit.models import ChainEntry
from fazhi.core.access import Role, has_role
from fazhi.org.selectors import visible_bodies


def visible_entries(user) -> QuerySet[ChainEntry]:
    """Chain entries in the user's scope.

    Superusers: everything. 监督人员: entries of the bodies they may see, plus system entries with no body.
    负责人 / 法制审核人员: entries of the bodies they may see (their town). Anyone else: nothing.
    """
    if not user.is_authenticated:
        return ChainEntry.objects.none()
    if user.is_superuser:
        return ChainEntry.objects.all()
    in_scope = Q(body_id__in=visible_bodies(user).values("id"))
    if has_role(user, Role.SUPERVISOR):
        return ChainEntry.objects.filter(in_scope | Q(body_id__isnull=True))
    if has_role(user, Role.LEADER) or has_role(user, Role.LEGAL_REVIEWER):
        return ChainEntry.objects.filter(in_scope)
    return ChainEntry.objects.none()


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
    """Narrow a scoped queryset. Dates are whole days in Asia/Shanghai, both ends included."""
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


def entry_in_scope(user, seq: int) -> ChainEntry | None:
    return visible_entries(user).filter(seq=seq).first()
