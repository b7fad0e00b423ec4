"""Staff pages for information disclosure: thin views over selectors and the declared steps (steps.py).

Every write is a declared step: the page shows the steps this user may take now (``StepSet.offer``), and the POST
views run them through ``StepSet.perform`` / ``post_step`` — a refusal re-renders the page with the form bound
(what was typed kept, field errors next to the fields, the rule refusal above the form) and answers 400.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core.step_views import post_step, role_gate
from fazhi.disclosure import forms, letters, reports, rules, selectors
from fazhi.disclosure.models import (
    Answer,
    Consultation,
    Correction,
    FeeNotice,
    Guide,
    ReasonsInquiry,
    RemedyResult,
    RequestStatus,
)
from fazhi.disclosure.permissions import HANDLERS, VIEWERS, can_handle_disclosure
from fazhi.disclosure.services import GUIDE_FIELDS
from fazhi.disclosure.steps import CATALOGUE_STEPS, CREATE_STEPS, REMEDY_STEPS, REPORT_STEPS, REQUEST_STEPS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


viewer_required = role_gate(VIEWERS, "查看政府信息公开事项")
handler_required = role_gate(HANDLERS, "办理政府信息公开事项")


def _home(request):
    body = selectors.home_body(request.user)
    if body is None:
        raise PermissionDenied("您不属于任何机关。")
    return body


def _row_offers(steps, obj, user, *, failed=None, failed_obj=None, failed_name: str = ""):
    """The offers of one row of a list; field ids carry the row's id (one page, many rows, the same forms)."""
    here = failed_obj is not None and obj.pk == failed_obj.pk
    offers = steps.offer(obj, user, failed=failed if here else None, failed_name=failed_name if here else "")
    for offer in offers:
        for name, field in offer.form.fields.items():
            field.widget.attrs["id"] = f"id_{obj.pk}_{name}"
            field.widget.attrs.setdefault("aria-label", str(field.label))
    return offers


def _create(request, name: str):
    """Run a creating step on the POST; returns (result, form) — result None when refused."""
    outcome = CREATE_STEPS.perform(name, actor=request.user, obj=None, data=request.POST)
    return (outcome.result if outcome.ok else None), outcome.form


# --- requests --------------------------------------------------------------------------------------------------------


REQUEST_EXPORT_HEADERS = [
    "登记号",
    "受理机关",
    "申请渠道",
    "申请人类型",
    "所需信息",
    "提交日期",
    "收到日期",
    "状态",
    "办理结果",
    "答复期限",
    "办结日期",
]


@viewer_required
def request_list(request):
    """Requests in scope by 受理机关 (a body and those below it) and status, 50 a page, each with its answer deadline
    (one query for the page, one for the deadlines); ``?format=xlsx`` exports every filtered row."""
    from fazhi.core import listing, xlsx_export
    from fazhi.org.selectors import visible_bodies

    status = request.GET.get("status", "")
    if status not in RequestStatus.values:
        status = ""
    scoped = selectors.requests_visible_to(request.user)
    body_filter = listing.BodyFilter(
        visible_bodies(request.user),
        request.GET.get("body"),
        used_ids=scoped.order_by().values_list("body_id", flat=True).distinct(),
    )
    qs = body_filter.apply(scoped.filter(status=status) if status else scoped).order_by("-submitted_on", "-id")
    if xlsx_export.wants_xlsx(request):
        items = list(qs[: listing.EXPORT_LIMIT])
        by_subject = selectors.answer_clocks([r.pk for r in items])
        rows = (
            [
                r.number,
                r.body.name,
                r.get_channel_display(),
                r.get_applicant_type_display(),
                r.description,
                r.submitted_on,
                r.received_on,
                r.get_status_display(),
                r.get_outcome_display(),
                by_subject[str(r.pk)].due_date if str(r.pk) in by_subject else None,
                r.closed_on,
            ]
            for r in items
        )
        return xlsx_export.download("政府信息公开申请.xlsx", "依申请公开", REQUEST_EXPORT_HEADERS, rows)
    page = listing.page_of(request, qs)
    items = selectors.request_list_rows(page.object_list)
    return render(
        request,
        "disclosure/request_list.html",
        {
            "items": items,
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "body_filter": body_filter,
            "can_handle": can_handle_disclosure(request.user),
        },
    )


@handler_required
def request_new(request):
    body = _home(request)
    form = forms.ClerkRequestForm(user=request.user)
    if request.method == "POST":
        req, form = _create(request, "register")
        if req is not None:
            messages.success(request, f"已登记 {req.number}，查询码 {req.lookup_code}。")
            return redirect("disclosure:request_detail", pk=req.pk)
    return render(
        request, "disclosure/request_form.html", {"form": form, "body": body}, status=400 if form.errors else 200
    )


