"""Reads for counsel: the opinion on a subject (for other apps' gates), lists in a user's scope, yearly figures."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from fazhi.core.access import scope_ids
from fazhi.counsel.models import Engagement, EngagementStatus, Evaluation, Finding, OpinionRequest, OpinionStatus


def home_body(user):
    """The body that engages advisers for a user: their town (or the top of their scope)."""
    from fazhi.org.selectors import scope_root, town_of

    return town_of(getattr(user, "body", None)) or scope_root(user)


ANSWERED = (OpinionStatus.ANSWERED, OpinionStatus.ADOPTED, OpinionStatus.NOT_ADOPTED)


def _parts(subject) -> tuple[str, str]:
    if isinstance(subject, tuple):
        return str(subject[0]), str(subject[1])
    return subject._meta.label_lower, str(subject.pk)


def opinions_for(subject) -> list[OpinionRequest]:
    """Every opinion request on one subject, newest first (the caller has checked the subject's scope)."""
    subject_type, subject_id = _parts(subject)
    return list(
        OpinionRequest.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .select_related("engagement")
        .order_by("-asked_on", "-id")
    )


def opinion_for(subject) -> OpinionRequest | None:
    """The latest answered opinion on a subject, else the latest request (None when counsel was never asked)."""
    subject_type, subject_id = _parts(subject)
    qs = OpinionRequest.objects.filter(subject_type=subject_type, subject_id=subject_id).select_related("engagement")
    return (
        qs.filter(status__in=ANSWERED).order_by("-answered_on", "-id").first()
        or qs.order_by("-asked_on", "-id").first()
    )


def has_answered_opinion(subject) -> bool:
    """The gate other apps ask: counsel has given a written opinion on the subject."""
    subject_type, subject_id = _parts(subject)
    return OpinionRequest.objects.filter(subject_type=subject_type, subject_id=subject_id, status__in=ANSWERED).exists()


def found_unlawful(subject) -> bool:
    """The latest answered opinion concluded 不合法 (中办发〔2016〕30号: 认为不合法的，不得提交讨论、作出决定)."""
    latest = opinion_for(subject)
    return latest is not None and latest.status in ANSWERED and latest.finding == Finding.UNLAWFUL


def _bodies(user):
    if user.is_superuser:
        return None
    return scope_ids(user)


def engagements_visible_to(user) -> QuerySet[Engagement]:
    if not user.is_authenticated:
        return Engagement.objects.none()
    qs = Engagement.objects.select_related("body")
    bodies = _bodies(user)
    return qs if bodies is None else qs.filter(body_id__in=bodies)


def active_engagements(user, on: date | None = None) -> list[Engagement]:
    qs = engagements_visible_to(user).filter(status=EngagementStatus.ACTIVE)
    if on is not None:
        qs = qs.filter(term_start__lte=on, term_end__gte=on)
    return list(qs.order_by("adviser", "id"))


def engagement_detail(user, engagement_id: int) -> Engagement:
    engagement = engagements_visible_to(user).filter(pk=engagement_id).first()
    if engagement is None:
        raise Http404("法律顾问不存在")
    return engagement


def opinions_visible_to(user) -> QuerySet[OpinionRequest]:
    if not user.is_authenticated:
        return OpinionRequest.objects.none()
    qs = OpinionRequest.objects.select_related("body", "engagement", "asked_by")
    bodies = _bodies(user)
    return qs if bodies is None else qs.filter(body_id__in=bodies)


def opinion_detail(user, opinion_id: int) -> OpinionRequest:
    opinion = opinions_visible_to(user).filter(pk=opinion_id).first()
    if opinion is None:
        raise Http404("法律意见征询不存在")
    return opinion


def evaluations_of(engagement: Engagement) -> list[Evaluation]:
    return list(Evaluation.objects.filter(engagement=engagement).select_related("evaluated_by").order_by("-year"))


def engagement_year_stats(engagement_ids, year: int) -> dict[int, dict[str, int]]:
    """{engagement id: {asked, answered, on_time, adopted, not_adopted}} for the opinions asked in ``year`` — one
    grouped query however many engagements and opinions (the annual report and the evaluation)."""
    rows = (
        OpinionRequest.objects.filter(engagement_id__in=engagement_ids, asked_on__year=year)
        .values("engagement_id")
        .annotate(
            asked=Count("id"),
            answered=Count("id", filter=Q(answered_on__isnull=False)),
            on_time=Count("id", filter=Q(answered_on__isnull=False, answered_on__lte=F("due_on"))),
            adopted=Count("id", filter=Q(status=OpinionStatus.ADOPTED)),
            not_adopted=Count("id", filter=Q(status=OpinionStatus.NOT_ADOPTED)),
        )
    )
    empty = {"asked": 0, "answered": 0, "on_time": 0, "adopted": 0, "not_adopted": 0}
    out = {int(i): dict(empty) for i in engagement_ids}
    for row in rows:
        out[row["engagement_id"]] = {k: row[k] for k in empty}
    return out


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """For the annual 法治政府建设情况报告: opinions asked of counsel by these bodies in the year, answered by the
    date asked, and adopted — one aggregate query."""
    counted = OpinionRequest.objects.filter(body_id__in=list(body_ids), asked_on__year=year).aggregate(
        opinions=Count("id", filter=Q(answered_on__isnull=False)),
        opinions_in_time=Count("id", filter=Q(answered_on__isnull=False, answered_on__lte=F("due_on"))),
        opinions_adopted=Count("id", filter=Q(status=OpinionStatus.ADOPTED)),
    )
    return {key: value or 0 for key, value in counted.items()}
