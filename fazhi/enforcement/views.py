"""Thin views: read through selectors, write through services. Every case step goes through ``CASE_STEPS`` (its Django
form, its service): a refused step re-renders the case page with the form bound and the Chinese message; a
successful POST redirects (post/redirect/get). The case page lists the steps without their forms; a step's URL gives
its form when the officer opens it (ADR 0082)."""

from __future__ import annotations

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from fazhi.core.access import NotInScope, Role, has_role
from fazhi.core.errors import DomainError
from fazhi.core.step_views import open_or_post_step
from fazhi.core.steps import today
from fazhi.enforcement import documents, forms, page_reads, selectors, services
from fazhi.enforcement.steps import CASE_STEPS
from fazhi.enforcement.workflow import Procedure, Status


def _context(request, case, *, failed=None, failed_name: str = "", open_name: str = "") -> dict:
    with page_reads.drawing(case):  # the steps' shared questions answered once (nothing is written while drawing)
        return _read_context(request, case, failed=failed, failed_name=failed_name, open_name=open_name)


def _read_context(request, case, *, failed, failed_name: str, open_name: str) -> dict:
    case_deadlines = selectors.case_deadlines(case)  # first: the step guards' own deadlines are among these rows
    offers = CASE_STEPS.offer(
        case, request.user, failed=failed, failed_name=failed_name, lazy=True, open_name=open_name
    )
    return {
        "case": case,
        "offers": offers,
        "stages": selectors.stage_bar(case),
        "waiting": selectors.waiting_for(case),
        "failed_name": failed_name,
        "deadlines": case_deadlines,
        "timeline": selectors.timeline(case, case_deadlines),
        "acts": _with_officers(page_reads.case_acts(case)),
        "evidence": case.evidence.all(),
        "documents": documents.current_documents(case),
        "statements": case.statements.all(),
        "preservations": page_reads.case_preservations(case),
        "deliberations": page_reads.case_deliberations(case),
        "services_done": page_reads.case_services(case),
        "payments": page_reads.case_payments(case),
        "remedies": page_reads.case_remedies(case),
        "hearing": getattr(case, "hearing", None),
        "officers": page_reads.case_officers(case),
        "reviews": _reviews(case),
        "opinions": _opinions(case),
        "review_reasons": services.review_reasons(case) if case.proposed_on else [],
        "surcharge": (
            services.surcharge_on(case, today(), remedies=page_reads.case_remedies(case))
            if case.payment_due_on
            else None
        ),
    }


def _with_officers(acts: list) -> list:
    prefetch_related_objects(acts, "officers")
    return acts


def _opinions(case):
    from fazhi.counsel.selectors import opinions_for

    return opinions_for(case)


def _reviews(case):
    return page_reads.case_rounds(case)


CASE_EXPORT_HEADERS = [
    "案号",
    "决定书文号",
    "执法机关",
    "当事人",
    "案由",
    "程序",
    "发现日期",
    "决定日期",
    "状态",
    "罚款（元）",
]


@login_required
def case_list(request):
    """The cases in scope, filtered by 执法机关 (a body and those below it), state, procedure, year and words; 50 a
    page; ``?format=xlsx`` exports every filtered row. One query for the page whatever its length."""
    from fazhi.core import listing, xlsx_export
    from fazhi.core.validation import clean_year
    from fazhi.org.selectors import visible_bodies

    status = request.GET.get("status", "")
    procedure = request.GET.get("procedure", "")
    query = request.GET.get("q", "").strip()[:100]
    year = clean_year(request.GET.get("year"))  # letters, -1 or 99999999999: 400 naming 年度
    body_filter = listing.BodyFilter(
        visible_bodies(request.user), request.GET.get("body"), count_by_body=selectors.case_counts_in_bodies
    )
    cases = body_filter.apply(
        selectors.case_list(request.user, status=status, procedure=procedure, query=query, year=year)
    )
    if xlsx_export.wants_xlsx(request):
        rows = (
            [
                c.number,
                c.decision_number,
                c.body.name,
                c.party_name,
                c.title,
                c.get_procedure_display(),
                c.discovered_on,
                c.decided_on,
                c.get_status_display(),
                c.fine_amount,
            ]
            for c in cases[: listing.EXPORT_LIMIT]
        )
        return xlsx_export.download("行政处罚案件.xlsx", "行政处罚案件", CASE_EXPORT_HEADERS, rows)
    narrowed = status or procedure or query or year  # else the total is the counts the body filter read
    total = None if narrowed else body_filter.holding_total
    page = listing.page_of(request, listing.PerBodyPages(cases, body_filter.holding_ids, total=total))
    return render(
        request,
        "enforcement/case_list.html",
        {
            "page": page,
            "cases": selectors.case_list_rows(page.object_list),
            "total": page.paginator.count,
            "statuses": Status.choices,
            "procedures": Procedure.choices,
            "status": status,
            "procedure": procedure,
            "q": query,
            "year": year or "",
            "body_filter": body_filter,
            "can_register": has_role(request.user, Role.OFFICER) or has_role(request.user, Role.LEADER),
        },
    )