def _detail_page(request, req, *, failed=None, failed_name: str = "", status: int = 200):
    answer = Answer.objects.filter(request=req).first()
    context = {
        "req": req,
        "regulation": rules.text_label(req),
        "deadlines": selectors.request_deadlines(req),
        "correction": Correction.objects.filter(request=req).first(),
        "correction_window": selectors.correction_window(req),
        "consultations": Consultation.objects.filter(request=req),
        "inquiry": ReasonsInquiry.objects.filter(request=req).first(),
        "fee": FeeNotice.objects.filter(request=req).first(),
        "answer": answer,
        "letter": letters.reply_letter_text(answer) if answer else None,
        "offers": REQUEST_STEPS.offer(req, request.user, failed=failed, failed_name=failed_name),
        "step_url": "disclosure:request_action",
        "open_action": failed_name,
        "failed": failed,
    }
    return render(request, "disclosure/request_detail.html", context, status=status)


@viewer_required
def request_detail(request, pk):
    return _detail_page(request, selectors.request_detail(request.user, pk))


@handler_required
@require_POST
def request_action(request, pk, action):
    req = selectors.request_detail(request.user, pk)
    return post_step(
        request,
        REQUEST_STEPS,
        req,
        action,
        render_page=lambda failed, name: _detail_page(request, req, failed=failed, failed_name=name),
        success=lambda _result: reverse("disclosure:request_detail", args=[req.pk]),
    )


