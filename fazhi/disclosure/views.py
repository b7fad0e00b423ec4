"""Staff pages for information disclosure: thin views over selectors and services."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError
from fazhi.disclosure import forms, letters, reports, selectors, services
from fazhi.disclosure.models import (
    Answer,
    Consultation,
    Correction,
    DisclosureRequest,
    FeeNotice,
    Guide,
    RemedyResult,
    RequestStatus,
)
from fazhi.disclosure.permissions import can_handle_disclosure, can_view_disclosure
from fazhi.org.models import User

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def viewer_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_view_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员或负责人可以查看政府信息公开事项。")
        return view(request, *args, **kwargs)

    return wrapped


def handler_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以办理政府信息公开事项。")
        return view(request, *args, **kwargs)

    return wrapped


def _home(request):
    body = selectors.home_body(request.user)
    if body is None:
        raise PermissionDenied("您不属于任何机关。")
    return body


def _apply_error(form, error: DomainError) -> None:
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, error.message)


# --- requests --------------------------------------------------------------------------------------------------------


@viewer_required
def request_list(request):
    status = request.GET.get("status", "")
    items = selectors.request_list(request.user, status=status)
    return render(
        request,
        "disclosure/request_list.html",
        {
            "items": items,
            "status": status,
            "statuses": RequestStatus.choices,
            "can_handle": can_handle_disclosure(request.user),
        },
    )


@handler_required
def request_new(request):
    body = _home(request)
    form = forms.ClerkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            req = services.register_request(actor=request.user, body=body, **data)
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, f"已登记 {req.number}，查询码 {req.lookup_code}。")
            return redirect("disclosure:request_detail", pk=req.pk)
    return render(
        request, "disclosure/request_form.html", {"form": form, "body": body}, status=400 if form.errors else 200
    )


def _action_forms(req, user, data=None, bound: str = ""):
    """The forms for the steps the request's state allows (a bound one for the action just posted)."""

    def make(name, cls, **kw):
        return cls(data if bound == name else None, prefix=name, **kw)

    items = {}
    s = req.status
    if s == RequestStatus.AWAITING_RECEIPT:
        items["confirm"] = ("确认收到（第三十一条）", make("confirm", forms.DateForm))
    if s == RequestStatus.IN_PROGRESS:
        if not Correction.objects.filter(request=req).exists():
            items["correction"] = ("告知补正（第三十条，一次性）", make("correction", forms.CorrectionForm))
        items["consult"] = ("书面征求第三方意见（第三十二条）", make("consult", forms.ConsultationForm))
        if services.fees_enabled(req.body) and not FeeNotice.objects.filter(request=req).exists():
            items["fee"] = ("发出信息处理费收费通知", make("fee", forms.FeeNoticeForm))
        items["answer"] = ("作出答复（第三十六条、第三十七条）", make("answer", forms.AnswerForm))
    if s in (RequestStatus.IN_PROGRESS, RequestStatus.CONSULTING) and not req.extension_days:
        items["extend"] = (
            "延长答复期限（第三十三条第二款）",
            make("extend", forms.ExtensionForm, approvers=selectors.leaders_for(req.body)),
        )
    if s == RequestStatus.AWAITING_CORRECTION:
        items["receive_correction"] = ("收到补正", make("receive_correction", forms.ReceiveCorrectionForm))
        items["abandon"] = ("逾期不补正，视为放弃申请", make("abandon", forms.DateForm))
    if s == RequestStatus.CONSULTING:
        items["finish_consultation"] = ("第三方意见征询结束", make("finish_consultation", forms.FinishConsultationForm))
    if s == RequestStatus.AWAITING_FEE:
        items["fee_paid"] = ("登记缴费", make("fee_paid", forms.DateForm))
        items["fee_lapsed"] = ("逾期未缴费，不再处理", make("fee_lapsed", forms.DateForm))
    return items


