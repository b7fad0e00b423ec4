"""Reads for major administrative decisions: lists in a user's scope, the public portal's, who said what."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from fazhi.core.access import scope_ids
from fazhi.decisions.models import Catalogue, CatalogueItem, CatalogueStatus, Decision, Position, Status, View
from fazhi.org.selectors import scope_root, town_of

PUBLIC_STATUSES = (Status.PUBLISHED, Status.EXECUTING, Status.EVALUATED)


def home_body(user):
    """The 决策机关 a user works for: their town (or the top of their scope)."""
    return town_of(getattr(user, "body", None)) or scope_root(user)


def _scoped(qs, user):
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(body_id__in=scope_ids(user))


def decisions_visible_to(user) -> QuerySet[Decision]:
    return _scoped(Decision.objects.select_related("body", "item__catalogue"), user)


def decision_detail(user, decision_id: int) -> Decision:
    decision = decisions_visible_to(user).filter(pk=decision_id).first()
    if decision is None:
        raise Http404("决策不存在")
    return decision


def catalogues_visible_to(user) -> QuerySet[Catalogue]:
    return _scoped(Catalogue.objects.select_related("body").annotate(n_items=Count("items")), user)


def catalogue_detail(user, catalogue_id: int) -> Catalogue:
    catalogue = catalogues_visible_to(user).filter(pk=catalogue_id).first()
    if catalogue is None:
        raise Http404("目录不存在")
    return catalogue


def usable_items(user):
    """Items of published catalogues in the user's scope (a decision starts only from one, 第三条第三款)."""
    qs = CatalogueItem.objects.select_related("catalogue").filter(catalogue__status=CatalogueStatus.PUBLISHED)
    if user.is_superuser:
        return qs
    return qs.filter(catalogue__body_id__in=scope_ids(user))


# --- public --------------------------------------------------------------------------------------------------------


def published_catalogues() -> QuerySet[Catalogue]:
    return (
        Catalogue.objects.filter(status=CatalogueStatus.PUBLISHED)
        .select_related("body")
        .prefetch_related("items")
        .order_by("-year", "body__code")
    )


def published_decisions() -> QuerySet[Decision]:
    return Decision.objects.filter(status__in=PUBLIC_STATUSES).select_related("body").order_by("-published_on", "-id")


def published_decision(decision_id: int) -> Decision:
    decision = published_decisions().filter(pk=decision_id).first()
    if decision is None:
        raise Http404("决策不存在或尚未公布")
    return decision


# --- who said what (第三十条第三款, 第三十八条第三款) -------------------------------------------------------------------


@dataclass(frozen=True)
class Said:
    meeting: int
    name: str
    post: str
    position: str
    position_label: str
    text: str
    is_head: bool

    @property
    def exempt(self) -> bool:
        """Recorded dissent: relieved of liability for a seriously wrong decision (第三十八条第三款)."""
        return self.position == Position.DISAGREE and not self.is_head


def liability(decision: Decision) -> list[Said]:
    labels = dict(Position.choices)
    return [
        Said(v.meeting, v.name, v.post, v.position, labels[v.position], v.text, v.is_head)
        for v in View.objects.filter(decision=decision).order_by("meeting", "order")
    ]


def review_summary(subject_id) -> list[tuple[str, str]]:
    """What the legality reviewer reads on the review page (第二十六条: the draft, its basis, the procedures followed)."""
    from fazhi.counsel.selectors import opinion_for

    decision = Decision.objects.filter(pk=int(subject_id)).select_related("item__catalogue").first()
    if decision is None:
        return []
    rows = [
        ("决策事项", f"{decision.item.catalogue.year}年目录：{decision.item.title}"),
        ("承办单位", decision.lead_unit),
        ("决策草案及说明", decision.draft),
    ]
    if decision.comment_published_on:
        rows.append(
            (
                "公开征求意见",
                f"{decision.comment_published_on} 至 {decision.comment_ends_on}，{decision.comment_days}日",
            )
        )
    if decision.comment_summary:
        rows.append(("公众意见及采纳情况", decision.comment_summary))
    if decision.hearing_held_on:
        rows.append(("听证会", f"{decision.hearing_held_on}：{decision.hearing_record}"))
    if decision.expert_opinion:
        rows.append(("专家论证", decision.expert_opinion))
    if decision.risk_report:
        rows.append(("风险评估", f"{decision.get_risk_level_display()}：{decision.risk_report}"))
    opinion = opinion_for(("decisions.decision", decision.pk))
    if opinion is not None and opinion.answered_on:
        rows.append(
            (
                "法律顾问意见",
                f"{opinion.lawyer}（{opinion.answered_on}）：{opinion.get_finding_display()}。{opinion.answer}",
            )
        )
    return rows


def status_counts(user) -> dict[str, int]:
    rows = decisions_visible_to(user).values("status").annotate(n=Count("id"))
    return {r["status"]: r["n"] for r in rows}


__all__ = [
    "PUBLIC_STATUSES",
    "catalogue_detail",
    "catalogues_visible_to",
    "decision_detail",
    "decisions_visible_to",
    "home_body",
    "liability",
    "published_catalogues",
    "published_decision",
    "published_decisions",
    "status_counts",
    "usable_items",
]


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """For the annual 法治政府建设情况报告: major decisions these bodies took by collective discussion in the year,
    and those whose legality review concluded in the year (passed or returned) — one aggregate query."""
    from django.db.models import Q

    concluded = [Status.RETURNED, Status.REVIEWED, Status.DECIDED, Status.REPORTED, Status.PUBLISHED,
                 Status.EXECUTING, Status.EVALUATED]  # fmt: skip
    counted = Decision.objects.filter(body_id__in=list(body_ids)).aggregate(
        decided=Count("id", filter=Q(deliberated_on__year=year)),
        reviewed=Count("id", filter=Q(review_submitted_on__year=year, status__in=concluded)),
    )
    return {key: value or 0 for key, value in counted.items()}
