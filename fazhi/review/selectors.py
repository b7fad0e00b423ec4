"""Reads for legal review: the gate, a subject's rounds, a reviewer's queue."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.http import Http404

from fazhi.core.access import Role, has_role
from fazhi.core.rules import amount_for
from fazhi.org.models import BodyKind
from fazhi.org.selectors import role_counts_by_subtree, visible_bodies, visible_body_id_query
from fazhi.review.models import ReviewRequest, ReviewState
from fazhi.review.rules import STAFF_SHARE


def rounds_for(subject_type: str, subject_id) -> list[ReviewRequest]:
    """Every round for one subject, oldest first (the caller has already checked the subject's scope)."""
    return list(
        ReviewRequest.objects.filter(subject_type=subject_type, subject_id=str(subject_id))
        .select_related("reviewer", "submitted_by")
        .order_by("round")
    )


def latest_round(subject_type: str, subject_id) -> ReviewRequest | None:
    return (
        ReviewRequest.objects.filter(subject_type=subject_type, subject_id=str(subject_id)).order_by("-round").first()
    )


def has_passed(subject_type: str, subject_id) -> bool:
    """The gate: the latest round of review for the subject concluded 同意 (118号 四: 审核未通过的，不得作出决定)."""
    latest = latest_round(subject_type, subject_id)
    return latest is not None and latest.state == ReviewState.PASSED


def reviewed_subject_counts(subject_type: str, first, last) -> dict[int, int]:
    """{body id: subjects of this type whose review concluded between ``first`` and ``last``} — one grouped query (a
    subject reviewed in two rounds counts once; the yearly enforcement statistics)."""
    rows = (
        ReviewRequest.objects.filter(subject_type=subject_type, reviewed_on__range=(first, last))
        .values("body_id")
        .annotate(v=Count("subject_id", distinct=True))
    )
    return {row["body_id"]: row["v"] or 0 for row in rows}


def requests_visible_to(user) -> QuerySet[ReviewRequest]:
    if not user.is_authenticated:
        return ReviewRequest.objects.none()
    qs = ReviewRequest.objects.select_related("body", "submitted_by", "reviewer")
    if user.is_superuser:
        return qs
    return qs.filter(body_id__in=visible_body_id_query(user))


def review_queue(user) -> list[ReviewRequest]:
    """Pending rounds a reviewer may take: in scope, and not a case they investigated. Others get an empty list."""
    if not has_role(user, Role.LEGAL_REVIEWER):
        return []
    pending = requests_visible_to(user).filter(state=ReviewState.PENDING).order_by("submitted_on", "id")
    return [r for r in pending if user.pk not in r.excluded_reviewer_ids]


def request_detail(user, request_id: int) -> ReviewRequest:
    request = requests_visible_to(user).filter(pk=request_id).first()
    if request is None:
        raise Http404("审核事项不存在")
    return request


def recent_reviews(user, limit: int = 30) -> list[ReviewRequest]:
    return list(requests_visible_to(user).exclude(state=ReviewState.PENDING).order_by("-reviewed_on", "-id")[:limit])


@dataclass(frozen=True)
class StaffShare:
    """法制审核人员 against 执法人员 in one body (118号 (十一): in principle ≥ 5 %)."""

    body: object
    reviewers: int
    officers: int
    required_pct: Decimal
    citation: str

    @property
    def share_pct(self) -> Decimal | None:
        if not self.officers:
            return None
        return (Decimal(self.reviewers * 100) / Decimal(self.officers)).quantize(Decimal("0.1"))

    @property
    def short(self) -> bool:
        return bool(self.officers) and self.reviewers * 100 < self.required_pct * self.officers


def review_staff_shares(user) -> list[StaffShare]:
    """For each town in the user's scope (or the user's own body above town level): reviewers, officers, the share and
    whether it is below 118号 (十一)'s 5 % — read by supervisors and the annual report."""
    rule = amount_for(STAFF_SHARE)
    towns = [b for b in visible_bodies(user) if b.kind == BodyKind.TOWN]
    counts = role_counts_by_subtree(towns, [Role.LEGAL_REVIEWER, Role.OFFICER])
    return [
        StaffShare(
            body=town,
            reviewers=counts[town.pk][Role.LEGAL_REVIEWER.value],
            officers=counts[town.pk][Role.OFFICER.value],
            required_pct=rule.amount(town.pk),
            citation=rule.citation,
        )
        for town in sorted(towns, key=lambda b: b.code)
    ]


def review_due(request: ReviewRequest):
    """The round's live review deadline (None when concluded or when no period applies)."""
    from fazhi.core import deadlines

    rows = deadlines.live(request)
    return rows[-1] if rows else None


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """A year of legal review (法制审核) in these bodies: records whose review concluded in the year (a record reviewed
    in two rounds counts once), how many rounds passed and how many were sent back — one grouped query."""
    from datetime import date

    rows = (
        ReviewRequest.objects.filter(
            body_id__in=list(body_ids), reviewed_on__range=(date(year, 1, 1), date(year, 12, 31))
        )
        .values("state")
        .annotate(rounds=Count("id"), subjects=Count("subject_id", distinct=True))
        .order_by()
    )
    by_state = {row["state"]: row for row in rows}
    reviewed = ReviewRequest.objects.filter(
        body_id__in=list(body_ids), reviewed_on__range=(date(year, 1, 1), date(year, 12, 31))
    )
    return {
        "reviewed": reviewed.values("subject_type", "subject_id").distinct().count(),
        "passed": by_state.get(ReviewState.PASSED, {}).get("rounds", 0),
        "returned": by_state.get(ReviewState.FAILED, {}).get("rounds", 0),
    }
