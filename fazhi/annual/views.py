"""Staff pages of the annual report: the list (and the district's side-by-side view), one report with its figures,
suggestions, text, versions and steps, and the .docx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from fazhi.annual import documents, figures, selectors, services, suggestions
from fazhi.annual.forms import NewReportForm
from fazhi.annual.steps import REPORT_STEPS
from fazhi.core import listing
from fazhi.core.access import Role, has_any_role
from fazhi.core.errors import DomainError
from fazhi.core.rules import amount_for
from fazhi.core.step_views import record_step_view
from fazhi.core.steps import today
from fazhi.org.selectors import scope_root
from fazhi.review.rules import STAFF_SHARE

VIEWERS = (Role.LEADER, Role.LEGAL_REVIEWER, Role.SUPERVISOR, Role.ADMIN)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _viewer(request):
    if not has_any_role(request.user, *VIEWERS):
        raise PermissionDenied("只有负责人、法制审核人员和监督人员可以查看法治政府建设年度报告。")


def _default_year() -> int:
    return today().year - 1


@login_required
def report_list(request):
    _viewer(request)
    year = listing.int_param(request.GET.get("year"), minimum=2019, maximum=2100) or _default_year()
    form = NewReportForm(user=request.user, initial={"year": _default_year()})
    error = ""
    drafter = has_any_role(request.user, *services.DRAFTERS)
    if request.method == "POST":
        if not drafter:
            raise PermissionDenied("只有负责人和法制审核人员可以起草年度报告。")
        form = NewReportForm(request.POST, user=request.user)
        body = scope_root(request.user)
        if form.is_valid():
            try:
                report = services.create_report(actor=request.user, body=body, **form.service_kwargs())
            except DomainError as exc:
                error = exc.message
            else:
                return redirect("annual:report_detail", pk=report.pk)
    reports = list(selectors.reports_visible_to(request.user).order_by("-year", "body__code")[:200])
    found = selectors.report_deadlines(reports)
    for r in reports:
        r.deadlines = found.get(r.pk, {})
    return render(
        request,
        "annual/report_list.html",
        {
            "reports": reports,
            "form": form if drafter else None,
            "error": error,
            "year": year,
            "towns": selectors.side_by_side(request.user, year),
            "SUBMIT": services.rules.SUBMIT,
            "PUBLISH": services.rules.PUBLISH,
        },
        status=400 if (form.errors or error) else 200,
    )


def _report_page(request, report, *, failed=None, failed_name: str = ""):
    values = services.current_figures(report)
    by_module: dict[str, list] = {}
    for fig in values.values():
        by_module.setdefault(fig.spec.source, []).append(fig)
    share = amount_for(STAFF_SHARE).amount(report.body_id)
    offers = REPORT_STEPS.offer(report, request.user, failed=failed, failed_name=failed_name)
    deadlines = selectors.report_deadlines([report]).get(report.pk, {})
    return render(
        request,
        "annual/report_detail.html",
        {
            "report": report,
            "title": services.layout.title(report.layout, report.body, report.year),
            "figure_groups": list(by_module.items()),
            "suggestions": suggestions.suggest(values, year=report.year, staff_share_pct=share)
            if report.state == "draft"
            else [],
            "preview": services.full_text(report, values) if report.state == "draft" else report.approved_text,
            "unresolved": services.unresolved(report, values),
            "offers": offers,
            "edit": next((o for o in offers if o.spec.name == "edit"), None),
            "versions": selectors.versions(report)[:20],
            "deadlines": [deadlines.get(services.rules.SUBMIT), deadlines.get(services.rules.PUBLISH)],
            "errors": [failed.error] if failed is not None and not failed.field else [],
        },
    )


@login_required
def report_detail(request, pk):
    _viewer(request)
    return _report_page(request, selectors.report_detail(request.user, pk))


@record_step_view(REPORT_STEPS, load=selectors.report_detail, page=_report_page, url="annual:report_detail")
def report_step(request, pk, action):
    """A step on a report's page."""
    _viewer(request)


@login_required
def report_docx(request, pk):
    _viewer(request)
    report = selectors.report_detail(request.user, pk)
    response = HttpResponse(documents.report_docx(report), content_type=DOCX)
    name = f"{report.body.short_name or report.body.name}{report.year}年度法治政府建设情况报告.docx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def figure_list(request, pk):
    """The figures of one report as a table (the numbers behind the text, each with its source and rows)."""
    _viewer(request)
    report = selectors.report_detail(request.user, pk)
    values = services.current_figures(report)
    return render(
        request,
        "annual/figures.html",
        {"report": report, "figures": list(values.values()), "modules": figures.MODULE_NAMES},
    )
