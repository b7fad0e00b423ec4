"""Thin views: read through selectors, write through services; a refused step re-renders the case page with the
Chinese message (naming the field); a successful POST redirects (post/redirect/get)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.access import Role, has_role
from fazhi.core.errors import DomainError, InvalidInput
from fazhi.enforcement import documents, selectors, services
from fazhi.enforcement.models import (
    ActKind,
    DocumentKind,
    EvidenceKind,
    LeadSource,
    PartyKind,
    RemedyKind,
    ServiceMethod,
)
from fazhi.enforcement.workflow import Outcome, Procedure, Status, allowed_targets
from fazhi.law.selectors import current_versions, visible_power_items
from fazhi.org.selectors import visible_staff

FIELD_LABELS = {
    "on": "日期",
    "officers": "执法人员",
    "kind": "类别",
    "file": "文件",
    "recording": "音像记录",
    "fine_amount": "罚款金额",
    "power_version": "权责事项",
    "benchmark_level": "裁量档次",
    "amount": "金额",
    "reason": "理由",
}


def _date(post, name: str, label: str, *, required: bool = True) -> date | None:
    raw = (post.get(name) or "").strip()
    if not raw:
        if required:
            raise InvalidInput(f"请填写{label}。", field=name)
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidInput(f"{label}“{raw}”格式不正确，应为 YYYY-MM-DD。", field=name) from exc


def _decimal(post, name: str, label: str):
    raw = (post.get(name) or "").strip()
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation as exc:
        raise InvalidInput(f"{label}“{raw}”不是有效金额。", field=name) from exc


def _person(user, raw, name: str, label: str):
    if not raw:
        return None
    try:
        return visible_staff(user).get(pk=int(raw))
    except (ValueError, TypeError, visible_staff(user).model.DoesNotExist) as exc:
        raise InvalidInput(f"{label}不在本单位人员中。", field=name) from exc


def _people(user, post, name: str = "officers", label: str = "执法人员"):
    return [_person(user, raw, name, label) for raw in post.getlist(name) if raw]


def _flag(post, name: str) -> bool:
    return post.get(name) in ("on", "1", "true", "yes")


def _staff_choices(user, role: Role | None = None):
    people = list(visible_staff(user))
    if role is not None:
        people = [p for p in people if has_role(p, role)]
    return people


def _context(request, case, **extra) -> dict:
    user = request.user
    versions = current_versions(visible_power_items(user), category="penalty")
    return {
        "case": case,
        "targets": allowed_targets(case.status),
        "deadlines": selectors.case_deadlines(case),
        "timeline": selectors.timeline(case),
        "acts": case.acts.prefetch_related("officers"),
        "evidence": case.evidence.all(),
        "documents": case.documents.all(),
        "available_documents": documents.available_kinds(case),
        "statements": case.statements.all(),
        "preservations": case.preservations.all(),
        "deliberations": case.deliberations.all(),
        "services_done": case.services.all(),
        "payments": case.payments.all(),
        "remedies": case.remedies.all(),
        "hearing": getattr(case, "hearing", None),
        "officers": case.officers.all(),
        "reviews": _reviews(case),
        "review_reasons": services.review_reasons(case) if case.proposed_on else [],
        "staff": _staff_choices(user),
        "officer_choices": _staff_choices(user, Role.OFFICER),
        "versions": versions,
        "act_kinds": [k for k in ActKind if k != ActKind.PRESERVATION],
        "evidence_kinds": EvidenceKind.choices,
        "outcomes": Outcome.choices,
        "service_methods": ServiceMethod.choices,
        "remedy_kinds": RemedyKind.choices,
        "today": timezone.localdate().isoformat(),
        "S": Status,
        "is_leader": has_role(user, Role.LEADER),
        "is_officer": has_role(user, Role.OFFICER),
        "surcharge": services.surcharge_on(case, timezone.localdate()) if case.payment_due_on else None,
        **extra,
    }


def _reviews(case):
    from fazhi.review.selectors import rounds_for

    return rounds_for(services.CASE_TYPE, case.pk)


@login_required
def case_list(request):
    status = request.GET.get("status", "")
    procedure = request.GET.get("procedure", "")
    query = request.GET.get("q", "").strip()
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    cases = selectors.case_list(request.user, status=status, procedure=procedure, query=query, year=year)
    page = list(cases[:200])
    return render(
        request,
        "enforcement/case_list.html",
        {
            "cases": page,
            "total": cases.count(),
            "statuses": Status.choices,
            "procedures": Procedure.choices,
            "status": status,
            "procedure": procedure,
            "q": query,
            "year": year or "",
            "can_register": has_role(request.user, Role.OFFICER) or has_role(request.user, Role.LEADER),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    if not (has_role(request.user, Role.OFFICER) or has_role(request.user, Role.LEADER)):
        raise Http404("无权登记案源")
    error, field = "", ""
    if request.method == "POST":
        post = request.POST
        try:
            case = services.register_lead(
                actor=request.user,
                body=_body_for(request.user),
                source=post.get("source", ""),
                title=post.get("title", ""),
                description=post.get("description", ""),
                place=post.get("place", ""),
                discovered_on=_date(post, "discovered_on", "发现日期"),
                act_date=_date(post, "act_date", "违法行为发生日期"),
                party_kind=post.get("party_kind", ""),
                party_name=post.get("party_name", ""),
                reporter=post.get("reporter", ""),
                party_id_number=post.get("party_id_number", ""),
                party_address=post.get("party_address", ""),
                party_phone=post.get("party_phone", ""),
                party_representative=post.get("party_representative", ""),
                act_continuing=_flag(post, "act_continuing"),
                life_or_finance_harm=_flag(post, "life_or_finance_harm"),
            )
        except DomainError as exc:
            error, field = exc.message, getattr(exc, "field", "") or ""
        else:
            messages.success(request, "案源已登记。")
            return redirect("enforcement:case_detail", case.pk)
    return render(
        request,
        "enforcement/case_new.html",
        {
            "error": error,
            "field": field,
            "post": request.POST,
            "sources": LeadSource.choices,
            "party_kinds": PartyKind.choices,
            "today": timezone.localdate().isoformat(),
        },
        status=400 if error else 200,
    )


def _body_for(user):
    """The 行政机关 a user's cases belong to: their town (or the body itself above town level)."""
    from fazhi.org.selectors import town_of

    return town_of(user.body) or user.body


