"""JSON API for publicity. Public endpoints (no login) read only ``published_*`` selectors — redacted text and the
summary; staff endpoints (session) list the records in the user's scope without the original text."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import Router, Schema

from fazhi.core.validation import Id, Offset, SearchText
from fazhi.publicity import selectors

router = Router(tags=["执法公示"])


class PublishedOut(Schema):
    id: int
    decision_number: str
    party: str
    violation_type: str
    penalty: str
    body: str
    decided_on: date
    published_on: date | None


class PublishedDetailOut(PublishedOut):
    redacted_text: str


def _out(pub) -> dict:
    return {
        "id": pub.pk,
        "decision_number": pub.decision_number,
        "party": pub.party_display,
        "violation_type": pub.violation_type,
        "penalty": pub.penalty,
        "body": pub.body.name,
        "decided_on": pub.decided_on,
        "published_on": pub.published_on,
    }


@router.get("/published", response=list[PublishedOut], auth=None, summary="已公开的执法决定（检索）")
def published_list(
    request,
    q: SearchText = "",
    body: Id | None = None,
    kind: SearchText = "",
    date_from: date | None = None,
    date_to: date | None = None,
    offset: Offset = 0,
):
    results = selectors.portal_results(query=q[:50], body_id=body, kind=kind, date_from=date_from, date_to=date_to)
    offset = max(0, offset)
    return [_out(p) for p in results[offset : offset + 50]]


@router.get("/published/{pk}", response=PublishedDetailOut, auth=None, summary="已公开的执法决定（全文已脱敏）")
def published_detail(request, pk: Id):
    pub = selectors.published().select_related("body").filter(pk=pk).first()
    if pub is None:
        raise Http404("该公开信息不存在或已下线")
    return {**_out(pub), "redacted_text": pub.redacted_text}


class StaffOut(PublishedOut):
    state: str
    case_id: int


@router.get("/records", response=list[StaffOut], summary="本辖区的公开记录（工作人员）")
def staff_records(request, state: SearchText = ""):
    from ninja.errors import HttpError

    from fazhi.publicity.views import _may_view

    if not _may_view(request.user):
        raise HttpError(403, "无权查看执法决定公开记录。")
    return [
        {**_out(p), "state": p.state, "case_id": p.case_id}
        for p in selectors.staff_list(request.user, state=state)[:200]
    ]
