"""Staff pages of mediation: thin views over selectors and the declared steps (steps.py).

Privacy (ADR 0052): lists and statistics carry no personal data except for 调解员; a case file opened by anyone else
(负责人, 监督人员) is recorded on the chain at each read; the .xlsx of the list carries parties only for 调解员, and
that export is itself on the chain.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import charts, clock, listing, xlsx_export
from fazhi.core.access import has_any_role
from fazhi.core.step_views import post_step, role_gate
from fazhi.mediation import documents, forms, selectors, services, statistics
from fazhi.mediation.models import DisputeKind, DisputeStatus
from fazhi.mediation.permissions import (
    FILE_READERS,
    HANDLERS,
    REGISTRARS,
    VIEWERS,
    can_handle_mediation,
    sees_parties,
)
from fazhi.mediation.steps import CREATE_STEPS, DISPUTE_STEPS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


viewer_required = role_gate(VIEWERS, "查看人民调解事项")
reader_required = role_gate(FILE_READERS, "查阅调解卷宗")
handler_required = role_gate(HANDLERS, "办理人民调解事项")
registrar_required = role_gate(REGISTRARS, "登记人民调解组织")


def _home(request):
    body = selectors.home_body(request.user)
    if body is None:
        raise PermissionDenied("您不属于任何镇街。")
    return body


EXPORT_HEADERS = ["登记号", "登记日期", "纠纷类型", "来源", "村/社区", "风险等级", "状态", "办结日期"]


@viewer_required
def dispute_list(request):
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    community = listing.int_param(request.GET.get("community"), minimum=1)
    with_parties = sees_parties(request.user)
    qs = selectors.dispute_list(request.user, status=status, kind=kind, community=community, with_parties=with_parties)
    if xlsx_export.wants_xlsx(request):
        items = list(qs[: listing.EXPORT_LIMIT])
        headers = EXPORT_HEADERS + (["当事人"] if with_parties else [])
        rows = [
            [d.number, d.registered_on, d.get_kind_display(), d.get_source_display(), d.community.name,
             d.get_risk_display(), d.get_status_display(), d.closed_on]
            + (["；".join(f"{p.get_side_display()}：{p.name}" for p in d.parties.all())] if with_parties else [])
            for d in items
        ]  # fmt: skip
        if with_parties:
            services.note_export(actor=request.user, body_id=selectors.home_body(request.user).pk, rows=len(rows))
        return xlsx_export.download("矛盾纠纷台账.xlsx", "矛盾纠纷台账", headers, rows)
    page = listing.page_of(request, qs)
    return render(
        request,
        "mediation/dispute_list.html",
        {
            "page": page,
            "items": page.object_list,
            "status": status,
            "kind": kind,
            "statuses": DisputeStatus.choices,
            "kinds": DisputeKind.choices,
            "with_parties": with_parties,
            "can_handle": can_handle_mediation(request.user),
            "risks": selectors.open_risks(request.user).count(),
        },
    )


@handler_required
def dispute_new(request):
    body = _home(request)
    form = forms.DisputeForm(user=request.user, initial={"registered_on": clock.today()})
    if request.method == "POST":
        outcome = CREATE_STEPS.perform("register", actor=request.user, obj=None, data=request.POST)
        if outcome.ok:
            messages.success(request, f"已登记 {outcome.result.number}。")
            return redirect("mediation:dispute_detail", pk=outcome.result.pk)
        form = outcome.form
    return render(
        request, "mediation/dispute_form.html", {"form": form, "body": body}, status=400 if form.errors else 200
    )


def _detail_page(request, dispute, *, failed=None, failed_name: str = "", status: int = 200):
    context = {
        "d": dispute,
        **selectors.case_file(dispute),
        "offers": DISPUTE_STEPS.offer(dispute, request.user, failed=failed, failed_name=failed_name),
        "step_url": "mediation:dispute_action",
        "open_action": failed_name,
        "today": clock.today(),
    }
    return render(request, "mediation/dispute_detail.html", context, status=status)


@reader_required
def dispute_detail(request, pk):
    dispute = selectors.dispute_detail(request.user, pk)
    services.note_file_read(actor=request.user, dispute=dispute)
    return _detail_page(request, dispute)


@handler_required
@require_POST
def dispute_action(request, pk, action):
    dispute = selectors.dispute_detail(request.user, pk)
    return post_step(
        request,
        DISPUTE_STEPS,
        dispute,
        action,
        render_page=lambda failed, name: _detail_page(request, dispute, failed=failed, failed_name=name),
        success=lambda _result: reverse("mediation:dispute_detail", args=[dispute.pk]),
    )


@reader_required
def agreement_docx(request, pk):
    dispute = selectors.dispute_detail(request.user, pk)
    agreement = selectors.case_file(dispute)["agreement"]
    if agreement is None or agreement.form != "written":
        raise PermissionDenied("本纠纷没有书面调解协议书。")
    services.note_file_read(actor=request.user, dispute=dispute, what="下载调解协议书")
    response = HttpResponse(documents.agreement_docx(agreement), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="agreement-{dispute.pk}.docx"'
    return response


# --- committees, villages, screening -------------------------------------------------------------------------------


@viewer_required
def committees(request):
    registrar = has_any_role(request.user, *REGISTRARS)
    committee_form = forms.CommitteeForm(user=request.user) if registrar else None
    community_form = forms.CommunityForm(user=request.user) if registrar else None
    status = 200
    if request.method == "POST":
        if not registrar:
            raise PermissionDenied("登记人民调解组织须由调解员或系统管理员办理。")
        name = "community" if request.POST.get("step") == "community" else "committee"
        outcome = CREATE_STEPS.perform(name, actor=request.user, obj=None, data=request.POST)
        if outcome.ok:
            messages.success(request, f"已登记：{outcome.result}。")
            return redirect("mediation:committees")
        status = 400
        if name == "community":
            community_form = outcome.form
        else:
            committee_form = outcome.form
    return render(
        request,
        "mediation/committees.html",
        {
            "committees": selectors.committees_visible_to(request.user),
            "committee_form": committee_form,
            "community_form": community_form,
            "show_phone": sees_parties(request.user),
        },
        status=status,
    )


@viewer_required
def screenings(request):
    form = forms.ScreeningForm(user=request.user, initial={"held_on": clock.today()})
    if request.method == "POST":
        if not can_handle_mediation(request.user):
            raise PermissionDenied("矛盾纠纷排查须由调解员办理。")
        outcome = CREATE_STEPS.perform("screening", actor=request.user, obj=None, data=request.POST)
        if outcome.ok:
            messages.success(request, f"已记录排查，在册未结纠纷 {len(outcome.result.risks)} 件。")
            return redirect("mediation:screenings")
        form = outcome.form
    return render(
        request,
        "mediation/screenings.html",
        {
            "items": selectors.screenings_visible_to(request.user)[:50],
            "form": form if can_handle_mediation(request.user) else None,
            "risks": selectors.open_risks(request.user).order_by("-risk", "registered_on"),
        },
        status=400 if form.errors else 200,
    )


@viewer_required
def stats(request):
    years = selectors.years_with_disputes(request.user)
    year = listing.int_param(request.GET.get("year"), minimum=2000, maximum=2100) or (
        years[0] if years else clock.today().year
    )
    figures = selectors.figures_for(request.user, year)
    built = statistics.build(figures)
    wanted = charts.chosen(request, built)
    if wanted is not None:
        return wanted.xlsx_response()
    return render(request, "mediation/stats.html", {"f": figures, "figures": built, "years": years, "year": year})