@login_required
@require_http_methods(["GET", "POST"])
def summary_new(request):
    if not has_role(request.user, Role.OFFICER):
        raise Http404("无权当场处罚")
    error, field = "", ""
    if request.method == "POST":
        post = request.POST
        try:
            version_id = post.get("power_version") or None
            version = None
            if version_id:
                version = next(
                    (v for v in current_versions(visible_power_items(request.user)) if str(v.pk) == version_id), None
                )
                if version is None:
                    raise InvalidInput("所选权责事项不存在。", field="power_version")
            case = services.decide_on_the_spot(
                actor=request.user,
                body=_body_for(request.user),
                on=_date(post, "on", "决定日期"),
                place=post.get("place", ""),
                title=post.get("title", ""),
                facts=post.get("facts", ""),
                basis=post.get("basis", ""),
                party_kind=post.get("party_kind", ""),
                party_name=post.get("party_name", ""),
                party_id_number=post.get("party_id_number", ""),
                party_address=post.get("party_address", ""),
                officers=_people(request.user, post),
                penalty_kinds=post.get("penalty_kinds", ""),
                fine_amount=_decimal(post, "fine_amount", "罚款金额"),
                power_version=version,
                party_signed=not _flag(post, "refused"),
                refusal_note=post.get("refusal_note", ""),
                collected_on_spot=_flag(post, "collected_on_spot"),
                receipt=post.get("receipt", ""),
            )
        except DomainError as exc:
            error, field = exc.message, getattr(exc, "field", "") or ""
        else:
            messages.success(request, f"已当场作出处罚决定 {case.decision_number}，请及时备案。")
            return redirect("enforcement:case_detail", case.pk)
    return render(
        request,
        "enforcement/summary_new.html",
        {
            "error": error,
            "field": field,
            "post": request.POST,
            "party_kinds": PartyKind.choices,
            "officer_choices": _staff_choices(request.user, Role.OFFICER),
            "versions": current_versions(visible_power_items(request.user), category="penalty"),
            "today": timezone.localdate().isoformat(),
        },
        status=400 if error else 200,
    )


