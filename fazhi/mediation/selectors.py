"""Reads of the mediation module: lists in a user's scope, a case file, the public roll, and the figures.

``year_figures(body, year)`` is what the 法治政府建设年度报告 will read (DOMAIN.md §5: the report pulls data from the
mediation module): counts only, no personal data.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.http import Http404

from fazhi.core import clock, deadlines
from fazhi.core.selectors import get_setting
from fazhi.mediation import rules
from fazhi.mediation.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Committee,
    Community,
    Dispute,
    DisputeKind,
    DisputeStatus,
    Member,
    Party,
    Risk,
    Screening,
    Source,
)
from fazhi.org.selectors import scope_root, subtree, town_of, visible_body_ids

SUBJECT = "mediation.dispute"


def home_body(user):
    """The town a mediator works for (the 矛盾纠纷调处化解中心 is the town's)."""
    return town_of(getattr(user, "body", None)) or scope_root(user)


def disputes_visible_to(user) -> QuerySet[Dispute]:
    return Dispute.objects.filter(body_id__in=visible_body_ids(user)).select_related("body", "community")


def dispute_list(user, *, status: str = "", kind: str = "", community: int | None = None, with_parties=False):
    qs = disputes_visible_to(user)
    if status in DisputeStatus.values:
        qs = qs.filter(status=status)
    if kind in DisputeKind.values:
        qs = qs.filter(kind=kind)
    if community:
        qs = qs.filter(community_id=community)
    if with_parties:
        qs = qs.prefetch_related(Prefetch("parties", queryset=Party.objects.order_by("side", "id")))
    return qs.order_by("-registered_on", "-id")


def dispute_detail(user, pk: int) -> Dispute:
    dispute = (
        disputes_visible_to(user)
        .select_related("committee", "mediator")
        .prefetch_related("parties")
        .filter(pk=pk)
        .first()
    )
    if dispute is None:
        raise Http404("纠纷不存在")
    return dispute


def case_file(dispute: Dispute) -> dict:
    """Everything on one dispute's file (调解登记, 调解工作记录, 调解协议书, 第二十七条), in a few queries."""
    return {
        "parties": list(dispute.parties.all()),
        "sessions": list(dispute.sessions.select_related("mediator")),
        "recusals": list(dispute.recusals.select_related("mediator", "replacement")),
        "agreement": getattr(dispute, "agreement", None) if hasattr(dispute, "agreement") else None,
        "follow_ups": list(dispute.follow_ups.all()),
        "deadlines": list(deadlines.of_subject(dispute)),
        "confirmation": confirmation_window(dispute),
        "guide_due": guide_due(dispute),
    }


def confirmation_window(dispute: Dispute):
    """The parties' 30-day window for 司法确认 (第三十三条) and whether it is still running, has lapsed or was used."""
    window = deadlines.latest(dispute, rules.JUDICIAL_CONFIRMATION)
    if window is None:
        return None

    today = clock.today()
    if dispute.confirmation_applied_on:
        state = "applied"
    elif window.due_date < today:
        state = "lapsed"
    else:
        state = "running"
    return {"deadline": window, "state": state, "days_left": (window.due_date - today).days}


def guide_months(body_id: int | None) -> int:
    return int(get_setting(rules.TARGET_SETTING, body_id=body_id, default=1))


def guide_due(dispute: Dispute) -> date:
    """一般一个月内调结: a guide, not an obligation (ADR 0051)."""
    from fazhi.mediation.services import add_months

    return add_months(dispute.registered_on, guide_months(dispute.body_id))


def communities_of(body) -> QuerySet[Community]:
    return Community.objects.filter(body=body).order_by("name")


def committees_of(body) -> QuerySet[Committee]:
    return Committee.objects.filter(body=body).order_by("name")


def active_members(committee: Committee) -> QuerySet[Member]:
    return Member.objects.filter(committee=committee, active=True).order_by("role", "id")


def members_of_body(body) -> QuerySet[Member]:
    return (
        Member.objects.filter(committee__body=body, active=True)
        .select_related("committee")
        .order_by("committee__name", "role", "id")
    )


def committees_visible_to(user) -> QuerySet[Committee]:
    return (
        Committee.objects.filter(body_id__in=visible_body_ids(user))
        .select_related("body", "community")
        .prefetch_related(Prefetch("members", queryset=Member.objects.order_by("role", "id")))
        .order_by("body_id", "name")
    )


def public_roll(body) -> list[Committee]:
    """The roll for the portal (天津条例 第四十三条): committees, names, gender, role, term — never a telephone."""
    return list(
        Committee.objects.filter(body=body)
        .select_related("community")
        .prefetch_related(
            Prefetch("members", queryset=Member.objects.filter(active=True).only(
                "id", "committee_id", "name", "gender", "role", "ethnic_minority").order_by("role", "id"))
        )
        .order_by("name")
    )  # fmt: skip


def screenings_visible_to(user) -> QuerySet[Screening]:
    return Screening.objects.filter(body_id__in=visible_body_ids(user)).select_related("body")


def open_risks(user) -> QuerySet[Dispute]:
    return disputes_visible_to(user).filter(status__in=OPEN_STATUSES).exclude(risk=Risk.LOW)


# --- figures -------------------------------------------------------------------------------------------------------


def _counts(qs, field: str, choices) -> dict[str, int]:
    got = dict(qs.order_by().values_list(field).annotate(n=Count("id")).values_list(field, "n"))
    return {label: got.get(value, 0) for value, label in choices}


def figures(qs: QuerySet[Dispute], *, year: int, months: int = 1) -> dict:
    """The statistics of a set of disputes (those registered in ``year``), in a fixed number of grouped queries.

    Success rate = 调解成功 / (调解成功 + 调解不成): of the matters actually mediated to an end; refusals (no mediation,
    第十七条) and referrals are counted apart (ADR 0053). Time to close: calendar days from registration to the end,
    over every closed matter; "over the guide" counts those closed after 一个月 (a guide, ADR 0051).
    """
    from fazhi.mediation.services import add_months

    qs = qs.filter(registered_on__year=year)
    by_status = _counts(qs, "status", DisputeStatus.choices)
    status_n = dict(zip(DisputeStatus.values, by_status.values(), strict=True))
    agreed, failed = status_n[DisputeStatus.AGREED], status_n[DisputeStatus.FAILED]
    total = sum(status_n.values())
    by_month = [0] * 12
    for month, n in qs.order_by().annotate(m=ExtractMonth("registered_on")).values_list("m").annotate(n=Count("id")):
        by_month[month - 1] = n
    agreed_by_month = [0] * 12
    for month, n in (
        qs.filter(status=DisputeStatus.AGREED).order_by().annotate(m=ExtractMonth("registered_on"))
        .values_list("m").annotate(n=Count("id"))
    ):  # fmt: skip
        agreed_by_month[month - 1] = n
    by_community = [
        (row["community__name"], row["total"], row["agreed"])
        for row in qs.order_by()
        .values("community__name")
        .annotate(total=Count("id"), agreed=Count("id", filter=Q(status=DisputeStatus.AGREED)))
        .order_by("-total", "community__name")
    ]
    days, over = [], 0
    for registered, closed in qs.filter(status__in=CLOSED_STATUSES, closed_on__isnull=False).values_list(
        "registered_on", "closed_on"
    ):
        days.append((closed - registered).days)
        if closed > add_months(registered, months):
            over += 1
    days.sort()
    return {
        "year": year,
        "total": total,
        "by_kind": _counts(qs, "kind", DisputeKind.choices),
        "by_source": _counts(qs, "source", Source.choices),
        "by_result": by_status,
        "agreed": agreed,
        "failed": failed,
        "refused": status_n[DisputeStatus.REFUSED],
        "referred": status_n[DisputeStatus.REFERRED],
        "open": status_n[DisputeStatus.REGISTERED] + status_n[DisputeStatus.MEDIATING],
        "mediated": agreed + failed,
        "success_rate": round(agreed * 100 / (agreed + failed), 1) if agreed + failed else None,
        "closed": len(days),
        "avg_days": round(sum(days) / len(days), 1) if days else None,
        "median_days": days[len(days) // 2] if days else None,
        "over_guide": over,
        "guide_months": months,
        "reported_to_police": qs.filter(reported_on__isnull=False).count(),
        "by_month": by_month,
        "agreed_by_month": agreed_by_month,
        "by_community": by_community,
    }


def year_figures(body, year: int) -> dict:
    """The mediation figures of a town (and the bodies below it) for the annual report: counts only."""
    return figures(Dispute.objects.filter(body__in=subtree(body)), year=year, months=guide_months(body.pk))


def figures_for(user, year: int, body_id: int | None = None) -> dict:
    qs = disputes_visible_to(user)
    if body_id:
        qs = qs.filter(body_id=body_id)
    return figures(qs, year=year, months=guide_months(body_id))


def years_with_disputes(user) -> list[int]:
    return sorted({d.year for d in disputes_visible_to(user).order_by().dates("registered_on", "year")}, reverse=True)


def towns_with_committees():
    """The towns whose roll is published (the portal's index)."""
    from fazhi.org.selectors import towns

    ids = Committee.objects.order_by().values_list("body_id", flat=True).distinct()
    return towns().filter(pk__in=ids)


def town_by_code(code: str):
    from fazhi.org.selectors import towns

    body = towns().filter(code=code).first()
    if body is None:
        raise Http404("镇街不存在")
    return body


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """For the annual 法治政府建设情况报告: disputes these bodies registered in the year, how many ended in an
    agreement, and how many mediations ended either way (agreed or failed; the base of the success rate, as on the
    statistics page) — one aggregate query, counts only."""
    counted = Dispute.objects.filter(body_id__in=list(body_ids), registered_on__year=year).aggregate(
        disputes=Count("id"),
        mediated=Count("id", filter=Q(status=DisputeStatus.AGREED)),
        concluded=Count("id", filter=Q(status__in=[DisputeStatus.AGREED, DisputeStatus.FAILED])),
    )
    return {key: value or 0 for key, value in counted.items()}
