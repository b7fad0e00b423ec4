"""The supervisors' pages beyond the chain: the comparison page, 监督事项, and 案卷评查 (rounds, files, scoring)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.audit.hashing import sm3_file
from fazhi.core import charts, clock, listing, xlsx_export
from fazhi.core.errors import DomainError
from fazhi.core.step_views import post_step
from fazhi.supervision import comparison, filereview, permissions, selectors
from fazhi.supervision.alert_views import require_viewer
from fazhi.supervision.models import FileReviewStatus, Grade, MatterSource
from fazhi.supervision.overview import units_for
from fazhi.supervision.steps import CREATE_STEPS, MATTER_STEPS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require_supervisor(user) -> None:
    if not permissions.is_supervisor(user):
        raise PermissionDenied("只有监督人员可以办理此项。")


def _date(raw, default: date) -> date:
    try:
        return date.fromisoformat(str(raw))
    except (TypeError, ValueError):
        return default


# --- comparison -----------------------------------------------------------------------------------------------------


@login_required
def compare(request):
    require_viewer(request.user)
    today = clock.today()
    year = listing.int_param(request.GET.get("year"), minimum=2000, maximum=today.year + 1)
    default_first = date(year or today.year, 1, 1)
    first = _date(request.GET.get("from"), default_first)
    last = _date(request.GET.get("to"), date(first.year, 12, 31) if not year else date(year, 12, 31))
    error = ""
    if last < first:
        error = f"“截止日期”{last} 早于“起始日期”{first}，已按起始日期所在年度显示。"
        last = date(first.year, 12, 31)
    units, unit_label = units_for(request.user)
    rows, recorded = comparison.rows_for(request.user, units, first, last, today=today)
    figs = comparison.figures(request.user, rows, recorded, first, last, unit_label)
    chosen = charts.chosen(request, figs)
    if chosen is not None:
        return chosen.xlsx_response()
    if xlsx_export.wants_xlsx(request):
        return xlsx_export.download("对比分析.xlsx", f"对比分析 {first}至{last}", [unit_label, *comparison.HEADERS[1:]],
                                    comparison.table(rows, recorded))  # fmt: skip
    return render(request, "supervision/compare.html", {
        "first": first, "last": last, "unit_label": unit_label, "headers": [unit_label, *comparison.HEADERS[1:]],
        "table": comparison.table(rows, recorded), "figures": figs, "error": error,
        "years": list(range(today.year, 2015, -1)),
    }, status=400 if error else 200)  # fmt: skip


# --- 监督事项 -------------------------------------------------------------------------------------------------------


@login_required
def matter_list(request):
    require_viewer(request.user)
    qs = selectors.matters_visible_to(request.user).order_by("-opened_on", "-id")
    page = listing.page_of(request, qs)
    return render(
        request, "supervision/matters.html", {"page": page, "can_open": permissions.is_supervisor(request.user)}
    )


@login_required
def matter_new(request):
    _require_supervisor(request.user)
    if request.method == "POST":
        outcome = CREATE_STEPS.perform("open", actor=request.user, obj=None, data=request.POST)
        if outcome.ok:
            messages.success(request, f"已立项 {outcome.result.number}。")
            return redirect("supervision:matter", pk=outcome.result.pk)
        form = outcome.form
    else:
        initial = {"on": clock.today(), "source": MatterSource.ALERT if request.GET.get("rule") else ""}
        body = listing.int_param(request.GET.get("body"), minimum=1)
        if body:
            initial["body"] = body
        record = (request.GET.get("record") or "")[:150]
        if record:
            initial["title"] = record
        initial["alert_rule"] = (request.GET.get("rule") or "")[:60]
        url = request.GET.get("url") or ""
        initial["record_url"] = url[:255] if url.startswith("/") and not url.startswith("//") else ""
        form = CREATE_STEPS.get("open").form(initial=initial, obj=None, user=request.user)
    return render(request, "supervision/matter_new.html", {"form": form}, status=400 if form.errors else 200)


def _matter_page(request, matter, *, failed=None, failed_name=""):
    from fazhi.core.deadlines import of_subject

    return render(request, "supervision/matter_detail.html", {
        "matter": matter, "deadlines": list(of_subject(matter)),
        "offers": MATTER_STEPS.offer(matter, request.user, failed=failed, failed_name=failed_name),
    })  # fmt: skip


@login_required
def matter_detail(request, pk):
    require_viewer(request.user)
    return _matter_page(request, selectors.matter_detail(request.user, pk))


@login_required
@require_POST
def matter_step(request, pk, step):
    require_viewer(request.user)
    matter = selectors.matter_detail(request.user, pk)
    return post_step(request, MATTER_STEPS, matter, step,
                     render_page=lambda failed, name: _matter_page(request, matter, failed=failed, failed_name=name),
                     success=lambda _r: reverse("supervision:matter", args=[matter.pk]))  # fmt: skip


@login_required
def matter_document(request, pk):
    require_viewer(request.user)
    matter = selectors.matter_detail(request.user, pk)
    if not matter.document_file:
        raise Http404("尚未发出监督文书。")
    with default_storage.open(matter.document_file, "rb") as fh:
        data = fh.read()
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="matter-{matter.pk}.docx"'
    return response


# --- 案卷评查 ------------------------------------------------------------------------------------------------------


class RoundForm(forms.Form):
    name = forms.CharField(label="评查名称", max_length=200)
    period_from = forms.DateField(label="决定日期起", widget=forms.DateInput(attrs={"type": "date"}))
    period_to = forms.DateField(label="决定日期止", widget=forms.DateInput(attrs={"type": "date"}))
    per_body = forms.IntegerField(label="每个执法机关抽取件数", min_value=1, max_value=100, initial=5)
    seed = forms.CharField(label="随机种子（公布后方可抽取）", max_length=200)
    standard = forms.ChoiceField(label="评查标准", required=False)
    on = forms.DateField(label="公布日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, standards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].choices = [("", "默认标准"), *[(str(s.pk), s.name) for s in standards]]
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(f.widget, forms.Select)
                                      else "form-control form-control-sm")  # fmt: skip


class StandardImportForm(forms.Form):
    name = forms.CharField(label="标准名称", max_length=200)
    file = forms.FileField(label="评查标准 .xlsx")


def _standards(user):
    from fazhi.org.selectors import visible_body_ids
    from fazhi.supervision.models import ScoringStandard  # own app

    filereview.default_standard()
    return ScoringStandard.objects.filter(body__isnull=True) | ScoringStandard.objects.filter(
        body_id__in=visible_body_ids(user)
    )


@login_required
def round_list(request):
    require_viewer(request.user)
    user = request.user
    standards = list(_standards(user)) if permissions.is_supervisor(user) else []
    form = RoundForm(standards=standards, initial={"on": clock.today()})
    import_form = StandardImportForm()
    status = 200
    if request.method == "POST":
        _require_supervisor(user)
        if "import" in request.POST:
            import_form = StandardImportForm(request.POST, request.FILES)
            if import_form.is_valid():
                try:
                    std = filereview.import_standard(actor=user, body=user.body, name=import_form.cleaned_data["name"],
                                                     upload=import_form.cleaned_data["file"])  # fmt: skip
                    messages.success(request, f"已导入评查标准“{std.name}”（{len(std.items)} 项）。")
                    return redirect("supervision:rounds")
                except DomainError as e:
                    import_form.add_error(None, e.message)
            status = 400
        else:
            form = RoundForm(request.POST, standards=standards)
            if form.is_valid():
                cd = form.cleaned_data
                std = next((s for s in standards if str(s.pk) == cd["standard"]), None)
                try:
                    rnd = filereview.seed_round(actor=user, body=user.body, name=cd["name"], period_from=cd["period_from"],
                                                period_to=cd["period_to"], per_body=cd["per_body"], seed=cd["seed"],
                                                on=cd["on"], standard=std)  # fmt: skip
                    messages.success(request, "随机种子已记入审计链，可以抽取案卷。")
                    return redirect("supervision:round", pk=rnd.pk)
                except DomainError as e:
                    form.add_error(getattr(e, "field", None) if getattr(e, "field", None) in form.fields else None,
                                   e.message)  # fmt: skip
            status = 400
    rounds = selectors.rounds_visible_to(user).select_related("standard").order_by("-seeded_on", "-id")
    return render(request, "supervision/rounds.html", {
        "rounds": rounds, "form": form, "import_form": import_form, "can_organise": permissions.is_supervisor(user),
        "headers": filereview.XLSX_HEADERS,
    }, status=status)  # fmt: skip


def _reviewers(user):
    from fazhi.org.selectors import visible_staff

    return list(
        visible_staff(user).filter(groups__name__in=["监督人员", "法制审核人员"]).distinct().order_by("username")
    )


@login_required
def round_detail(request, pk):
    require_viewer(request.user)
    rnd = selectors.round_detail(request.user, pk)
    files = list(selectors.files_visible_to(request.user).filter(round=rnd))
    error = ""
    if request.method == "POST":
        _require_supervisor(request.user)
        try:
            if "draw" in request.POST:
                filereview.draw_round(actor=request.user, rnd=rnd, on=_date(request.POST.get("on"), clock.today()))
                messages.success(request, "已抽取案卷，案卷池哈希已记入审计链。")
            else:
                f = next((x for x in files if str(x.pk) == request.POST.get("file")), None)
                people = {str(p.pk): p for p in _reviewers(request.user)}
                if f is None:
                    raise Http404("没有这份案卷。")
                filereview.assign(actor=request.user, file=f, reviewer=people.get(request.POST.get("reviewer", "")),
                                  on=_date(request.POST.get("on"), clock.today()))  # fmt: skip
                messages.success(request, "已分配评查人。")
            return redirect("supervision:round", pk=rnd.pk)
        except DomainError as e:
            error = e.message
    return render(request, "supervision/round_detail.html", {
        "round": rnd, "files": files, "report": selectors.report_by_body(files), "error": error,
        "reviewers": _reviewers(request.user) if permissions.is_supervisor(request.user) else [],
        "can_organise": permissions.is_supervisor(request.user), "today": clock.today(), "grades": Grade,
    }, status=400 if error else 200)  # fmt: skip


def _evidence_checks(case) -> list[dict]:
    out = []
    for ev in case.evidence.all().order_by("id"):
        try:
            with default_storage.open(ev.file_name, "rb") as fh:
                ok = sm3_file(fh) == ev.sm3
        except OSError:
            ok = False
        out.append({"item": ev, "ok": ok})
    return out


@login_required
def file_detail(request, pk):
    """The whole case file read-only: the case, documents, evidence with its SM3 re-checked now, the case's chain
    entries, and the scoring form for the assigned reviewer (pre-filled from the record)."""
    from fazhi.enforcement.selectors import case_detail, timeline

    f = selectors.file_detail(request.user, pk)
    if not (permissions.can_view_alerts(request.user) or f.reviewer_id == request.user.pk):
        raise PermissionDenied("您没有查看评查案卷的权限。")
    case = case_detail(request.user, f.case_id)
    proposals = filereview.proposed_scores(f, actor=request.user)
    error, field = "", ""
    values = {p["key"]: (p["proposed"], "") for p in proposals}
    if request.method == "POST":
        if f.reviewer_id != request.user.pk:
            raise PermissionDenied("只有分配的评查人可以评分。")
        values = {p["key"]: (request.POST.get(f"score_{p['key']}", ""), request.POST.get(f"note_{p['key']}", ""))
                  for p in proposals}  # fmt: skip
        try:
            filereview.score(actor=request.user, file=f, on=_date(request.POST.get("on"), clock.today()),
                             scores=values)  # fmt: skip
            messages.success(request, "评分已保存。")
            return redirect("supervision:file", pk=f.pk)
        except DomainError as e:
            error, field = e.message, getattr(e, "field", "") or ""
    for p in proposals:
        p["value"], p["note"] = values[p["key"]]
    return render(request, "supervision/file_detail.html", {
        "file": f, "case": case, "documents": case.documents.all().order_by("id"), "evidence": _evidence_checks(case),
        "entries": timeline(case), "proposals": proposals, "error": error, "error_field": field,
        "can_score": f.reviewer_id == request.user.pk and f.status == FileReviewStatus.ASSIGNED,
        "today": clock.today(),
    }, status=400 if error else 200)  # fmt: skip
