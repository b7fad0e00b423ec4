"""Staff pages: the register, a new draft, one document with its steps, the 备案 report, the 清理 rounds."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import deadlines
from fazhi.core.access import NotInScope, Role, has_any_role
from fazhi.core.errors import DomainError, InvalidInput
from fazhi.core.listing import page_of
from fazhi.core.step_views import post_step
from fazhi.normative import documents, forms, selectors, services
from fazhi.normative.models import CleanupDecision, Status
from fazhi.normative.steps import DOC_STEPS
from fazhi.normative.workflow import DRAFTERS
from fazhi.review import selectors as review_selectors

VIEWERS = (Role.DISCLOSURE_CLERK, Role.LEADER, Role.SUPERVISOR, Role.LEGAL_REVIEWER, Role.ADMIN)
CLEANERS = (Role.SUPERVISOR, Role.LEADER)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _viewer(request) -> None:
    if not has_any_role(request.user, *VIEWERS):
        raise PermissionDenied("查看行政规范性文件须具有政务公开专员、负责人、法制审核人员或监督人员角色。")


def _date_param(raw) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def register(request):
    _viewer(request)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    query = (request.GET.get("q") or "").strip()[:50]
    qs = selectors.register(request.user, status=status, query=query)
    return render(
        request,
        "normative/register.html",
        {
            "page": page_of(request, qs),
            "statuses": Status.choices,
            "status": status,
            "q": query,
            "can_draft": has_any_role(request.user, *DRAFTERS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    if not has_any_role(request.user, *DRAFTERS):
        raise PermissionDenied("起草行政规范性文件须具有政务公开专员或负责人角色。")
    form = forms.DraftForm(request.POST or None, user=request.user, auto_id="draft-%s")
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.draft(actor=request.user, **form.cleaned_data)
        except NotInScope as exc:
            raise Http404("机关不存在") from exc
        except DomainError as exc:
            field = getattr(exc, "field", None)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, "已起草。")
            return redirect("normative:detail", doc.pk)
    return render(request, "normative/new.html", {"form": form}, status=400 if form.errors else 200)


def _detail_page(request, doc, *, failed=None, failed_name: str = ""):
    on = _date_param(request.GET.get("on"))
    return render(
        request,
        "normative/detail.html",
        {
            "doc": doc,
            "versions": selectors.versions_of(doc),
            "comments": selectors.comments_of(doc),
            "deadlines": deadlines.of_subject(doc),
            "rounds": review_selectors.rounds_for("normative.normativedocument", doc.pk),
            "on": on,
            "text_then": selectors.text_on(doc, on) if on else None,
            "offers": DOC_STEPS.offer(doc, request.user, failed=failed, failed_name=failed_name),
            "failed": failed,
        },
        status=400 if failed else 200,
    )


@login_required
def detail(request, pk: int):
    _viewer(request)
    return _detail_page(request, selectors.document_for(request.user, pk))


@login_required
@require_POST
def action(request, pk: int, name: str):
    doc = selectors.document_for(request.user, pk)
    return post_step(
        request,
        DOC_STEPS,
        doc,
        name,
        render_page=lambda failed, step: _detail_page(request, doc, failed=failed, failed_name=step),
        success=lambda _result: reverse("normative:detail", args=[doc.pk]),
    )


@login_required
def filing_report(request, pk: int):
    _viewer(request)
    doc = selectors.document_for(request.user, pk)
    if doc.published_on is None:
        raise Http404("文件尚未公布")
    response = HttpResponse(documents.filing_report_docx(doc), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="filing-{doc.pk}.docx"'
    return response


# --- 清理 -------------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def cleanups(request):
    _viewer(request)
    error = ""
    if request.method == "POST":
        if not has_any_role(request.user, *CLEANERS):
            raise PermissionDenied("启动清理须具有负责人或监督人员角色。")
        try:
            body = request.user.body
            cleanup = services.open_cleanup(
                actor=request.user,
                body=body if body.kind in ("district", "town") else body.parent,
                title=request.POST.get("title", ""),
                on=_date_param(request.POST.get("on")),
            )
        except DomainError as exc:
            error = exc.message
        else:
            return redirect("normative:cleanup", cleanup.pk)
    return render(
        request,
        "normative/cleanups.html",
        {"cleanups": selectors.cleanups_visible_to(request.user), "error": error,
         "can_open": has_any_role(request.user, *CLEANERS)},
        status=400 if error else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def cleanup(request, pk: int):
    _viewer(request)
    round_ = selectors.cleanup_for(request.user, pk)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("publish"):
                services.publish_cleanup(actor=request.user, cleanup=round_, on=_date_param(request.POST.get("on")))
                messages.success(request, "清理结果已公布。")
            else:
                form = forms.CleanupDecisionForm(request.POST)
                if not form.is_valid():
                    raise InvalidInput("请选择清理意见。", field="decision")
                services.decide_in_cleanup(actor=request.user, cleanup=round_, document=request.POST.get("document"),
                                           **form.cleaned_data)  # fmt: skip
                messages.success(request, "清理意见已保存。")
        except NotInScope as exc:
            raise Http404("清理不存在") from exc
        except (DomainError, ValueError) as exc:
            error = getattr(exc, "message", "输入有误。")
        else:
            return redirect("normative:cleanup", round_.pk)
        round_.refresh_from_db()
    items = selectors.cleanup_items(round_)
    docs = list(services.cleanup_documents(round_)) if round_.status == "open" else []
    return render(
        request,
        "normative/cleanup.html",
        {
            "cleanup": round_,
            "rows": [(d, items.get(d.pk)) for d in docs],
            "lists": selectors.cleanup_lists(round_),
            "decisions": CleanupDecision.choices,
            "error": error,
            "can_decide": has_any_role(request.user, *CLEANERS),
        },
        status=400 if error else 200,
    )
