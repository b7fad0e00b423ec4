"""Staff pages of 学法 and 普法. Thin: scope and role checks, then a selector or a declared step."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import clock
from fazhi.core.access import Role, has_any_role, has_role
from fazhi.core.errors import DomainError
from fazhi.core.step_views import post_step
from fazhi.learning import documents, forms, selectors, services
from fazhi.learning.errors import ImportRefused
from fazhi.learning.models import ActivityStatus
from fazhi.learning.steps import ACTIVITY_STEPS, CREATE_STEPS
from fazhi.org import selectors as org_selectors


def _year(request) -> int:
    today = clock.today()
    try:
        year = int(request.GET.get("year", today.year))
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _home(request):
    body = forms.home_body(request.user)
    if body is None:
        raise PermissionDenied("您不属于任何机构。")
    return body


def _create_page(request, name: str, template: str, success, context=None):
    """GET: the empty step form; POST: perform the step, or re-render it with the refusal (400)."""
    _home(request)
    spec = CREATE_STEPS.get(name)
    if not has_any_role(request.user, *spec.roles):
        raise PermissionDenied(f"{spec.label}须由系统管理员或负责人办理。")
    status = 200
    if request.method == "POST":
        outcome = CREATE_STEPS.perform(name, actor=request.user, obj=None, data=request.POST, files=request.FILES)
        if outcome.ok:
            messages.success(request, f"“{spec.label}”已完成。")
            return redirect(success(outcome.result))
        offer = CREATE_STEPS.offer(None, request.user, failed=outcome, failed_name=name)
        status = 400
    else:
        offer = CREATE_STEPS.offer(None, request.user)
    offer = next(o for o in offer if o.spec.name == name)
    return render(request, template, {"offer": offer, **(context or {})}, status=status)


# --- 学法 ---------------------------------------------------------------------------------------------------------


@login_required
def home(request):
    year = _year(request)
    body = _home(request)
    sessions = list(selectors.session_list(request.user, year=year))
    return render(
        request,
        "learning/home.html",
        {
            "year": year,
            "body": body,
            "sessions": sessions,
            "counts": selectors.year_counts(body, year),
            "background": selectors.legal_background_share(request.user, body),
            "may_record": has_any_role(request.user, *services.RECORDERS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request):
    return _create_page(
        request, "record_session", "learning/session_form.html", lambda s: reverse("learning:session", args=[s.pk])
    )


@login_required
def session_detail(request, session_id: int):
    session = selectors.session_detail(request.user, session_id)
    if session is None:
        raise Http404("没有这次学法活动，或不在您的查看范围内。")
    return render(
        request,
        "learning/session_detail.html",
        {"session": session, "attendance": selectors.session_attendance(session)},
    )


@login_required
def shufa(request):
    """述法: what a 第一责任人 did for the rule of law in a year (the leaders of the user's scope to choose from)."""
    year = _year(request)
    leaders = list(org_selectors.visible_staff(request.user).filter(groups__name=Role.LEADER.value))
    if not leaders:
        raise Http404("您的范围内没有负责人。")
    try:
        leader_id = int(request.GET.get("leader") or 0)
    except ValueError:
        leader_id = 0
    leader = next((p for p in leaders if p.pk == leader_id), None)
    if leader is None:
        leader = next((p for p in leaders if p.pk == request.user.pk), leaders[0])
    return render(
        request,
        "learning/shufa.html",
        {"year": year, "leaders": leaders, "report": selectors.shufa(request.user, leader, year)},
    )


# --- e-learning import --------------------------------------------------------------------------------------------


def _read_workbook(upload):
    from openpyxl import load_workbook

    upload.seek(0)
    book = load_workbook(filename=upload, read_only=True, data_only=True)
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


@login_required
@require_http_methods(["GET", "POST"])
def elearning_import(request):
    body = _home(request)
    if not has_role(request.user, Role.ADMIN):
        raise PermissionDenied("导入网络学习成绩须由系统管理员办理。")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    problems, status = [], 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = b"".join(upload.chunks())
            try:
                rows = _read_workbook(upload)
            except Exception:  # noqa: BLE001 — openpyxl raises several kinds for a damaged or non-xlsx file
                form.add_error("file", "无法读取该文件，请确认是 Excel（.xlsx）格式。")
            else:
                try:
                    batch = services.import_elearning(
                        actor=request.user, body=body, rows=rows, file_name=upload.name, content=content
                    )
                except ImportRefused as error:
                    problems = error.problems
                    form.add_error(None, "网络学习成绩导入失败，未导入任何记录。请按下列提示修改后重新上传。")
                except DomainError as error:
                    form.add_error("file" if getattr(error, "field", None) == "file" else None, error.message)
                else:
                    unmatched = batch.rows.filter(person__isnull=True).count()
                    messages.success(
                        request, f"已导入 {batch.row_count} 行，其中 {unmatched} 行未匹配到人员，已保留待匹配。"
                    )
                    return redirect("learning:import")
        status = 400
    return render(
        request,
        "learning/import.html",
        {
            "form": form,
            "problems": problems,
            "batches": selectors.batches_visible_to(request.user)[:20],
            "unmatched": [
                (row, forms.MatchForm(user=request.user, prefix=f"r{row.pk}"))
                for row in selectors.unmatched_rows(request.user)
            ],
        },
        status=status,
    )


@login_required
@require_POST
def match_row(request, row_id: int):
    row = selectors.unmatched_rows(request.user).filter(pk=row_id).first()
    if row is None:
        raise Http404("没有这一行，或已匹配。")
    form = forms.MatchForm(request.POST, user=request.user, prefix=f"r{row.pk}")
    if not form.is_valid():
        messages.error(request, "请选择人员。")
        return redirect("learning:import")
    try:
        services.match_row(actor=request.user, row=row, person=form.cleaned_data["person"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"第{row.row_number}行已匹配，学时已计入。")
    return redirect("learning:import")


# --- 普法 ---------------------------------------------------------------------------------------------------------


@login_required
def pufa(request):
    year = _year(request)
    body = _home(request)
    return render(
        request,
        "learning/pufa.html",
        {
            "year": year,
            "body": body,
            "lines": selectors.duty_lines([body.pk], year),
            "calendar": selectors.calendar(year, [body.pk], body.pk),
            "activities": selectors.activities_visible_to(request.user, year=year),
            "may_record": has_any_role(request.user, *services.RECORDERS),
            "may_edit_dates": has_role(request.user, Role.ADMIN),
            "today": clock.today(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def duty_line_new(request):
    return _create_page(
        request,
        "add_duty_line",
        "learning/step_form.html",
        lambda line: reverse("learning:pufa") + f"?year={line.year}",
        {"title": "新增普法责任清单条目"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request):
    return _create_page(
        request, "record_activity", "learning/step_form.html", lambda a: reverse("learning:activity", args=[a.pk]),
        {"title": "登记普法活动"},
    )  # fmt: skip


def _activity_page(request, activity, failed=None, failed_name=""):
    return render(
        request,
        "learning/activity_detail.html",
        {
            "activity": activity,
            "offers": ACTIVITY_STEPS.offer(activity, request.user, failed=failed, failed_name=failed_name),
        },
    )


def _activity_or_404(request, activity_id):
    activity = selectors.activity_detail(request.user, activity_id)
    if activity is None:
        raise Http404("没有这项普法活动，或不在您的查看范围内。")
    return activity


@login_required
def activity_detail(request, activity_id: int):
    return _activity_page(request, _activity_or_404(request, activity_id))


@login_required
@require_POST
def activity_step(request, activity_id: int, step: str):
    activity = _activity_or_404(request, activity_id)
    return post_step(
        request, ACTIVITY_STEPS, activity, step,
        render_page=lambda failed, name: _activity_page(request, activity, failed, name),
        success=lambda result: reverse("learning:activity", args=[activity.pk]),
    )  # fmt: skip


@login_required
def duty_report(request):
    year = _year(request)
    body = _home(request)
    report = selectors.duty_report(body, year)
    if request.GET.get("format") == "docx":
        response = HttpResponse(
            documents.report_docx(report),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="pufa-report-{year}.docx"'
        return response
    return render(
        request,
        "learning/report.html",
        {
            "year": year,
            "report": report,
            "sections": documents.report_paragraphs(report),
            "public": ActivityStatus.PUBLIC,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def key_date_edit(request, key_date_id: int):
    """An administrator moves a practice day (未核实) or switches a day off; a statutory day keeps its date."""
    if not has_role(request.user, Role.ADMIN):
        raise PermissionDenied("修改普法重要节点须由系统管理员办理。")
    key_date = selectors.key_dates(active_only=False).filter(pk=key_date_id).first()
    if key_date is None:
        raise Http404("没有这个节点。")
    initial = {"month": key_date.month, "day": key_date.day, "span_days": key_date.span_days, "active": key_date.active}
    form = forms.KeyDateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_key_date(actor=request.user, key_date=key_date, **data)
            except DomainError as error:
                form.add_error(
                    getattr(error, "field", None) if getattr(error, "field", None) in form.fields else None,
                    error.message,
                )
            else:
                messages.success(request, f"“{key_date.name}”已修改。")
                return redirect("learning:pufa")
        status = 400
    return render(request, "learning/key_date_form.html", {"form": form, "key_date": key_date}, status=status)
