"""Reads for information disclosure, each starting from the user's scope; ``published_*`` ones are for the public."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from fazhi.core import deadlines, listing
from fazhi.core.access import Role
from fazhi.core.selectors import with_derived_state
from fazhi.disclosure import rules
from fazhi.disclosure.models import (
    AnnualReport,
    CatalogueEntry,
    CatalogueState,
    Correction,
    DisclosureRequest,
    Guide,
    RemedyCase,
    ReportState,
    RequestStatus,
)
from fazhi.org.selectors import people_with_role_in, scope_root, town_of, towns, visible_body_id_query

SUBJECT = "disclosure.disclosurerequest"
CONSULTATION = "disclosure.consultation"
CATALOGUE = "disclosure.catalogueentry"


def home_body(user):
    """The body a clerk works for: their town (the respondent under 第二十七条)."""
    return town_of(getattr(user, "body", None)) or scope_root(user)


def requests_visible_to(user) -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.filter(body_id__in=visible_body_id_query(user)).select_related("body")


def request_list(user, *, status: str = "") -> list[DisclosureRequest]:
    """Requests in scope with their answer deadline (due date and derived state) attached, in one extra query."""
    qs = requests_visible_to(user)
    if status in RequestStatus.values:
        qs = qs.filter(status=status)
    items = list(qs.order_by("-submitted_on", "-id")[:500])
    by_subject = answer_clocks([r.pk for r in items])
    for r in items:
        r.answer_deadline = by_subject.get(str(r.pk))
    return items


def answer_clocks(request_ids: list[int], *, columns=None) -> dict[str, object]:
    """Each request's answer clock (the newest one: after 延迟答复 the extended date), with ``derived`` annotated."""
    clocks = with_derived_state(
        deadlines.for_subject_type(SUBJECT, request_ids).filter(rule_key__in=rules.ANSWER_KEYS)
    ).order_by("id")
    if columns is not None:
        clocks = clocks.values(*columns)
        return {clock["subject_id"]: clock for clock in clocks}
    return {clock.subject_id: clock for clock in clocks}


@dataclass(slots=True)
class RequestListRow:
    """One line of the 依申请公开 list, with its labels, link and answer clock worked out (ADR 0085)."""

    pk: int
    url: str
    number: str
    body_name: str
    channel: str
    applicant_type: str
    description: str
    received_on: str
    status: str
    extension_days: int
    answer_deadline: dict | None  # due_date, derived, is_estimate


_CHANNELS = dict(DisclosureRequest._meta.get_field("channel").flatchoices)
_APPLICANT_TYPES = dict(DisclosureRequest._meta.get_field("applicant_type").flatchoices)
_STATUSES = dict(RequestStatus.choices)


def request_list_rows(page_of_requests: QuerySet[DisclosureRequest]) -> list[RequestListRow]:
    """The rows of a (sliced) list of requests: the shown columns and their answer clocks, two queries."""
    columns = (
        "pk", "number", "body__name", "channel", "applicant_type", "description", "received_on", "status",
        "extension_days",
    )  # fmt: skip
    found = list(page_of_requests.values_list(*columns))
    clocks = answer_clocks([row[0] for row in found], columns=("subject_id", "due_date", "derived", "is_estimate"))
    link = listing.pk_link("disclosure:request_detail")
    return [
        RequestListRow(
            pk=pk,
            url=link(pk),
            number=number,
            body_name=body_name,
            channel=_CHANNELS.get(channel, channel),
            applicant_type=_APPLICANT_TYPES.get(applicant_type, applicant_type),
            description=description,
            received_on=listing.iso_date(received_on),
            status=_STATUSES.get(status, status),
            extension_days=extension_days,
            answer_deadline=clocks.get(str(pk)),
        )
        for pk, number, body_name, channel, applicant_type, description, received_on, status, extension_days in found
    ]


