"""Reads for 行政规范性文件: the register in a user's scope, one document, the text in force on any day, the public
register, the 清理 lists, and the disclosure annual report's 第二十条第（一）项 figures."""

from __future__ import annotations

from datetime import date

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from fazhi.core.access import scope_ids
from fazhi.normative.models import (
    CleanupDecision,
    CleanupItem,
    CleanupRound,
    Comment,
    DocumentVersion,
    NormativeDocument,
    Status,
)

PUBLIC_STATUSES = (Status.PUBLISHED, Status.REPEALED, Status.LAPSED)


def documents_visible_to(user) -> QuerySet[NormativeDocument]:
    if not user.is_authenticated:
        return NormativeDocument.objects.none()
    qs = NormativeDocument.objects.select_related("body", "drafter")
    if user.is_superuser:
        return qs
    return qs.filter(body_id__in=scope_ids(user))


def document_for(user, pk) -> NormativeDocument:
    doc = documents_visible_to(user).filter(pk=pk).first()
    if doc is None:
        raise Http404("文件不存在")
    return doc


def register(user, *, body_ids=None, status: str = "", query: str = "") -> QuerySet[NormativeDocument]:
    """The register (登记簿) in the user's scope: one query, newest number first."""
    qs = documents_visible_to(user)
    if body_ids is not None:
        qs = qs.filter(body_id__in=body_ids)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(Q(title__contains=query) | Q(number__contains=query))
    return qs.order_by("body_id", "-number_year", "-number_seq", "-id")


def versions_of(doc) -> list[DocumentVersion]:
    return list(DocumentVersion.objects.filter(document=doc).order_by("version"))


def comments_of(doc) -> list[Comment]:
    return list(Comment.objects.filter(document=doc).order_by("id"))


def text_on(doc, on: date) -> DocumentVersion | None:
    """The text in force on ``on`` (point in time): the version with effective_from ≤ on < effective_to."""
    return (
        DocumentVersion.objects.filter(document=doc, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
        .order_by("-effective_from")
        .first()
    )


def texts_on(documents, on: date) -> dict[int, DocumentVersion]:
    """{document id: version in force on ``on``} for many documents in one query. A document's versions never overlap
    (an amendment ends the old text the day the new one starts), so the date range alone picks at most one each."""
    qs = DocumentVersion.objects.filter(document__in=documents, effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gt=on)
    )
    return {v.document_id: v for v in qs}


def latest_texts(documents) -> dict[int, DocumentVersion]:
    """The baseline of the bench: the latest version of each document, whatever the day."""
    latest = DocumentVersion.objects.filter(document=OuterRef("document")).order_by("-version").values("pk")[:1]
    qs = DocumentVersion.objects.filter(document__in=documents, pk=Subquery(latest))
    return {v.document_id: v for v in qs}


# --- public (portal) ---------------------------------------------------------------------------------------------------


def published_register(body) -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(body=body, status__in=PUBLIC_STATUSES).order_by(
        "-number_year", "-number_seq"
    )


def published_document(body, pk) -> NormativeDocument:
    doc = published_register(body).filter(pk=pk).first()
    if doc is None:
        raise Http404("文件不存在")
    return doc


def open_for_comment(body, on: date) -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(
        body=body, status=Status.COMMENTING, comment_opened_on__lte=on, comment_closes_on__gte=on
    ).order_by("comment_closes_on")


def commentable_document(body, pk) -> NormativeDocument:
    doc = NormativeDocument.objects.filter(body=body, pk=pk, status=Status.COMMENTING).first()
    if doc is None:
        raise Http404("文件不存在或不在征求意见期间")
    return doc


def answered_comments(doc) -> list[Comment]:
    """For the public page: the comments and answers, never who made them."""
    return list(Comment.objects.filter(document=doc, answered_on__isnull=False).only("content", "adopted", "answer",
                                                                                     "answered_on", "received_on"))  # fmt: skip


def published_cleanups(body) -> list[CleanupRound]:
    from fazhi.org.selectors import body_paths

    paths = body_paths()
    mine = paths.get(body.pk, "")
    ancestors = {int(p) for p in mine.strip("/").split("/") if p}
    return list(CleanupRound.objects.filter(body_id__in=ancestors | {body.pk}, status="published"))


def cleanup_lists(cleanup) -> dict[str, list[CleanupItem]]:
    """The lists a 清理 publishes: {decision: [items]} in number order."""
    out: dict[str, list[CleanupItem]] = {d: [] for d in CleanupDecision.values}
    items = CleanupItem.objects.filter(cleanup=cleanup).select_related("document", "document__body")
    for item in items.order_by("document__body_id", "document__number_year", "document__number_seq"):
        out[item.decision].append(item)
    return out


def cleanups_visible_to(user) -> QuerySet[CleanupRound]:
    if not user.is_authenticated:
        return CleanupRound.objects.none()
    qs = CleanupRound.objects.select_related("body")
    return qs if user.is_superuser else qs.filter(body_id__in=scope_ids(user))


def cleanup_for(user, pk) -> CleanupRound:
    c = cleanups_visible_to(user).filter(pk=pk).first()
    if c is None:
        raise Http404("清理不存在")
    return c


def cleanup_items(cleanup) -> dict[int, CleanupItem]:
    return {i.document_id: i for i in CleanupItem.objects.filter(cleanup=cleanup)}


# --- the disclosure annual report (第二十条第（一）项 行政规范性文件) ---------------------------------------------------------


def _issued_by(body):
    from fazhi.org.selectors import subtree

    return NormativeDocument.objects.filter(body__in=subtree(body), number_seq__isnull=False)


def issued_count(body, year: int) -> int:
    """本年制发: documents of the body (and its tree) published in the year."""
    return _issued_by(body).filter(published_on__year=year).count()


def repealed_count(body, year: int) -> int:
    """本年废止: documents repealed or declared lapsed in the year."""
    return _issued_by(body).filter(ended_on__year=year).count()


def in_force_count(body, year: int) -> int:
    """现行有效: published by 31 December and not ended by then."""
    last = date(year, 12, 31)
    return (
        _issued_by(body).filter(published_on__lte=last).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=last)).count()
    )


# --- the annual 法治政府建设情况报告 (read by fazhi.annual) ------------------------------------------------------------


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """Documents of these bodies: published (制发) in the year, filed (备案) in the year, repealed or declared lapsed in
    the year, and in force on 31 December — one aggregate query, the same counting as the disclosure report's row."""
    from django.db.models import Count

    last = date(year, 12, 31)
    counted = NormativeDocument.objects.filter(body_id__in=list(body_ids), number_seq__isnull=False).aggregate(
        issued=Count("id", filter=Q(published_on__year=year)),
        filed=Count("id", filter=Q(filed_on__year=year)),
        repealed=Count("id", filter=Q(ended_on__year=year)),
        in_force=Count("id", filter=Q(published_on__lte=last) & (Q(ended_on__isnull=True) | Q(ended_on__gt=last))),
    )
    return {key: value or 0 for key, value in counted.items()}
