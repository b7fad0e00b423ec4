"""JSON API for information disclosure: requests in the caller's scope with their answer deadline, and the
computed annual report tables. Writes go through the same services as the pages (not exposed here yet)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema

from fazhi.disclosure import reports, selectors
from fazhi.disclosure.permissions import can_view_disclosure

router = Router(tags=["政府信息公开"])


class RequestOut(Schema):
    id: int
    number: str
    channel: str
    applicant_type: str
    status: str
    status_label: str
    submitted_on: date
    received_on: date | None
    due_date: date | None
    deadline_state: str | None
    extension_days: int
    outcome: str
    closed_on: date | None


def _require(request):
    if not can_view_disclosure(request.user):
        raise PermissionDenied("只有政务公开专员或负责人可以查看政府信息公开事项。")


@router.get("/requests", response=list[RequestOut])
def list_requests(request, status: str = ""):
    """Requests in scope (newest first, at most 500); ``deadline_state`` is derived: paused is never overdue."""
    _require(request)
    return [
        RequestOut(
            id=r.pk,
            number=r.number,
            channel=r.channel,
            applicant_type=r.applicant_type,
            status=r.status,
            status_label=r.get_status_display(),
            submitted_on=r.submitted_on,
            received_on=r.received_on,
            due_date=r.answer_deadline.due_date if r.answer_deadline else None,
            deadline_state=r.answer_deadline.derived if r.answer_deadline else None,
            extension_days=r.extension_days,
            outcome=r.outcome,
            closed_on=r.closed_on,
        )
        for r in selectors.request_list(request.user, status=status)
    ]


@router.get("/reports/{report_id}")
def report_tables(request, report_id: int):
    """The report's tables computed now from the records (or, once published, as frozen)."""
    _require(request)
    report = selectors.report_detail(request.user, report_id)
    if report.state == "published":
        return report.snapshot
    return reports.build_report(report).as_json()