def request_detail(user, pk: int) -> DisclosureRequest:
    req = requests_visible_to(user).filter(pk=pk).first()
    if req is None:
        raise Http404("申请不存在")
    return req


def request_deadlines(req: DisclosureRequest):
    """Every clock of the request (answer, third-party replies) with its derived state and explanation."""
    consultation_ids = list(req.consultations.values_list("pk", flat=True))
    qs = deadlines.of_subject(req) | deadlines.for_subject_type(CONSULTATION, consultation_ids)
    return list(with_derived_state(qs).order_by("opened_at", "id"))


def correction_window(req: DisclosureRequest):
    """The 7 working days of 第三十条 (none before receipt, and none under the 2007 text, which has no such step)."""
    if req.received_on is None or rules.under_2007_text(req):
        return None
    return rules.correction_window(req)


def leaders_for(body):
    return people_with_role_in(body, Role.LEADER)


def catalogue_visible_to(user) -> QuerySet[CatalogueEntry]:
    return CatalogueEntry.objects.filter(body_id__in=visible_body_id_query(user)).select_related("body")


def catalogue_entry(user, pk: int) -> CatalogueEntry:
    entry = catalogue_visible_to(user).filter(pk=pk).first()
    if entry is None:
        raise Http404("目录条目不存在")
    return entry


def reports_visible_to(user) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(body_id__in=visible_body_id_query(user)).select_related("body")


def report_detail(user, pk: int) -> AnnualReport:
    report = reports_visible_to(user).filter(pk=pk).first()
    if report is None:
        raise Http404("年度报告不存在")
    return report


REPORT = "disclosure.annualreport"


def report_list(user) -> list[AnnualReport]:
    """Reports in scope, newest year first, each with its publication deadline (第四十九条) as ``deadline``."""
    items = list(reports_visible_to(user).order_by("-year", "body_id"))
    by_subject = {
        d.subject_id: d
        for d in with_derived_state(
            deadlines.for_subject_type(REPORT, [r.pk for r in items], rules.ANNUAL_REPORT)
        ).order_by("id")
    }
    for report in items:
        report.deadline = by_subject.get(str(report.pk))
    return items


def publication_deadline(report: AnnualReport):
    """The report's publication deadline (第四十九条) with its derived state, or None (a report from before)."""
    return with_derived_state(deadlines.of_subject(report, rules.ANNUAL_REPORT)).order_by("-id").first()


def report_with_deadline(user, pk: int) -> AnnualReport:
    """One report in scope (404 otherwise) with its publication deadline attached as ``deadline``."""
    report = report_detail(user, pk)
    report.deadline = publication_deadline(report)
    return report


def remedies_visible_to(user) -> QuerySet[RemedyCase]:
    return RemedyCase.objects.filter(body_id__in=visible_body_id_query(user)).select_related("body", "request")


def remedy_detail(user, pk: int) -> RemedyCase:
    remedy = remedies_visible_to(user).filter(pk=pk).first()
    if remedy is None:
        raise Http404("案件不存在")
    return remedy


# --- public (no login): nothing personal ever leaves through these ---------------------------------------------------


def published_bodies():
    return towns()


def published_body(code: str):
    body = published_bodies().filter(code=code).first()
    if body is None:
        raise Http404("机关不存在")
    return body


def published_catalogue(body, *, category: str = "") -> QuerySet[CatalogueEntry]:
    qs = CatalogueEntry.objects.filter(body=body, state__in=[CatalogueState.PUBLISHED, CatalogueState.REPEALED])
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-generated_on", "-id").only(
        "index_number", "title", "summary", "generated_on", "category", "document_number", "state", "published_on"
    )


def published_catalogue_entry(body, pk: int) -> CatalogueEntry:
    entry = published_catalogue(body).defer(None).filter(pk=pk).first()
    if entry is None:
        raise Http404("目录条目不存在")
    return entry


def published_guide(body) -> Guide | None:
    return Guide.objects.filter(body=body).first()


