"""Deadlines in a user's scope: the deadline list and detail, the workbench's open deadlines, the API.

The deadline table and its operations are core's (``fazhi.core.deadlines``); what a user may see is org's. This app
sits above both, so core never imports org.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from fazhi.core import deadlines, listing
from fazhi.core.models import DeadlineState
from fazhi.core.selectors import deadlines_of_bodies, with_derived_state
from fazhi.org.selectors import visible_body_id_query


def deadlines_visible_to(user) -> QuerySet:
    """Every deadline in the user's scope (their town or district subtree)."""
    return deadlines_of_bodies(visible_body_id_query(user)).select_related("body")


def open_deadlines_for(user, *, today: date | None = None) -> QuerySet:
    """Live deadlines in the user's scope (not yet fulfilled, whether or not the sweep marked them), soonest first,
    with ``derived`` annotated."""
    qs = deadlines_visible_to(user).filter(deadlines.LIVE)
    return with_derived_state(qs, today=today).order_by("due_date", "id")


def deadline_counts_in_bodies(body_ids) -> dict[int, int]:
    """How many deadlines each of these bodies holds, for the 期限台账's 执法机关 filter and total (ADR 0088)."""
    return listing.counts_by_body(deadlines_of_bodies(list(body_ids)))


def deadlines_for(user, *, state: str = "", today: date | None = None) -> QuerySet:
    """Deadlines in scope, filtered by a stored state or a derived one ("overdue", "due_soon")."""
    qs = with_derived_state(deadlines_visible_to(user), today=today)
    if state in DeadlineState.values:
        qs = qs.filter(state=state)
    elif state in ("overdue", "due_soon"):
        qs = qs.filter(derived=state)
    return qs.order_by("due_date", "id")


def deadline_detail(user, deadline_id: int, *, today: date | None = None):
    """One deadline in the user's scope; anything else (including another town's) → Http404."""
    deadline = with_derived_state(deadlines_visible_to(user), today=today).filter(pk=deadline_id).first()
    if deadline is None:
        raise Http404("期限不存在")
    return deadline


@dataclass(slots=True)
class DeadlineListRow:
    """One line of the 期限台账 with its link, dates and derived state worked out (ADR 0085)."""

    pk: int
    url: str
    due_date: str
    is_estimate: bool
    subject_label: str
    rule_name: str
    start_date: str
    body_name: str
    derived: str
    derived_label: str


def deadline_list_rows(page_of_deadlines: QuerySet, labels: dict[str, str]) -> list[DeadlineListRow]:
    """The rows of a (sliced) ``deadlines_for`` queryset: the shown columns only, in one query, no model instances;
    ``labels`` names each derived state."""
    link = listing.pk_link("clock:deadline")
    columns = ("pk", "due_date", "is_estimate", "subject_label", "rule_name", "start_date", "body__name", "derived")
    return [
        DeadlineListRow(
            pk=pk,
            url=link(pk),
            due_date=listing.iso_date(due_date),
            is_estimate=is_estimate,
            subject_label=subject_label,
            rule_name=rule_name,
            start_date=listing.iso_date(start_date),
            body_name=body_name,
            derived=derived,
            derived_label=labels.get(derived, ""),
        )
        for pk, due_date, is_estimate, subject_label, rule_name, start_date, body_name, derived in (
            page_of_deadlines.values_list(*columns)
        )
    ]
