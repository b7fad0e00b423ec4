"""The annual reports over the API (read-only; the steps are taken on the page): a scoped list and one report with
its figures as the record gives them today."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema
from ninja.errors import HttpError

from fazhi.annual import selectors, services
from fazhi.core.access import Role, has_any_role
from fazhi.core.validation import Id

router = Router(tags=["法治政府建设年度报告"])
VIEWERS = (Role.LEADER, Role.LEGAL_REVIEWER, Role.SUPERVISOR, Role.ADMIN)


class AnnualReportOut(Schema):
    id: int
    body: str
    year: int
    state: str
    version: int
    approved_on: date | None
    approved_hash: str
    submitted_on: date | None
    published_on: date | None


class AnnualFigureOut(Schema):
    key: str
    label: str
    unit: str
    source: str
    value: str | None


class AnnualReportDetailOut(AnnualReportOut):
    figures: list[AnnualFigureOut]


def _viewer(request):
    if not has_any_role(request.auth, *VIEWERS):
        raise HttpError(403, "只有负责人、法制审核人员和监督人员可以查看法治政府建设年度报告。")


def _out(r) -> dict:
    return {
        "id": r.pk,
        "body": r.body.name,
        "year": r.year,
        "state": r.state,
        "version": r.version,
        "approved_on": r.approved_on,
        "approved_hash": r.approved_hash,
        "submitted_on": r.submitted_on,
        "published_on": r.published_on,
    }


@router.get("/reports", response=list[AnnualReportOut], operation_id="annual_reports")
def reports(request):
    _viewer(request)
    return [_out(r) for r in selectors.reports_visible_to(request.auth).order_by("-year", "body__code")[:500]]


@router.get("/reports/{report_id}", response=AnnualReportDetailOut, operation_id="annual_report")
def report(request, report_id: Id):
    _viewer(request)
    found = selectors.report_detail(request.auth, report_id)
    values = services.current_figures(found)
    return {
        **_out(found),
        "figures": [
            {
                "key": f.spec.key,
                "label": f.spec.label,
                "unit": f.spec.unit,
                "source": f.spec.source,
                "value": f.text if f.resolved else None,
            }
            for f in values.values()
        ],
    }
