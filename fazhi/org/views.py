"""Pages for staff, certificates and training hours. Thin: scope and role checks, then a selector or a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.errors import DomainError, InvalidInput
from fazhi.org import selectors, services
from fazhi.org.errors import TrainingImportError
from fazhi.org.forms import (
    CertificateIssueForm,
    CertificateReasonForm,
    CertificateRestoreForm,
    LegalQualificationForm,
    TrainingForm,
    TrainingImportForm,
    chinese_errors,
)
from fazhi.org.models import CertificateStatus
from fazhi.org.permissions import can_manage_org, can_manage_person


def _year(request) -> int:
    today = clock.today()
    try:
        year = int(request.GET.get("year", today.year))
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _person_or_404(user, person_id: int):
    person = selectors.person_in_scope(user, person_id)
    if person is None:
        raise Http404("没有这名人员，或不在您的查看范围内。")
    return person


def _managed_person(request, person_id: int):
    person = _person_or_404(request.user, person_id)
    if not can_manage_person(request.user, person):
        raise PermissionDenied("只有本镇的系统管理员或负责人可以办理。")
    return person


def _managed_certificate(request, certificate_id: int):
    cert = selectors.visible_certificates(request.user).filter(pk=certificate_id).first()
    if cert is None:
        raise Http404("没有这份执法证件，或不在您的查看范围内。")
    if not can_manage_person(request.user, cert.holder):
        raise PermissionDenied("只有本镇的系统管理员或负责人可以办理。")
    return cert


@login_required
def officer_list(request):
    year = _year(request)
    bodies = selectors.visible_bodies(request.user).order_by("path")
    body_id = request.GET.get("body")
    try:
        body_id = int(body_id) if body_id else None
    except ValueError:
        body_id = None
    rows = selectors.officer_rows(request.user, year, body_id=body_id)
    return render(
        request,
        "org/officer_list.html",
        {"rows": rows, "year": year, "bodies": bodies, "body_id": body_id, "today": clock.today()},
    )


@login_required
def officer_detail(request, person_id: int):
    person = _person_or_404(request.user, person_id)
    year = _year(request)
    today = clock.today()
    certificates = selectors.person_certificates(person)
    cert_rows = [
        {"cert": c, "status": c.status_on(today), "history": list(selectors.certificate_history(c))}
        for c in certificates
    ]
    may, reason = selectors.enforcement_status(person, today)
    summary = selectors.my_training_summary(person, year)
    return render(
        request,
        "org/officer_detail.html",
        {
            "person": person,
            "roles": sorted(g.name for g in person.groups.all()),
            "cert_rows": cert_rows,
            "may_enforce": may,
            "enforce_reason": reason,
            "training": selectors.person_training(person, year),
            "summary": summary,
            "year": year,
            "can_manage": can_manage_person(request.user, person),
            "Status": CertificateStatus,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def legal_qualification(request, person_id: int):
    """登记法律职业资格 (行政处罚法 第五十八条第二款) and 法学专业背景."""
    person = _managed_person(request, person_id)
    initial = {
        "number": person.legal_qualification_number,
        "obtained_on": person.legal_qualified_on,
        "legal_background": person.legal_background,
    }
    form = LegalQualificationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_legal_qualification(
                    actor=request.user,
                    user=person,
                    number=form.cleaned_data["number"],
                    obtained_on=form.cleaned_data["obtained_on"],
                    legal_background=form.cleaned_data["legal_background"],
                )
            except DomainError as error:
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, error.message)
            else:
                messages.success(request, f"已登记{person}的法律职业资格和法学背景。")
                return redirect("org:officer_detail", person_id=person.pk)
        chinese_errors(form)
    return render(request, "org/certificate_form.html", {"form": form, "person": person, "title": "登记法律职业资格"})


@login_required
def certificates_expiring(request):
    window = selectors.expiry_window_days(request.user)
    certs = selectors.certificates_expiring(request.user, within_days=window)
    today = clock.today()
    rows = [{"cert": c, "days_left": (c.valid_to - today).days} for c in certs]
    return render(request, "org/certificates_expiring.html", {"rows": rows, "window": window, "today": today})


@login_required
def training_short(request):
    year = _year(request)
    rows = selectors.people_short_of_hours(request.user, year)
    years = list(range(clock.today().year, 2013, -1))
    return render(
        request,
        "org/training_short.html",
        {"rows": rows, "year": year, "years": years, "can_import": _may_import_training(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_issue(request, person_id: int):
    person = _managed_person(request, person_id)
    form = CertificateIssueForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.issue_certificate(actor=request.user, holder=person, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"已为{person}登记执法证件 {form.cleaned_data['number']}。")
                return redirect("org:officer_detail", person_id=person.pk)
        chinese_errors(form)
    return render(request, "org/certificate_form.html", {"form": form, "person": person, "title": "登记执法证件"})


def _certificate_action(request, certificate_id: int, *, action: str, form_class, service, title: str):
    cert = _managed_certificate(request, certificate_id)
    form = form_class(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                service(actor=request.user, certificate=cert, reason=form.cleaned_data["reason"])
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"执法证件 {cert.number} 已{action}。")
                return redirect("org:officer_detail", person_id=cert.holder_id)
        chinese_errors(form)
    return render(
        request,
        "org/certificate_form.html",
        {"form": form, "person": cert.holder, "certificate": cert, "title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_suspend(request, certificate_id: int):
    return _certificate_action(
        request,
        certificate_id,
        action="暂扣",
        form_class=CertificateReasonForm,
        service=services.suspend_certificate,
        title="暂扣执法证件",
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_restore(request, certificate_id: int):
    return _certificate_action(
        request,
        certificate_id,
        action="恢复",
        form_class=CertificateRestoreForm,
        service=services.restore_certificate,
        title="恢复执法证件",
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request, certificate_id: int):
    return _certificate_action(
        request,
        certificate_id,
        action="注销",
        form_class=CertificateReasonForm,
        service=services.revoke_certificate,
        title="注销执法证件",
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_record(request, person_id: int):
    person = _managed_person(request, person_id)
    form = TrainingForm(request.POST or None, initial={"date": clock.today()})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_training(
                    actor=request.user,
                    person=person,
                    on=data["date"],
                    topic=data["topic"],
                    hours=data["hours"],
                    source=data["source"],
                    note=data["note"],
                )
            except InvalidInput as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"已为{person}登记培训学时 {data['hours']}。")
                return redirect(reverse("org:officer_detail", args=[person.pk]) + f"?year={data['date'].year}")
        chinese_errors(form)
    return render(request, "org/training_form.html", {"form": form, "person": person})


def _may_import_training(user) -> bool:
    root = selectors.scope_root(user)
    return can_manage_org(user, root.pk if root else None)


@login_required
@require_http_methods(["GET", "POST"])
def training_import(request):
    """Upload a training sheet for the people in one's own scope; all rows or none (same service as the command)."""
    if not _may_import_training(request.user):
        raise PermissionDenied("只有系统管理员或负责人可以导入培训学时。")
    form = TrainingImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = services.read_training_workbook(upload)
            except Exception:  # openpyxl raises several kinds for a damaged or non-xlsx file
                form.add_error("file", "无法读取该文件，请确认是 Excel（.xlsx）格式。")
            else:
                try:
                    created = services.import_training(
                        actor=request.user,
                        rows=rows,
                        people=selectors.visible_staff(request.user),
                        file_name=upload.name,
                    )
                except TrainingImportError as error:
                    problems = error.problems
                    form.add_error(None, "培训学时导入失败，未导入任何记录。请按下列提示修改后重新上传。")
                else:
                    total = sum(r.hours for r in created)
                    messages.success(request, f"已导入 {len(created)} 条培训记录，共 {total} 学时。")
                    return redirect("org:training_short")
        chinese_errors(form)
    return render(request, "org/training_import.html", {"form": form, "problems": problems})
