"""JSON API for penalty cases: read cases and perform the steps through the same services.

Authentication is the API's own (fazhi/api.py, fazhi.accounts.api): a bearer token from the account page,
``POST /api/v1/accounts/tokens`` or ``fazhi api_token``, or the session with its CSRF check.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema, Status

from fazhi.core.access import NotInScope
from fazhi.core.errors import DomainError
from fazhi.core.step_api import StepErrorOut, add_step_routes, step_schema
from fazhi.core.step_specs import StepSpec, form_data
from fazhi.core.validation import Id, Limit, Offset, SearchText, Year
from fazhi.enforcement import forms, selectors, services
from fazhi.enforcement.steps import CASE_STEPS

router = Router(tags=["行政处罚案件"])


class CaseOut(Schema):
    id: int
    number: str
    decision_number: str
    procedure: str
    status: str
    status_label: str
    title: str
    party_name: str
    discovered_on: date
    filed_on: date | None
    decided_on: date | None
    outcome: str
    fine_amount: Decimal | None
    next_step: str


class CaseDeadlineOut(Schema):
    rule: str
    citation: str
    start: date
    due: date
    state: str


class CaseDetailOut(CaseOut):
    deadlines: list[CaseDeadlineOut]
    timeline: list[str]


def _out(case) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "decision_number": case.decision_number,
        "procedure": case.procedure,
        "status": case.status,
        "status_label": case.get_status_display(),
        "title": case.title,
        "party_name": case.party_name,
        "discovered_on": case.discovered_on,
        "filed_on": case.filed_on,
        "decided_on": case.decided_on,
        "outcome": case.outcome,
        "fine_amount": case.fine_amount,
        "next_step": selectors.NEXT_STEP.get(case.status, ""),
    }


@router.get("/cases", response=list[CaseOut])
def list_cases(
    request,
    status: SearchText = "",
    year: Year | None = None,
    q: SearchText = "",
    limit: Limit = 100,
    offset: Offset = 0,
):
    """本人可见的案件（本镇或本区），按发现日期倒序。"""
    limit = max(1, min(limit, 500))
    qs = selectors.case_list(request.user, status=status, query=q, year=year)[offset : offset + limit]
    return [_out(c) for c in qs]


@router.get("/cases/{case_id}", response=CaseDetailOut)
def get_case(request, case_id: Id):
    case = selectors.case_detail(request.user, case_id)
    data = _out(case)
    data["deadlines"] = [
        {"rule": d.rule_name, "citation": d.rule_citation, "start": d.start_date, "due": d.due_date, "state": d.state}
        for d in selectors.case_deadlines(case)
    ]
    data["timeline"] = [
        f"#{e.seq} {e.at:%Y-%m-%d} {e.actor_label} {e.get_event_display()}" for e in selectors.timeline(case)
    ]
    return data


def _load(request, case_id: int):
    return selectors.case_detail(request.user, case_id)


# Every step of CASE_STEPS, with the same form (and so the same inputs and messages) as the case page.
add_step_routes(
    router,
    CASE_STEPS,
    path="/cases/{case_id}/steps",
    prefix="Case",
    load=_load,
    out=_out,
    out_schema=CaseOut,
    id_name="case_id",
)


def _create(request, form_class, create, values: dict):
    form = form_class(form_data(values), obj=None, user=request.user)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()}
        return Status(400, {"detail": str(first), "field": next(iter(form.errors)), "errors": errors})
    try:
        case = create(actor=request.user, body=_body_for(request.user), **form.service_kwargs())
    except NotInScope as exc:
        raise Http404(str(exc)) from exc
    except DomainError as exc:
        return Status(400, {"detail": exc.message, "field": getattr(exc, "field", None), "errors": {}})
    return Status(201, _out(selectors.case_detail(request.user, case.pk)))


def _body_for(user):
    from fazhi.org.selectors import town_of

    return town_of(user.body) or user.body


RegisterLeadIn = step_schema("Case", StepSpec("register_lead", "登记案源", forms.RegisterLeadForm, lambda **kw: None))
SummaryIn = step_schema("Case", StepSpec("decide_on_the_spot", "当场处罚", forms.SummaryForm, lambda **kw: None))


@router.post("/cases", response={201: CaseOut, 400: StepErrorOut}, operation_id="case_register_lead")
def register_lead(request, body: RegisterLeadIn):
    """登记案源（与页面相同的表单）：开始计算立案期限（第五十四条）。"""
    return _create(request, forms.RegisterLeadForm, services.register_lead, body.model_dump())


@router.post("/cases/summary", response={201: CaseOut, 400: StepErrorOut}, operation_id="case_decide_on_the_spot")
def decide_on_the_spot(request, body: SummaryIn):
    """简易程序当场作出行政处罚决定（第五十一条、第五十二条）。"""
    return _create(request, forms.SummaryForm, services.decide_on_the_spot, body.model_dump())