def _may_register(user) -> bool:
    return has_role(user, Role.OFFICER) or has_role(user, Role.LEADER)


def _body_for(user):
    """The 行政机关 a user's cases belong to: their town (or the body itself above town level)."""
    from fazhi.org.selectors import town_of

    return town_of(user.body) or user.body


def _create_page(request, *, form_class, template: str, create, done: str, allowed: bool):
    """A page whose form creates a case (案源登记, 当场处罚): the same form as the API, every typed value kept."""
    if not allowed:
        raise Http404("无权办理")
    form = form_class(request.POST or None, obj=None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = create(actor=request.user, body=_body_for(request.user), **form.service_kwargs())
        except NotInScope as exc:
            raise Http404(str(exc)) from exc
        except DomainError as exc:
            field = getattr(exc, "field", None)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, done.format(case=case))
            return redirect("enforcement:case_detail", case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    return _create_page(
        request,
        form_class=forms.RegisterLeadForm,
        template="enforcement/case_new.html",
        create=services.register_lead,
        done="案源已登记。",
        allowed=_may_register(request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def summary_new(request):
    return _create_page(
        request,
        form_class=forms.SummaryForm,
        template="enforcement/summary_new.html",
        create=services.decide_on_the_spot,
        done="已当场作出处罚决定 {case.decision_number}，请及时备案。",
        allowed=has_role(request.user, Role.OFFICER),
    )


@login_required
def case_detail(request, case_id: int):
    case = selectors.case_detail(request.user, case_id)
    return render(request, "enforcement/case_detail.html", _context(request, case))


@login_required
@require_http_methods(["GET", "POST"])
def case_step(request, case_id: int, step: str):
    """One step of the case. GET opens it: htmx gets the step with its form, a browser without script the case page
    with that form open (404 outside the user's scope or for a step that is not the case's now, 403 for another
    role's step or one the rules block). POST takes it; a refusal redraws the case page with the form bound (400)."""
    case = selectors.case_detail(request.user, case_id)

    def render_page(*, failed=None, failed_name="", open_name=""):
        fresh = selectors.case_detail(request.user, case_id) if failed is not None else case
        context = _context(request, fresh, failed=failed, failed_name=failed_name, open_name=open_name)
        return render(request, "enforcement/case_detail.html", context)

    def render_fragment(offer):
        return render(request, "enforcement/_case_step.html", {"case": case, "offer": offer})

    # Opening a step only reads (its guards answered once, as on the page); a POST's service must read afresh.
    with page_reads.drawing(case) if request.method == "GET" else nullcontext():
        return open_or_post_step(
            request,
            CASE_STEPS,
            case,
            step,
            render_page=render_page,
            render_fragment=render_fragment,
            success=lambda _result: reverse("enforcement:case_detail", args=[case.pk]),
        )


@login_required
def evidence_file(request, case_id: int, evidence_id: int):
    case = selectors.case_detail(request.user, case_id)
    item = case.evidence.filter(pk=evidence_id).first()
    if item is None:
        raise Http404("证据不存在")
    return FileResponse(default_storage.open(item.file_name, "rb"), as_attachment=True, filename=item.original_name)


@login_required
def document_file(request, case_id: int, document_id: int):
    case = selectors.case_detail(request.user, case_id)
    doc = case.documents.filter(pk=document_id).first()
    if doc is None:
        raise Http404("文书不存在")
    return FileResponse(
        default_storage.open(doc.file_name, "rb"),
        as_attachment=True,
        filename=documents.file_name(doc.title, doc.number),
    )


@login_required
def propose_levels(request, case_id: int):
    """htmx: the discretion bands of the power item just chosen in the proposal form (第三十四条)."""
    case = selectors.case_detail(request.user, case_id)
    form = forms.ProposeForm(
        obj=case,
        user=request.user,
        initial={"power_version": request.GET.get("power_version", "")},
        auto_id="propose-%s",
    )
    return render(request, "steps/_field.html", {"field": form["benchmark_level"]})


@login_required
def document_preview(request, case_id: int, kind: str):
    """A draft of the document a step will issue (事先告知书, 决定书), built from the record as it is now, never stored."""
    case = selectors.case_detail(request.user, case_id)
    try:
        built = documents.build(case, kind, draft=True)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    response = HttpResponse(built.data, content_type=documents.DOCX)
    response["Content-Disposition"] = content_disposition_header(True, documents.file_name(f"{built.title}（预览稿）"))
    return response