@viewer_required
def reply_letter(request, pk):
    req = selectors.request_detail(request.user, pk)
    answer = Answer.objects.filter(request=req).first()
    if answer is None:
        raise Http404("该申请尚未答复")
    response = HttpResponse(letters.reply_letter_docx(answer), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="reply-{req.pk}.docx"'
    return response


# --- proactive catalogue and guide ----------------------------------------------------------------------------------


def _catalogue_page(request, *, form=None, failed=None, failed_entry=None, failed_name: str = "", status=200):
    entries = selectors.catalogue_with_deadlines(request.user)
    handler = can_handle_disclosure(request.user)
    for entry in entries:
        entry.offers = _row_offers(
            CATALOGUE_STEPS, entry, request.user, failed=failed, failed_obj=failed_entry, failed_name=failed_name
        )
    if handler and form is None:
        form = forms.CatalogueForm(user=request.user)
    return render(
        request,
        "disclosure/catalogue.html",
        {"entries": entries, "form": form if handler else None, "failed": failed},
        status=status,
    )


@viewer_required
def catalogue(request):
    if request.method == "POST":
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以编辑目录。")
        entry, form = _create(request, "add_catalogue_entry")
        if entry is not None:
            messages.success(request, f"已加入目录：{entry.index_number}。")
            return redirect("disclosure:catalogue")
        return _catalogue_page(request, form=form, status=400)
    return _catalogue_page(request)


@handler_required
@require_POST
def catalogue_action(request, pk, action):
    entry = selectors.catalogue_entry(request.user, pk)
    return post_step(
        request,
        CATALOGUE_STEPS,
        entry,
        action,
        render_page=lambda failed, name: _catalogue_page(request, failed=failed, failed_entry=entry, failed_name=name),
        success=lambda _result: reverse("disclosure:catalogue"),
    )


@viewer_required
def guide(request):
    body = _home(request)
    current = Guide.objects.filter(body=body).first()
    handler = can_handle_disclosure(request.user)
    initial = {k: getattr(current, k) for k in GUIDE_FIELDS} if current else {}
    form = forms.GuideForm(initial=initial, user=request.user)
    if request.method == "POST":
        if not handler:
            raise PermissionDenied("只有政务公开专员可以编辑指南。")
        saved, form = _create(request, "save_guide")
        if saved is not None:
            messages.success(request, "指南已更新。")
            return redirect("disclosure:guide")
    return render(
        request,
        "disclosure/guide.html",
        {"form": form, "guide": current, "body": body, "can_handle": handler},
        status=400 if form.errors else 200,
    )


# --- annual report --------------------------------------------------------------------------------------------------


@viewer_required
def report_list(request):
    form = forms.NewReportForm(user=request.user)
    if request.method == "POST":
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以编制年度报告。")
        report, form = _create(request, "create_report")
        if report is not None:
            return redirect("disclosure:report_detail", pk=report.pk)
    return render(
        request,
        "disclosure/report_list.html",
        {"reports": selectors.report_list(request.user), "form": form, "formats": reports.available_formats()},
        status=400 if form.errors else 200,
    )


def _outcomes_figure(report):
    """Requests closed in the report's year by outcome (every applicant type together): one grouped query, the same
    counts as table 三 (第三项 本年度办理结果), drawn as bars; outcomes with no request are left out of the chart
    and the table."""
    from fazhi.core import charts
    from fazhi.disclosure.outcomes import OUTCOMES

    handled: dict[str, int] = {}
    for (_applicant, outcome), values in reports.application_counts(report.body_id, report.year).items():
        if outcome:
            handled[outcome] = handled.get(outcome, 0) + values["handled"]
    shown = [(o.label, handled[o.key]) for o in OUTCOMES if handled.get(o.key)]
    title = f"{report.year}年依申请公开办理结果（件）"
    svg = charts.bar_chart(
        [label for label, _ in shown], [n for _, n in shown], title=title, horizontal=True, testid="chart-outcomes"
    )
    rows = [[label, n] for label, n in shown] + [["合计", sum(n for _, n in shown)]]
    return charts.Figure(
        "outcomes", title, svg, ["办理结果", "件数"], rows, note="按办结日期统计，与报告表三“本年度办理结果”一致。"
    )


def _report_page(request, report, *, failed=None, failed_name: str = "", status: int = 200):
    built = reports.build_report(report)
    offers = REPORT_STEPS.offer(report, request.user, failed=failed, failed_name=failed_name)
    return render(
        request,
        "disclosure/report_detail.html",
        {
            "report": report,
            "deadline": selectors.publication_deadline(report),
            "built": built,
            "offers": {offer.spec.name: offer for offer in offers},
            "computed": reports.computed_cells(built),
            "figure": _outcomes_figure(report),
            "errors": [failed.error] if failed is not None and not failed.field else [],
        },
        status=status,
    )


def _report_step(request, report, name: str):
    return post_step(
        request,
        REPORT_STEPS,
        report,
        name,
        render_page=lambda failed, step: _report_page(request, report, failed=failed, failed_name=step),
        success=lambda _result: reverse("disclosure:report_detail", args=[report.pk]),
    )


@viewer_required
def report_detail(request, pk):
    report = selectors.report_detail(request.user, pk)
    if request.method == "POST":
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以编辑年度报告。")
        return _report_step(request, report, "edit")
    if request.GET.get("format") == "xlsx" and request.GET.get("chart") == "outcomes":
        return _outcomes_figure(report).xlsx_response(f"依申请公开办理结果-{report.year}.xlsx")
    return _report_page(request, report)


@handler_required
@require_POST
def report_step(request, pk, action):
    return _report_step(request, selectors.report_detail(request.user, pk), action)


@viewer_required
def report_export(request, pk, fmt):
    report = selectors.report_detail(request.user, pk)
    built = reports.build_report(report)
    if fmt == "docx":
        response = HttpResponse(letters.report_docx(built), content_type=DOCX)
    else:
        response = HttpResponse(letters.report_xlsx(built), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="report-{report.year}.{fmt}"'
    return response


# --- review and litigation ------------------------------------------------------------------------------------------


def _remedies_page(request, *, form=None, failed=None, failed_remedy=None, failed_name: str = "", status=200):
    items = list(selectors.remedies_visible_to(request.user))
    for remedy in items:
        remedy.offers = _row_offers(
            REMEDY_STEPS, remedy, request.user, failed=failed, failed_obj=failed_remedy, failed_name=failed_name
        )
    handler = can_handle_disclosure(request.user)
    if handler and form is None:
        form = forms.RemedyForm(user=request.user)
    return render(
        request,
        "disclosure/remedies.html",
        {
            "items": items,
            "form": form,
            "pending": RemedyResult.PENDING,
            "can_handle": handler,
            "failed": failed,
        },
        status=status,
    )


@viewer_required
def remedies(request):
    if request.method == "POST":
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以登记复议诉讼。")
        _home(request)
        remedy, form = _create(request, "record_remedy")
        if remedy is not None:
            messages.success(request, "已登记。")
            return redirect("disclosure:remedies")
        return _remedies_page(request, form=form, status=400)
    return _remedies_page(request)


@handler_required
@require_POST
def remedy_step(request, pk, action):
    remedy = selectors.remedy_detail(request.user, pk)
    return post_step(
        request,
        REMEDY_STEPS,
        remedy,
        action,
        render_page=lambda failed, name: _remedies_page(request, failed=failed, failed_remedy=remedy, failed_name=name),
        success=lambda _result: reverse("disclosure:remedies"),
    )
