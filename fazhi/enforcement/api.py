"""JSON API for penalty cases: read cases and perform the steps through the same services.

Authentication: the session (django_auth), or a bearer token ``Authorization: Bearer <token>`` where the token is
the user id signed with the project's secret key (``TimestampSigner``, salt "fazhi.enforcement.api", valid 30 days by
default). Tokens come from ``POST /api/v1/enforcement/token`` (session) or ``fazhi enforcement_token <username>``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core import signing
from django.http import Http404
from ninja import Router, Schema, Status
from ninja.security import HttpBearer, django_auth

from fazhi.core.errors import DomainError, InvalidInput
from fazhi.enforcement import selectors, services
from fazhi.org.models import User
from fazhi.org.selectors import visible_staff

TOKEN_SALT = "fazhi.enforcement.api"
TOKEN_MAX_AGE = 30 * 24 * 3600


def make_token(user) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(user.pk))


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        try:
            user_id = signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            return None
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            return None
        request.user = user
        return user


router = Router(tags=["行政处罚案件"], auth=[django_auth, TokenAuth()])


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


class DeadlineOut(Schema):
    rule: str
    citation: str
    start: date
    due: date
    state: str


class CaseDetailOut(CaseOut):
    deadlines: list[DeadlineOut]
    timeline: list[str]


class StepIn(Schema):
    on: date | None = None
    officers: list[int] = []
    opinion: str = ""
    reason: str = ""
    kind: str = ""
    place: str = ""
    content: str = ""
    person: str = ""
    facts: str = ""
    evidence_summary: str = ""
    outcome: str = ""
    power_version: int | None = None
    benchmark_level: int | None = None
    penalty_kinds: str = ""
    fine_amount: Decimal | None = None
    outside_level_reason: str = ""
    lighter_grounds: str = ""
    no_penalty_ground: str = ""
    serious: bool = False
    note: str = ""
    summary: str = ""
    method: str = ""
    recipient: str = ""
    proof: str = ""
    witnesses: str = ""
    amount: Decimal | None = None
    receipt: str = ""
    report: str = ""
    adopted: bool = False
    reply: str = ""
    late_reason: str = ""


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class TokenOut(Schema):
    token: str
    expires_in: int


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


@router.post("/token", response=TokenOut, auth=django_auth)
def token(request):
    """为当前登录用户签发 API 令牌（Authorization: Bearer …），有效期 30 日。"""
    return {"token": make_token(request.user), "expires_in": TOKEN_MAX_AGE}


@router.get("/cases", response=list[CaseOut])
def list_cases(request, status: str = "", year: int | None = None, q: str = "", limit: int = 100, offset: int = 0):
    """本人可见的案件（本镇或本区），按发现日期倒序。"""
    limit = max(1, min(limit, 500))
    qs = selectors.case_list(request.user, status=status, query=q, year=year)[offset : offset + limit]
    return [_out(c) for c in qs]


@router.get("/cases/{case_id}", response=CaseDetailOut)
def get_case(request, case_id: int):
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


def _people(user, ids):
    found = {u.pk: u for u in visible_staff(user).filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(f"人员编号 {missing} 不在本单位人员中。", field="officers")
    return [found[i] for i in ids]


def _version(user, body: StepIn):
    from fazhi.law.models import BenchmarkLevel, PowerItemVersion
    from fazhi.law.selectors import visible_power_items

    if body.power_version is None:
        return None, None
    version = PowerItemVersion.objects.filter(pk=body.power_version, item__in=visible_power_items(user)).first()
    if version is None:
        raise InvalidInput("权责事项不存在。", field="power_version")
    level = None
    if body.benchmark_level is not None:
        level = BenchmarkLevel.objects.filter(pk=body.benchmark_level, version=version).first()
        if level is None:
            raise InvalidInput("裁量档次不属于该权责事项。", field="benchmark_level")
    return version, level


STEPS = {
    "request_filing": lambda u, c, b: services.request_filing(
        actor=u, case=c, officers=_people(u, b.officers), on=b.on, opinion=b.opinion
    ),
    "approve_filing": lambda u, c, b: services.approve_filing(actor=u, case=c, on=b.on, opinion=b.opinion),
    "decline_filing": lambda u, c, b: services.decline_filing(actor=u, case=c, on=b.on, reason=b.reason),
    "record_act": lambda u, c, b: services.record_act(
        actor=u,
        case=c,
        kind=b.kind,
        on=b.on,
        place=b.place,
        officers=_people(u, b.officers),
        content=b.content,
        person=b.person,
    ),
    "propose": lambda u, c, b: services.propose(
        actor=u,
        case=c,
        on=b.on,
        facts=b.facts,
        evidence_summary=b.evidence_summary,
        outcome=b.outcome,
        power_version=_version(u, b)[0],
        benchmark_level=_version(u, b)[1],
        penalty_kinds=b.penalty_kinds,
        fine_amount=b.fine_amount,
        outside_level_reason=b.outside_level_reason,
        lighter_grounds=b.lighter_grounds,
        no_penalty_ground=b.no_penalty_ground,
        serious=b.serious,
    ),
    "notify": lambda u, c, b: services.notify(actor=u, case=c, on=b.on),
    "statement": lambda u, c, b: services.record_statement(
        actor=u, case=c, on=b.on, content=b.content, adopted=b.adopted, reply=b.reply
    ),
    "waive": lambda u, c, b: services.waive_rights(actor=u, case=c, on=b.on, note=b.note),
    "request_hearing": lambda u, c, b: services.request_hearing(actor=u, case=c, on=b.on),
    "submit_review": lambda u, c, b: services.submit_for_review(actor=u, case=c, on=b.on, summary=b.summary),
    "ready": lambda u, c, b: services.ready_for_decision(actor=u, case=c, on=b.on),
    "decide": lambda u, c, b: services.decide(actor=u, case=c, on=b.on, late_reason=b.late_reason),
    "serve": lambda u, c, b: services.serve(
        actor=u, case=c, on=b.on, method=b.method, recipient=b.recipient, proof=b.proof, witnesses=b.witnesses
    ),
    "payment": lambda u, c, b: services.record_payment(
        actor=u, case=c, paid_on=b.on, amount=b.amount, receipt=b.receipt
    ),
    "close": lambda u, c, b: services.close_case(actor=u, case=c, on=b.on, report=b.report),
    "archive": lambda u, c, b: services.archive_case(actor=u, case=c, on=b.on),
}


@router.post("/cases/{case_id}/steps/{step}", response={200: CaseOut, 400: ErrorOut, 404: ErrorOut})
def perform_step(request, case_id: int, step: str, body: StepIn):
    """执行一个办案步骤（与页面相同的服务）：request_filing、approve_filing、record_act、propose、notify、waive、
    submit_review、ready、decide、serve、payment、close、archive 等。被拒绝时返回 400 和中文理由（含法条）。"""
    case = selectors.case_detail(request.user, case_id)
    if step not in STEPS:
        raise Http404("未知的办案步骤")
    try:
        if body.on is None:
            raise InvalidInput("请填写日期 on（YYYY-MM-DD）。", field="on")
        STEPS[step](request.user, case, body)
    except DomainError as exc:
        return Status(400, {"detail": exc.message, "field": getattr(exc, "field", None)})
    return Status(200, _out(selectors.case_detail(request.user, case_id)))