@login_required
def case_detail(request, case_id: int):
    case = selectors.case_detail(request.user, case_id)
    return render(request, "enforcement/case_detail.html", _context(request, case))


# --- steps ---------------------------------------------------------------------------------------------------------


def _version(user, post):
    raw = post.get("power_version") or ""
    if not raw:
        return None, None
    version = next((v for v in current_versions(visible_power_items(user)) if str(v.pk) == raw), None)
    if version is None:
        raise InvalidInput("所选权责事项不存在或不在本单位权责清单中。", field="power_version")
    level = None
    if post.get("benchmark_level"):
        level = next((lv for lv in version.benchmark_levels.all() if str(lv.pk) == post["benchmark_level"]), None)
        if level is None:
            raise InvalidInput("所选裁量档次不属于该权责事项。", field="benchmark_level")
    return version, level


def _step(name, request, case):  # noqa: C901 — one dispatcher, one branch per step
    u, p, f = request.user, request.POST, request.FILES
    if name == "request_filing":
        services.request_filing(
            actor=u, case=case, officers=_people(u, p), on=_date(p, "on", "提请日期"), opinion=p.get("opinion", "")
        )
    elif name == "approve_filing":
        services.approve_filing(actor=u, case=case, on=_date(p, "on", "立案日期"), opinion=p.get("opinion", ""))
    elif name == "decline_filing":
        services.decline_filing(actor=u, case=case, on=_date(p, "on", "决定日期"), reason=p.get("reason", ""))
    elif name == "record_act":
        services.record_act(
            actor=u, case=case, kind=p.get("kind", ""), on=_date(p, "on", "调查日期"), place=p.get("place", ""),
            officers=_people(u, p), content=p.get("content", ""), person=p.get("person", ""),
            certificates_shown=_flag(p, "certificates_shown"), signed=not _flag(p, "refused"),
            refusal_note=p.get("refusal_note", ""), recording=f.get("recording"),
        )  # fmt: skip
    elif name == "add_evidence":
        services.add_evidence(
            actor=u, case=case, kind=p.get("kind", ""), title=p.get("title", ""),
            collected_on=_date(p, "collected_on", "取得日期"), upload=f.get("file"), proves=p.get("proves", ""),
            is_recording=_flag(p, "is_recording"),
        )  # fmt: skip
    elif name == "recusal":
        services.decide_recusal(
            actor=u, case=case, person=_person(u, p.get("person"), "person", "申请回避的人员"),
            applicant=p.get("applicant", ""), reason=p.get("reason", ""), granted=_flag(p, "granted"),
            on=_date(p, "on", "决定日期"), replacement=_person(u, p.get("replacement"), "replacement", "替换人员"),
        )  # fmt: skip
    elif name == "preserve":
        services.preserve_evidence(
            actor=u, case=case, items=p.get("items", ""), on=_date(p, "on", "保存日期"),
            approver=_person(u, p.get("approver"), "approver", "批准人"), officers=_people(u, p),
        )  # fmt: skip
    elif name == "handle_preservation":
        preservation = case.preservations.filter(pk=p.get("preservation") or 0).first()
        if preservation is None:
            raise InvalidInput("请选择先行登记保存记录。", field="preservation")
        services.handle_preservation(
            actor=u, preservation=preservation, on=_date(p, "on", "处理日期"), handling=p.get("handling", "")
        )
    elif name == "propose":
        version, level = _version(u, p)
        services.propose(
            actor=u, case=case, on=_date(p, "on", "调查终结日期"), facts=p.get("facts", ""),
            evidence_summary=p.get("evidence_summary", ""), outcome=p.get("outcome", ""), power_version=version,
            benchmark_level=level, penalty_kinds=p.get("penalty_kinds", ""),
            fine_amount=_decimal(p, "fine_amount", "罚款金额"),
            confiscation_amount=_decimal(p, "confiscation_amount", "没收金额"),
            outside_level_reason=p.get("outside_level_reason", ""), lighter_grounds=p.get("lighter_grounds", ""),
            no_penalty_ground=p.get("no_penalty_ground", ""), serious=_flag(p, "serious"),
            major_public_interest=_flag(p, "major_public_interest"), difficult=_flag(p, "difficult"),
        )  # fmt: skip
    elif name == "reopen":
        services.reopen_investigation(actor=u, case=case, on=_date(p, "on", "日期"), reason=p.get("reason", ""))
    elif name == "notify":
        services.notify(actor=u, case=case, on=_date(p, "on", "告知日期"))
    elif name == "statement":
        services.record_statement(
            actor=u, case=case, on=_date(p, "on", "陈述申辩日期"), content=p.get("content", ""),
            adopted=_flag(p, "adopted"), reply=p.get("reply", ""),
        )  # fmt: skip
    elif name == "waive":
        services.waive_rights(actor=u, case=case, on=_date(p, "on", "放弃日期"), note=p.get("note", ""))
    elif name == "request_hearing":
        services.request_hearing(actor=u, case=case, on=_date(p, "on", "申请日期"))
    elif name == "notify_hearing":
        services.notify_hearing(
            actor=u, case=case, on=_date(p, "on", "通知日期"), scheduled_on=_date(p, "scheduled_on", "听证日期"),
            place=p.get("place", ""), presiding=_person(u, p.get("presiding"), "presiding", "听证主持人"),
            public=not _flag(p, "private"),
        )  # fmt: skip
    elif name == "hold_hearing":
        _hearing, warnings = services.hold_hearing(
            actor=u, case=case, held_on=_date(p, "held_on", "听证日期"), record_text=p.get("record_text", ""),
            party_attended=not _flag(p, "absent"), party_signed=not _flag(p, "refused"),
            refusal_note=p.get("refusal_note", ""), presiding_opinion=p.get("presiding_opinion", ""),
            recording=f.get("recording"),
        )  # fmt: skip
        for warning in warnings:
            messages.warning(request, warning)
    elif name == "submit_review":
        services.submit_for_review(actor=u, case=case, on=_date(p, "on", "送审日期"), summary=p.get("summary", ""))
    elif name == "ready":
        services.ready_for_decision(actor=u, case=case, on=_date(p, "on", "日期"))
    elif name == "deliberation":
        opinions = []
        for line in (p.get("opinions") or "").splitlines():
            who, _sep, text = line.partition("：")
            dissent = text.startswith("（不同意见）")
            opinions.append(
                {"name": who.strip(), "opinion": text.replace("（不同意见）", "").strip(), "dissent": dissent}
            )
        services.record_deliberation(
            actor=u, case=case, held_on=_date(p, "held_on", "讨论日期"),
            attendees=[a for a in (p.get("attendees") or "").replace("，", "、").split("、")],
            opinions=opinions, conclusion=p.get("conclusion", ""),
        )  # fmt: skip
    elif name == "extend":
        try:
            days = int(p.get("days") or 0)
        except ValueError as exc:
            raise InvalidInput("延长天数应为整数。", field="days") from exc
        services.extend_decision_period(actor=u, case=case, days=days, reason=p.get("reason", ""))
    elif name == "decide":
        services.decide(
            actor=u,
            case=case,
            on=_date(p, "on", "决定日期"),
            decision_text=p.get("decision_text", ""),
            late_reason=p.get("late_reason", ""),
        )
    elif name == "serve":
        consent = case.evidence.filter(pk=p.get("consent") or 0).first()
        _service, warnings = services.serve(
            actor=u, case=case, on=_date(p, "on", "送达日期"), method=p.get("method", ""),
            recipient=p.get("recipient", ""), proof=p.get("proof", ""), place=p.get("place", ""), consent=consent,
            witnesses=p.get("witnesses", ""), recording=f.get("recording"),
        )  # fmt: skip
        for warning in warnings:
            messages.warning(request, warning)
    elif name == "deferral":
        services.approve_deferral(
            actor=u,
            case=case,
            on=_date(p, "on", "批准日期"),
            until=_date(p, "until", "暂缓至"),
            reason=p.get("reason", ""),
        )
    elif name == "remedy":
        services.record_remedy(
            actor=u, case=case, kind=p.get("kind", ""), started_on=_date(p, "started_on", "申请日期")
        )
    elif name == "conclude_remedy":
        remedy = case.remedies.filter(pk=p.get("remedy") or 0).first()
        if remedy is None:
            raise InvalidInput("请选择复议或诉讼记录。", field="remedy")
        services.conclude_remedy(
            actor=u, remedy=remedy, ended_on=_date(p, "ended_on", "终结日期"), result=p.get("result", "")
        )
    elif name == "payment":
        services.record_payment(
            actor=u, case=case, paid_on=_date(p, "paid_on", "缴款日期"), amount=_decimal(p, "amount", "缴款金额"),
            receipt=p.get("receipt", ""),
        )  # fmt: skip
    elif name == "demand":
        services.issue_demand(actor=u, case=case, on=_date(p, "on", "催告日期"))
    elif name == "court":
        services.apply_to_court(actor=u, case=case, on=_date(p, "on", "申请日期"), court=p.get("court", ""))
    elif name == "file_summary":
        services.file_summary_decision(actor=u, case=case, on=_date(p, "on", "备案日期"))
    elif name == "close":
        services.close_case(actor=u, case=case, on=_date(p, "on", "结案日期"), report=p.get("report", ""))
    elif name == "archive":
        services.archive_case(actor=u, case=case, on=_date(p, "on", "归档日期"))
    elif name == "document":
        if p.get("kind") not in DocumentKind.values:
            raise InvalidInput("请选择要生成的文书。", field="kind")
        services.generate_document(actor=u, case=case, kind=p["kind"], source_id=p.get("source_id", ""))
    else:
        raise Http404("未知的办案步骤")