def _run(action, req, user, d):
    common = {"actor": user, "request": req, "on": d.get("on")}
    if action == "confirm":
        return services.confirm_receipt(**common)
    if action == "correction":
        return services.request_correction(**common, items=d["items"], due_on=d.get("due_on"))
    if action == "receive_correction":
        return services.receive_correction(**common, late_reason=d.get("late_reason", ""))
    if action == "abandon":
        return services.mark_abandoned(**common)
    if action == "consult":
        return services.start_consultation(**common, third_party=d["third_party"], matter=d["matter"])
    if action == "finish_consultation":
        return services.finish_consultation(**common, reply=d["reply"], note=d.get("note", ""))
    if action == "extend":
        approver = User.objects.filter(pk=d["approver"]).first() if d.get("approver") else None
        return services.extend_answer(
            **common, days=d["days"], reason=d["reason"], approver=approver, notified_on=d["notified_on"]
        )
    if action == "fee":
        return services.issue_fee_notice(**common, method=d["method"], quantity=d["quantity"])
    if action == "fee_paid":
        return services.record_fee_payment(**common)
    if action == "fee_lapsed":
        return services.close_unpaid(**common)
    if action == "answer":
        return services.answer_request(
            **common,
            outcome=d["outcome"],
            content=d["content"],
            reasons=d.get("reasons", ""),
            other_agency=d.get("other_agency", ""),
        )
    raise Http404("未知操作")


def _detail_context(request, req, action_forms):
    answer = Answer.objects.filter(request=req).first()
    return {
        "req": req,
        "deadlines": selectors.request_deadlines(req),
        "correction": Correction.objects.filter(request=req).first(),
        "correction_window": selectors.correction_window(req),
        "consultations": Consultation.objects.filter(request=req),
        "fee": FeeNotice.objects.filter(request=req).first(),
        "answer": answer,
        "letter": letters.reply_letter_text(answer) if answer else None,
        "actions": action_forms if can_handle_disclosure(request.user) else {},
    }


@viewer_required
def request_detail(request, pk):
    req = selectors.request_detail(request.user, pk)
    return render(
        request, "disclosure/request_detail.html", _detail_context(request, req, _action_forms(req, request.user))
    )


@handler_required
@require_POST
def request_action(request, pk, action):
    req = selectors.request_detail(request.user, pk)
    action_forms = _action_forms(req, request.user, request.POST, bound=action)
    if action not in action_forms:
        messages.error(request, f"当前状态（{req.get_status_display()}）不能办理该事项。")
        return redirect("disclosure:request_detail", pk=req.pk)
    label, form = action_forms[action]
    if form.is_valid():
        try:
            _run(action, req, request.user, form.cleaned_data)
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, f"已办理：{label}。")
            return redirect("disclosure:request_detail", pk=req.pk)
    req.refresh_from_db()
    context = _detail_context(request, req, action_forms)
    context["open_action"] = action
    return render(request, "disclosure/request_detail.html", context, status=400)


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