def published_reports(body) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(body=body, state=ReportState.PUBLISHED).order_by("-year")


def published_report(body, year: int) -> AnnualReport:
    report = published_reports(body).filter(year=year).first()
    if report is None:
        raise Http404("年度报告不存在")
    return report


def public_status(code: str) -> dict | None:
    """What an applicant may see with the lookup code: dates and status, never a name or an identity number."""
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    if not code or len(code) > 20:
        return None
    req = DisclosureRequest.objects.filter(lookup_code=code).select_related("body").first()
    if req is None:
        return None
    deadline = deadlines.latest(req, list(rules.ANSWER_KEYS))
    correction = Correction.objects.filter(request=req).first()
    return {
        "request_id": req.pk,
        "lookup_code": req.lookup_code,
        "body_code": req.body.code,
        "channel": req.get_channel_display(),
        "awaiting_correction": req.status == RequestStatus.AWAITING_CORRECTION,
        "correction": (
            {
                "items": correction.items,
                "requested_on": correction.requested_on,
                "due_on": correction.due_on,
                "received_on": correction.received_on,
            }
            if correction
            else None
        ),
        "number": req.number,
        "body": req.body.name,
        "status": req.get_status_display(),
        "submitted_on": req.submitted_on,
        "received_on": req.received_on,
        "receipt_basis": req.receipt_basis,
        "due_date": deadline.due_date if deadline and not req.is_closed else None,
        "paused": bool(deadline and deadline.state == "paused"),
        "extension_days": req.extension_days,
        "closed_on": req.closed_on,
    }


# --- added with the step declarations (steps.py, api.py) ------------------------------------------------------------


def request_with_deadline(user, pk: int) -> DisclosureRequest:
    """One request in scope (404 otherwise) with its newest answer deadline attached as ``answer_deadline``."""
    req = request_detail(user, pk)
    req.answer_deadline = (
        with_derived_state(deadlines.of_subject(req).filter(rule_key__in=rules.ANSWER_KEYS)).order_by("-id").first()
    )
    return req


def catalogue_with_deadlines(user, *, limit: int = 500) -> list[CatalogueEntry]:
    """Catalogue items in scope, newest first, each with its 第二十六条 clock attached as ``deadline``."""
    entries = list(catalogue_visible_to(user).order_by("-generated_on", "-id")[:limit])
    by_subject = {
        d.subject_id: d
        for d in with_derived_state(deadlines.for_subject_type(CATALOGUE, [e.pk for e in entries])).order_by("id")
    }
    for entry in entries:
        entry.deadline = by_subject.get(str(entry.pk))
    return entries


def catalogue_entry_with_deadline(user, pk: int) -> CatalogueEntry:
    entry = catalogue_entry(user, pk)
    entry.deadline = with_derived_state(deadlines.of_subject(entry)).order_by("-id").first()
    return entry


# --- for the annual 法治政府建设情况报告 (read by fazhi.annual) --------------------------------------------------------


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """A year of 依申请公开 in these bodies: requests received, and of the answers that fell due in the year how
    many were given in time (第三十三条, or the 第三十五条 date), late, or are still owed."""
    from datetime import date

    first, last = date(year, 1, 1), date(year, 12, 31)
    ids = list(body_ids)
    received = DisclosureRequest.objects.filter(body_id__in=ids, received_on__range=(first, last)).count()
    answers = deadlines.outcomes_in(rules.ANSWER_KEYS, ids, first, last)
    return {
        "requests_received": received,
        "answers_due": answers["total"],
        "answered_in_time": answers["met"],
        "answered_late": answers["late"],
        "answers_missed": answers["missed"],
    }


def request_for_public_correction(request_id: int) -> DisclosureRequest:
    """The request an applicant corrects online (found by its query code in ``public_status``; no scope: the portal
    acts for the citizen)."""
    return DisclosureRequest.objects.select_related("body").get(pk=request_id)