STEP_NAMES = {
    "request_filing": "提请立案",
    "approve_filing": "批准立案",
    "decline_filing": "不予立案",
    "record_act": "调查取证",
    "add_evidence": "登记证据",
    "recusal": "回避决定",
    "preserve": "先行登记保存",
    "handle_preservation": "先行登记保存处理",
    "propose": "处理建议",
    "reopen": "补充调查",
    "notify": "事先告知",
    "statement": "陈述申辩",
    "waive": "放弃陈述申辩",
    "request_hearing": "听证申请",
    "notify_hearing": "听证通知",
    "hold_hearing": "听证",
    "submit_review": "提交法制审核",
    "ready": "报请决定",
    "deliberation": "集体讨论",
    "extend": "延长办案期限",
    "decide": "作出决定",
    "serve": "送达",
    "deferral": "暂缓缴纳",
    "remedy": "复议诉讼",
    "conclude_remedy": "复议诉讼结果",
    "payment": "缴款",
    "demand": "催告",
    "court": "申请强制执行",
    "file_summary": "备案",
    "close": "结案",
    "archive": "归档",
    "document": "生成文书",
}


@login_required
@require_POST
def case_step(request, case_id: int, step: str):
    case = selectors.case_detail(request.user, case_id)
    if step not in STEP_NAMES:
        raise Http404("未知的办案步骤")
    try:
        _step(step, request, case)
    except DomainError as exc:
        case = selectors.case_detail(request.user, case_id)
        field = getattr(exc, "field", "") or ""
        label = FIELD_LABELS.get(field, field)
        return render(
            request,
            "enforcement/case_detail.html",
            _context(request, case, error=exc.message, error_step=step, error_field=label),
            status=400,
        )
    messages.success(request, f"“{STEP_NAMES[step]}”已完成。")
    return redirect("enforcement:case_detail", case.pk)


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
    name = f"{doc.title}{('-' + doc.number) if doc.number else ''}.docx"
    return FileResponse(default_storage.open(doc.file_name, "rb"), as_attachment=True, filename=name)
