"""Reads of the chain for people, always starting from what the user may see (their town, or their district)."""

from django.db.models import Q, QuerySet

from fazhi.audit.selectors import all_entries, filter_entries
from fazhi.core.access import Role, has_role
from fazhi.org.selectors import visible_bodies

__all__ = ["entry_in_scope", "filter_entries", "visible_entries"]


def visible_entries(user) -> QuerySet:
    """Chain entries in the user's scope.

    Superusers: everything. 监督人员: entries of the bodies they may see, plus system entries with no body.
    负责人 / 法制审核人员: entries of the bodies they may see (their town). Anyone else: nothing.
    """
    entries = all_entries()
    if not user.is_authenticated:
        return entries.none()
    if user.is_superuser:
        return entries
    in_scope = Q(body_id__in=visible_bodies(user).values("id"))
    if has_role(user, Role.SUPERVISOR):
        return entries.filter(in_scope | Q(body_id__isnull=True))
    if has_role(user, Role.LEADER) or has_role(user, Role.LEGAL_REVIEWER):
        return entries.filter(in_scope)
    return entries.none()


def entry_in_scope(user, seq: int):
    return visible_entries(user).filter(seq=seq).first()