@viewer_required
def catalogue(request):
    entries = selectors.catalogue_with_deadlines(request.user)
    form = None
    if can_handle_disclosure(request.user):
        form = forms.CatalogueForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                entry = services.add_catalogue_entry(actor=request.user, body=_home(request), **form.cleaned_data)
            except DomainError as error:
                _apply_error(form, error)
            else:
                messages.success(request, f"已加入目录：{entry.index_number}。")
                return redirect("disclosure:catalogue")
    elif request.method == "POST":
        raise PermissionDenied("只有政务公开专员可以编辑目录。")
    return render(
        request,
        "disclosure/catalogue.html",
        {"entries": entries, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@handler_required
@require_POST
def catalogue_action(request, pk, action):
    entry = selectors.catalogue_entry(request.user, pk)
    form = forms.DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效的日期。")
        return redirect("disclosure:catalogue")
    try:
        if action == "publish":
            services.publish_catalogue_entry(actor=request.user, entry=entry, on=form.cleaned_data["on"])
        elif action == "repeal":
            services.repeal_catalogue_entry(actor=request.user, entry=entry, on=form.cleaned_data["on"])
        else:
            raise Http404("未知操作")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{entry.index_number} 已更新。")
    return redirect("disclosure:catalogue")


@viewer_required
def guide(request):
    body = _home(request)
    current = Guide.objects.filter(body=body).first()
    initial = {k: getattr(current, k) for k in services.GUIDE_FIELDS} if current else {}
    form = forms.GuideForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以编辑指南。")
        if form.is_valid():
            try:
                services.save_guide(actor=request.user, body=body, **form.cleaned_data)
            except DomainError as error:
                _apply_error(form, error)
            else:
                messages.success(request, "指南已更新。")
                return redirect("disclosure:guide")
    return render(
        request,
        "disclosure/guide.html",
        {"form": form, "guide": current, "body": body, "can_handle": can_handle_disclosure(request.user)},
        status=400 if form.errors else 200,
    )


# --- annual report --------------------------------------------------------------------------------------------------


@viewer_required
def report_list(request):
    form = forms.NewReportForm(request.POST or None)
    if request.method == "POST":
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以编制年度报告。")
        if form.is_valid():
            try:
                report = services.create_report(actor=request.user, body=_home(request), year=form.cleaned_data["year"])
            except DomainError as error:
                _apply_error(form, error)
            else:
                return redirect("disclosure:report_detail", pk=report.pk)
    return render(
        request,
        "disclosure/report_list.html",
        {"reports": selectors.reports_visible_to(request.user), "form": form, "formats": reports.available_formats()},
        status=400 if form.errors else 200,
    )


def _report_context(request, report, *, errors=None):
    built = reports.build_report(report)
    layout = built.layout
    return {
        "report": report,
        "built": built,
        "editable": [
            (s["key"], s["title"], report.narrative.get(s["key"], "")) for s in layout["sections"] if s.get("editable")
        ],
        "inputs": [(k, label, report.inputs.get(k, "")) for k, label in reports.input_cells(layout).items()],
        "computed": reports.computed_cells(built),
        "errors": errors or [],
        "can_handle": can_handle_disclosure(request.user),
    }


@viewer_required
def report_detail(request, pk):
    report = selectors.report_detail(request.user, pk)
    if request.method == "POST":
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以编辑年度报告。")
        layout = reports.load_layout(report.format_year)
        narrative = {s["key"]: request.POST.get(s["key"], "") for s in layout["sections"] if s.get("editable")}
        inputs = {k: request.POST.get(k, "") for k in reports.input_cells(layout)}
        try:
            services.edit_report(actor=request.user, report=report, narrative=narrative, inputs=inputs)
        except DomainError as error:
            report.narrative.update(narrative)
            return render(
                request,
                "disclosure/report_detail.html",
                _report_context(request, report, errors=[error.message]),
                status=400,
            )
        messages.success(request, "年度报告已保存。")
        return redirect("disclosure:report_detail", pk=report.pk)
    return render(request, "disclosure/report_detail.html", _report_context(request, report))


@handler_required
@require_POST
def report_publish(request, pk):
    report = selectors.report_detail(request.user, pk)
    try:
        services.publish_report(actor=request.user, report=report)
    except DomainError as error:
        return render(
            request,
            "disclosure/report_detail.html",
            _report_context(request, report, errors=[error.message]),
            status=400,
        )
    messages.success(request, "年度报告已公布。")
    return redirect("disclosure:report_detail", pk=report.pk)


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


@viewer_required
def remedies(request):
    form = forms.RemedyForm(request.POST or None)
    if request.method == "POST":
        if not can_handle_disclosure(request.user):
            raise PermissionDenied("只有政务公开专员可以登记复议诉讼。")
        if form.is_valid():
            d = form.cleaned_data
            body = _home(request)
            linked = None
            if d["request_number"]:
                linked = DisclosureRequest.objects.filter(body=body, number=d["request_number"].strip()).first()
                if linked is None:
                    form.add_error("request_number", "没有该登记号的申请。")
            if not form.errors:
                try:
                    services.record_remedy(
                        actor=request.user,
                        body=body,
                        kind=d["kind"],
                        filed_on=d["filed_on"],
                        request=linked,
                        note=d["note"],
                    )
                except DomainError as error:
                    _apply_error(form, error)
                else:
                    messages.success(request, "已登记。")
                    return redirect("disclosure:remedies")
    return render(
        request,
        "disclosure/remedies.html",
        {
            "items": selectors.remedies_visible_to(request.user),
            "form": form,
            "conclude": forms.ConcludeRemedyForm(),
            "pending": RemedyResult.PENDING,
            "can_handle": can_handle_disclosure(request.user),
        },
        status=400 if form.errors else 200,
    )


@handler_required
@require_POST
def remedy_conclude(request, pk):
    remedy = selectors.remedy_detail(request.user, pk)
    form = forms.ConcludeRemedyForm(request.POST)
    if form.is_valid():
        try:
            services.conclude_remedy(
                actor=request.user, remedy=remedy, result=form.cleaned_data["result"], on=form.cleaned_data["on"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "已登记审结结果。")
    else:
        messages.error(request, "请填写审结日期和结果。")
    return redirect("disclosure:remedies")
