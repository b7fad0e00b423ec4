"""Every write of information disclosure: one function per transition, each on the audit chain.

Each service takes keyword-only arguments and an explicit ``actor`` (``None`` only for the public portal or the
system), locks the row it changes, checks its preconditions (refusing with the article that forbids the step),
writes, records the chain entry and moves the request's clocks in core's Deadline table.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.access import Role, has_role
from fazhi.core.selectors import get_setting
from fazhi.disclosure import clocks, rules
from fazhi.disclosure.errors import FeesDisabled, InvalidInput, InvalidTransition, NotPermitted
from fazhi.disclosure.fees import compute_fee
from fazhi.disclosure.models import (
    AnnualReport,
    Answer,
    ApplicantType,
    CatalogueCategory,
    CatalogueEntry,
    CatalogueState,
    Channel,
    Consultation,
    Correction,
    Counter,
    DeliveryForm,
    DeliveryMethod,
    DisclosureRequest,
    FeeNotice,
    Guide,
    IdDocument,
    RemedyCase,
    RemedyKind,
    RemedyResult,
    ReportState,
    RequestStatus,
    ThirdPartyReply,
)
from fazhi.disclosure.outcomes import BY_KEY
from fazhi.org.models import Body
from fazhi.org.selectors import visible_body_ids

REG = rules.REG
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone


# --- helpers --------------------------------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _require_role(actor, body: Body, role: Role = Role.DISCLOSURE_CLERK) -> None:
    """Staff actions need the role and the body in scope; ``None`` is the system (portal, demo, sweeps)."""
    if actor is None:
        return
    if not has_role(actor, role) and not actor.is_superuser:
        raise NotPermitted(f"只有具有“{role.label}”角色的人员可以办理此事项。")
    if body.pk not in visible_body_ids(actor):
        raise NotPermitted("该机关不在您的管理范围内。")


def _date(value, field: str, label: str, *, required: bool = True) -> date | None:
    if value in (None, ""):
        if required:
            raise InvalidInput(f"请填写{label}。", field=field)
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"{label}格式无效，应写作 YYYY-MM-DD。", field=field) from None
    if value > _today():
        raise InvalidInput(f"{label}（{value}）不能晚于今天。", field=field)
    return value


def _text(value: str | None, field: str, label: str, *, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(f"请填写{label}。", field=field)
    if len(value) > max_length:
        raise InvalidInput(f"{label}不能超过{max_length}个字（现有{len(value)}个字）。", field=field)
    return value


def _choice(value, choices, field: str, label: str) -> str:
    if value not in choices.values:
        raise InvalidInput(f"请选择有效的{label}。", field=field)
    return value


def _check(request: DisclosureRequest, action: str) -> str | None:
    allowed, target, why = rules.TRANSITIONS[action]
    if request.status not in allowed:
        if action == "answer":
            why = rules.ANSWER_REFUSALS.get(request.status, why)
        raise InvalidTransition(f"{why}。当前状态：{request.get_status_display()}。")
    return target


def _lock(request: DisclosureRequest) -> DisclosureRequest:
    return DisclosureRequest.objects.select_for_update().get(pk=request.pk)


def next_number(*, body: Body, series: str, year: int) -> int:
    """The next number of (body, series, year), taken inside the caller's transaction: no duplicates, no gaps."""
    counter = Counter.objects.select_for_update().filter(body=body, series=series, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                Counter.objects.create(body=body, series=series, year=year, last=0)
        except IntegrityError:
            pass  # created concurrently; the locked read below queues behind it
        counter = Counter.objects.select_for_update().get(body=body, series=series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _new_lookup_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        if not DisclosureRequest.objects.filter(lookup_code=code).exists():
            return code


def _short(body: Body) -> str:
    return body.short_name or body.name


def _snapshot(request: DisclosureRequest) -> dict:
    return {
        "status": request.status,
        "received_on": request.received_on,
        "clock_start": request.clock_start,
        "extension_days": request.extension_days,
        "outcome": request.outcome,
        "closed_on": request.closed_on,
    }


def _record(request: DisclosureRequest, *, actor, event: Event, old: dict, extra: dict | None = None) -> None:
    payload = {"old": old, "new": _snapshot(request)}
    payload.update(extra or {})
    record(actor=actor, event=event, subject=request, payload=payload, body_id=request.body_id)


# --- intake (第二十九条, 第三十一条) --------------------------------------------------------------------------------

RECEIPT_BASIS = {
    Channel.IN_PERSON: f"当面提交，以提交之日为收到申请之日（{REG}第三十一条第（一）项）",
    Channel.ORAL: f"口头提出、由工作机构代为填写，以提出之日为收到申请之日（{REG}第二十九条、第三十一条第（一）项）",
    Channel.REGISTERED_POST: f"以需签收的邮寄方式提交，以签收之日为收到申请之日（{REG}第三十一条第（二）项）",
    Channel.ORDINARY_POST: f"以平常信函提交，以与申请人确认之日为收到申请之日（{REG}第三十一条第（二）项）",
    Channel.ONLINE: f"通过互联网提交，以双方确认之日为收到申请之日（{REG}第三十一条第（三）项）",
    Channel.FAX: f"通过传真提交，以双方确认之日为收到申请之日（{REG}第三十一条第（三）项）",
}
CONFIRMED_CHANNELS = (Channel.ORDINARY_POST, Channel.ONLINE, Channel.FAX)


def validate_application(
    *,
    applicant_type,
    applicant_name,
    id_document_type,
    id_document_number,
    phone="",
    email="",
    address="",
    postcode="",
    contact_person="",
    description,
    document_number="",
    delivery_form,
    delivery_method,
) -> dict:
    """The content of 第二十九条第二款, checked and cleaned; the first missing item is refused by name."""
    art = f"（{REG}第二十九条第二款）"
    data = {
        "applicant_type": _choice(applicant_type, ApplicantType, "applicant_type", "申请人类型"),
        "applicant_name": _text(applicant_name, "applicant_name", f"申请人姓名或者名称{art}", max_length=100),
        "id_document_type": _choice(id_document_type, IdDocument, "id_document_type", f"身份证明类型{art}"),
        "id_document_number": _text(id_document_number, "id_document_number", f"身份证明号码{art}", max_length=40),
        "phone": _text(phone, "phone", "联系电话", max_length=30, required=False),
        "email": _text(email, "email", "电子邮箱", max_length=100, required=False),
        "address": _text(address, "address", "通信地址", max_length=200, required=False),
        "postcode": _text(postcode, "postcode", "邮政编码", max_length=10, required=False),
        "contact_person": _text(contact_person, "contact_person", "联系人", max_length=50, required=False),
        "description": _text(
            description, "description", f"所需政府信息的名称、文号或者特征性描述{art}", max_length=2000
        ),
        "document_number": _text(document_number, "document_number", "文号", max_length=100, required=False),
        "delivery_form": _choice(delivery_form, DeliveryForm, "delivery_form", f"信息的形式要求{art}"),
        "delivery_method": _choice(delivery_method, DeliveryMethod, "delivery_method", f"获取信息的方式、途径{art}"),
    }
    if not (data["phone"] or data["email"] or data["address"]):
        raise InvalidInput(f"请至少填写一种联系方式（电话、电子邮箱或通信地址）{art}。", field="phone")
    if data["delivery_method"] == DeliveryMethod.POST and not data["address"]:
        raise InvalidInput("选择邮寄方式获取信息的，请填写通信地址。", field="address")
    if data["delivery_method"] == DeliveryMethod.EMAIL and not data["email"]:
        raise InvalidInput("选择电子邮件方式获取信息的，请填写电子邮箱。", field="email")
    if data["email"] and ("@" not in data["email"] or "." not in data["email"].split("@")[-1]):
        raise InvalidInput("电子邮箱格式无效。", field="email")
    if data["applicant_type"] != ApplicantType.NATURAL and not data["contact_person"]:
        raise InvalidInput("法人或者其他组织提出申请的，请填写联系人。", field="contact_person")
    return data


def register_request(
    *,
    actor,
    body: Body,
    channel: str,
    submitted_on,
    received_on=None,
    oral_record: str = "",
    **application,
) -> DisclosureRequest:
    """Register a request received by the office (clerk entry) or through the portal (``actor=None``, online).

    The receipt date follows 第三十一条: in person and oral — the submission day; registered post — the signing day
    (``received_on``); ordinary post, internet and fax — the day both sides confirm (``received_on`` if already
    confirmed, otherwise the request waits in 待确认收到 until ``confirm_receipt``). An oral request is written down
    by the office (第二十九条第一款): ``oral_record`` is required. The 20-working-day answer clock (第三十三条)
    opens as soon as the receipt date is known.
    """
    _require_role(actor, body)
    channel = _choice(channel, Channel, "channel", "申请渠道")
    if actor is None and channel != Channel.ONLINE:
        raise NotPermitted("门户网站只能登记网上申请。")
    data = validate_application(**application)
    submitted_on = _date(submitted_on, "submitted_on", "提交（到达）日期")
    received_on = _date(received_on, "received_on", "收到申请之日", required=False)
    oral_record = _text(oral_record, "oral_record", "口头申请记录", max_length=2000, required=channel == Channel.ORAL)
    if channel in (Channel.IN_PERSON, Channel.ORAL):
        if received_on not in (None, submitted_on):
            raise InvalidInput(
                f"当面或口头提出的申请，以提交之日为收到申请之日（{REG}第三十一条第（一）项）。", field="received_on"
            )
        received_on = submitted_on
    elif channel == Channel.REGISTERED_POST:
        if received_on is None:
            raise InvalidInput(
                f"以需签收的邮寄方式提交的，请填写签收日期（{REG}第三十一条第（二）项）。", field="received_on"
            )
    if received_on is not None and received_on < submitted_on:
        raise InvalidInput("收到申请之日不能早于提交（到达）日期。", field="received_on")
    _require_in_force(received_on or submitted_on, "received_on" if received_on else "submitted_on")

    with transaction.atomic():
        year = submitted_on.year
        seq = next_number(body=body, series="request", year=year)
        request = DisclosureRequest.objects.create(
            body=body,
            number=f"{_short(body)}依申请〔{year}〕{seq}号",
            lookup_code=_new_lookup_code(),
            channel=channel,
            oral_record=oral_record,
            submitted_on=submitted_on,
            received_on=received_on,
            clock_start=received_on,
            receipt_basis=RECEIPT_BASIS[channel] if received_on else "",
            status=RequestStatus.IN_PROGRESS if received_on else RequestStatus.AWAITING_RECEIPT,
            entered_by=actor,
            **data,
        )
        _record(
            request,
            actor=actor,
            event=Event.DISCLOSURE_REQUEST_REGISTERED,
            old={},
            extra={"channel": channel, "applicant_type": data["applicant_type"], "number": request.number},
        )
        if received_on:
            _open_answer_clock(actor, request)
    return request


def _require_in_force(on: date, field: str) -> None:
    if on < rules.IN_FORCE:
        raise InvalidInput(
            f"本模块按2019年修订的条例办理（{REG}第五十六条：自2019年5月15日起施行）；"
            f"{on} 收到的申请适用修订前的条例，请按原条例办理。",
            field=field,
        )


def _open_answer_clock(actor, request: DisclosureRequest) -> None:
    clocks.open_(
        actor=actor,
        obj=request,
        body=request.body,
        rule_key=rules.ANSWER,
        start=request.received_on,
        label=f"{request.number} 答复",
    )


def confirm_receipt(*, actor, request: DisclosureRequest, on) -> DisclosureRequest:
    """Fix the receipt date of a post, internet or fax request: the day both sides confirm (第三十一条)."""
    _require_role(actor, request.body)
    on = _date(on, "on", "确认收到日期")
    with transaction.atomic():
        request = _lock(request)
        target = _check(request, "confirm_receipt")
        if on < request.submitted_on:
            raise InvalidInput(f"确认日期不能早于提交（到达）日期 {request.submitted_on}。", field="on")
        _require_in_force(on, "on")
        old = _snapshot(request)
        request.received_on = request.clock_start = on
        request.receipt_basis = RECEIPT_BASIS[request.channel]
        request.status = target
        request.save(update_fields=["received_on", "clock_start", "receipt_basis", "status"])
        _record(request, actor=actor, event=Event.DISCLOSURE_RECEIPT_CONFIRMED, old=old)
        _open_answer_clock(actor, request)
    return request


# --- correction (第三十条) ------------------------------------------------------------------------------------------


def request_correction(*, actor, request: DisclosureRequest, on, items: str, due_on=None) -> Correction:
    """Ask the applicant, once, within 7 working days of receipt, to correct the request (第三十条).

    The answer clock stops; it restarts from the day the corrected request arrives.
    """
    _require_role(actor, request.body)
    on = _date(on, "on", "告知补正日期")
    items = _text(items, "items", f"需要补正的事项（{REG}第三十条）", max_length=2000)
    with transaction.atomic():
        request = _lock(request)
        if Correction.objects.filter(request=request).exists():
            raise InvalidTransition(f"补正告知只能一次性作出，本申请已告知过补正（{REG}第三十条）。")
        target = _check(request, "request_correction")
        window = clocks.correction_window(request)
        if on > window.due:
            raise InvalidTransition(
                f"告知补正应当自收到申请之日起7个工作日内作出（{REG}第三十条）：本申请 {request.received_on} 收到，"
                f"补正告知最迟 {window.due}，{on} 已超过。"
            )
        if on < request.received_on:
            raise InvalidInput(f"告知补正日期不能早于收到申请之日 {request.received_on}。", field="on")
        if due_on in (None, ""):
            due_on = clocks.due_for(rules.CORRECTION_REPLY, on, body_id=request.body_id).due
        elif isinstance(due_on, str):
            try:
                due_on = date.fromisoformat(due_on)
            except ValueError:
                raise InvalidInput("补正期限格式无效，应写作 YYYY-MM-DD。", field="due_on") from None
        if due_on <= on:
            raise InvalidInput(f"补正期限应晚于告知补正日期（“合理的补正期限”，{REG}第三十条）。", field="due_on")
        old = _snapshot(request)
        correction = Correction.objects.create(
            request=request, requested_on=on, items=items, due_on=due_on, requested_by=actor or request.entered_by
        )
        request.status = target
        request.save(update_fields=["status"])
        _record(
            request,
            actor=actor,
            event=Event.DISCLOSURE_CORRECTION_REQUESTED,
            old=old,
            extra={"items": items, "due_on": due_on},
        )
        clocks.pause(actor=actor, obj=request, rule_key=rules.ANSWER, on=on, reason="告知申请人补正（第三十条）")
    return correction


def receive_correction(*, actor, request: DisclosureRequest, on, late_reason: str = "") -> DisclosureRequest:
    """The corrected request arrived: the 20-working-day answer period counts again from ``on`` (第三十条)."""
    _require_role(actor, request.body)
    on = _date(on, "on", "收到补正日期")
    late_reason = _text(late_reason, "late_reason", "逾期补正的正当理由", max_length=300, required=False)
    with transaction.atomic():
        request = _lock(request)
        target = _check(request, "receive_correction")
        correction = Correction.objects.select_for_update().get(request=request)
        if on < correction.requested_on:
            raise InvalidInput(f"收到补正日期不能早于告知补正日期 {correction.requested_on}。", field="on")
        if on > correction.due_on and not late_reason:
            raise InvalidInput(
                f"补正期限 {correction.due_on} 已过：申请人无正当理由逾期不补正的，视为放弃申请（{REG}第三十条）。"
                "如有正当理由，请填写理由。",
                field="late_reason",
            )
        old = _snapshot(request)
        correction.received_on = on
        correction.save(update_fields=["received_on"])
        request.status = target
        request.clock_start = on
        request.save(update_fields=["status", "clock_start"])
        _record(
            request,
            actor=actor,
            event=Event.DISCLOSURE_CORRECTION_RECEIVED,
            old=old,
            extra={"late_reason": late_reason},
        )
        clocks.restart(
            actor=actor,
            obj=request,
            rule_key=rules.ANSWER,
            on=on,
            reason="收到补正的申请，答复期限重新计算（第三十条）",
        )
    return request


def mark_abandoned(*, actor, request: DisclosureRequest, on) -> DisclosureRequest:
    """No correction by the deadline without good reason: the request is treated as abandoned (第三十条).

    Counted in report table 三 under 其他处理 1. The answer clock ends on the day the correction notice went out:
    the office met its obligation then, so an abandoned request never shows as a missed answer.
    """
    _require_role(actor, request.body)
    on = _date(on, "on", "办结日期")
    with transaction.atomic():
        request = _lock(request)
        target = _check(request, "abandon")
        correction = Correction.objects.get(request=request)
        if on <= correction.due_on:
            raise InvalidTransition(
                f"补正期限 {correction.due_on} 尚未届满，不能视为放弃申请（{REG}第三十条：“逾期不补正的，视为放弃申请”）。"
            )
        old = _snapshot(request)
        request.status = target
        request.outcome = "other.no_correction"
        request.closed_on = on
        request.save(update_fields=["status", "outcome", "closed_on"])
        _record(request, actor=actor, event=Event.DISCLOSURE_ABANDONED, old=old)
        clocks.close(actor=actor, obj=request, rule_key=rules.ANSWER, on=correction.requested_on)
    return request


# --- third-party consultation (第三十二条, 第三十三条第三款) ---------------------------------------------------------


def start_consultation(*, actor, request: DisclosureRequest, on, third_party: str, matter: str) -> Consultation:
    """Consult a third party in writing; it replies within 15 working days; the answer clock stops meanwhile."""
    _require_role(actor, request.body)
    on = _date(on, "on", "发出征求意见书日期")
    third_party = _text(third_party, "third_party", "第三方名称", max_length=100)
    matter = _text(matter, "matter", "征求意见事项", max_length=2000)
    with transaction.atomic():
        request = _lock(request)
        target = _check(request, "start_consultation")
        if on < request.clock_start:
            raise InvalidInput(f"征求意见日期不能早于答复期限起算日 {request.clock_start}。", field="on")
        reply_due = clocks.due_for(rules.THIRD_PARTY_REPLY, on, body_id=request.body_id).due
        old = _snapshot(request)
        consultation = Consultation.objects.create(
            request=request,
            third_party=third_party,
            matter=matter,
            sent_on=on,
            reply_due=reply_due,
            sent_by=actor or request.entered_by,
        )
        request.status = target
        request.save(update_fields=["status"])
        _record(
            request,
            actor=actor,
            event=Event.DISCLOSURE_CONSULTATION_STARTED,
            old=old,
            extra={"third_party": third_party, "reply_due": reply_due},
        )
        clocks.pause(
            actor=actor, obj=request, rule_key=rules.ANSWER, on=on, reason=f"书面征求{third_party}意见（第三十二条）"
        )
        clocks.open_(
            actor=actor,
            obj=consultation,
            body=request.body,
            rule_key=rules.THIRD_PARTY_REPLY,
            start=on,
            label=f"{request.number} 第三方意见",
        )
    return consultation


def finish_consultation(*, actor, request: DisclosureRequest, on, reply: str, note: str = "") -> Consultation:
    """The third party replied (or its 15 working days passed in silence); the answer clock runs again."""
    _require_role(actor, request.body)
    on = _date(on, "on", "意见征询结束日期")
    reply = _choice(reply, ThirdPartyReply, "reply", "第三方意见")
    note = _text(note, "note", "意见摘要", max_length=2000, required=False)
    with transaction.atomic():
        request = _lock(request)
        target = _check(request, "finish_consultation")
        consultation = Consultation.objects.select_for_update().get(request=request, replied_on__isnull=True)
        if on < consultation.sent_on:
            raise InvalidInput(f"结束日期不能早于发出征求意见书日期 {consultation.sent_on}。", field="on")
        if reply == ThirdPartyReply.SILENT and on <= consultation.reply_due:
            raise InvalidTransition(
                f"第三方提出意见的期限 {consultation.reply_due} 尚未届满，不能按“逾期未提出意见”处理（{REG}第三十二条）。"
            )
        old = _snapshot(request)
        consultation.replied_on, consultation.reply, consultation.reply_note = on, reply, note
        consultation.save(update_fields=["replied_on", "reply", "reply_note"])
        request.status = target
        request.save(update_fields=["status"])
        _record(
            request,
            actor=actor,
            event=Event.DISCLOSURE_CONSULTATION_FINISHED,
            old=old,
            extra={"third_party": consultation.third_party, "reply": reply},
        )
        if reply != ThirdPartyReply.SILENT:
            clocks.close(actor=actor, obj=consultation, rule_key=rules.THIRD_PARTY_REPLY, on=on)
        else:
            clocks.close(actor=actor, obj=consultation, rule_key=rules.THIRD_PARTY_REPLY, on=consultation.reply_due)
        clocks.resume(actor=actor, obj=request, rule_key=rules.ANSWER, on=on)
    return consultation


# --- extension (第三十三条第二款) -----------------------------------------------------------------------------------


def extend_answer(
    *, actor, request: DisclosureRequest, on, days: int, reason: str, approver, notified_on
) -> DisclosureRequest:
    """Extend the answer period once, by at most 20 working days, with the office head's approval and notice to
    the applicant (第三十三条第二款)."""
    _require_role(actor, request.body)
    on = _date(on, "on", "延长决定日期")
    notified_on = _date(notified_on, "notified_on", f"告知申请人延期的日期（{REG}第三十三条第二款）")
    reason = _text(reason, "reason", "延长理由", max_length=300)
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise InvalidInput("延长工作日数应为整数。", field="days") from None
    if days < 1 or days > 20:
        raise InvalidTransition(f"延长的期限最长不得超过20个工作日（{REG}第三十三条第二款），不能延长{days}个工作日。")
    if approver is None or not has_role(approver, Role.LEADER) or request.body_id not in visible_body_ids(approver):
        raise NotPermitted(
            f"延长答复期限应当经政府信息公开工作机构负责人同意（{REG}第三十三条第二款）：批准人须为本机关负责人。"
        )
    with transaction.atomic():
        request = _lock(request)
        if request.extension_days:
            raise InvalidTransition(
                f"答复期限只能延长一次，本申请已于 {request.extension_on} 延长{request.extension_days}个工作日"
                f"（{REG}第三十三条第二款）。"
            )
        _check(request, "extend")
        deadline = clocks.current(request, rules.ANSWER)
        if deadline is not None and on > deadline.due_date:
            raise InvalidTransition(f"答复期限已于 {deadline.due_date} 届满，不能再延长（{REG}第三十三条第二款）。")
        if on < request.clock_start:
            raise InvalidInput(f"延长决定日期不能早于答复期限起算日 {request.clock_start}。", field="on")
        if notified_on < on:
            raise InvalidInput("告知申请人延期的日期不能早于延长决定日期。", field="notified_on")
        old = _snapshot(request)
        request.extension_days = days
        request.extension_reason = reason
        request.extension_approver = approver
        request.extension_on = on
        request.extension_notified_on = notified_on
        request.save(
            update_fields=[
                "extension_days",
                "extension_reason",
                "extension_approver",
                "extension_on",
                "extension_notified_on",
            ]
        )
        _record(
            request,
            actor=actor,
            event=Event.DISCLOSURE_EXTENDED,
            old=old,
            extra={"approver_id": approver.pk, "reason": reason, "notified_on": notified_on},
        )
        clocks.extend(
            actor=actor,
            obj=request,
            rule_key=rules.ANSWER,
            units=days,
            approver=approver,
            reason=f"{reason}（{approver}同意，{notified_on}告知申请人）",
        )
    return request


# --- fees (第四十二条; 国办函〔2020〕109号) --------------------------------------------------------------------------


def fees_enabled(body: Body) -> bool:
    return bool(get_setting(rules.FEES_ENABLED_SETTING, body_id=body.pk, default=False))


def issue_fee_notice(*, actor, request: DisclosureRequest, on, method: str, quantity: int) -> FeeNotice:
    """Send a 信息处理费 notice (only when fees are switched on). The answer clock stops until payment."""
    _require_role(actor, request.body)
    if not fees_enabled(request.body):
        raise FeesDisabled()
    on = _date(on, "on", "发出收费通知日期")
    if on < rules.FEES_FROM:
        raise InvalidTransition(
            f"《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自{rules.FEES_FROM}起施行，此前不能收取信息处理费。"
        )
    fee = compute_fee(method=method, quantity=quantity, body_id=request.body_id)
    if fee.amount <= 0:
        raise InvalidInput(
            f"按{fee.method_label}计算应收费用为零，无需发出收费通知（{fee.citation}）。", field="quantity"
        )
    with transaction.atomic():
        request = _lock(request)
        if FeeNotice.objects.filter(request=request).exists():
            raise InvalidTransition("本申请已发出过收费通知。")
        target = _check(request, "issue_fee_notice")
        due_on = clocks.due_for(rules.FEE_PAYMENT, on, body_id=request.body_id).due
        old = _snapshot(request)
        notice = FeeNotice.objects.create(
            request=request,
            method=method,
            quantity=quantity,
            amount=fee.amount,
            explanation=fee.explanation,
            issued_on=on,
            due_on=due_on,
        )
        request.status = target
        request.save(update_fields=["status"])
        _record(
            request,
            actor=actor,
            event=Event.DISCLOSURE_FEE_NOTICE_ISSUED,
            old=old,
            extra={"amount": fee.amount, "due_on": due_on, "method": method, "quantity": quantity},
        )
        clocks.pause(actor=actor, obj=request, rule_key=rules.ANSWER, on=on, reason="等待申请人缴纳信息处理费")
    return notice


def record_fee_payment(*, actor, request: DisclosureRequest, on) -> DisclosureRequest:
    _require_role(actor, request.body)
    on = _date(on, "on", "缴费日期")
    with transaction.atomic():
        request = _lock(request)
        target = _check(request, "record_fee_payment")
        notice = FeeNotice.objects.select_for_update().get(request=request)
        if on < notice.issued_on:
            raise InvalidInput(f"缴费日期不能早于收费通知日期 {notice.issued_on}。", field="on")
        if on > notice.due_on:
            raise InvalidTransition(f"缴费期限 {notice.due_on} 已过，应按“逾期未缴费，不再处理”办结。")
        old = _snapshot(request)
        notice.paid_on = on
        notice.save(update_fields=["paid_on"])
        request.status = target
        request.save(update_fields=["status"])
        _record(request, actor=actor, event=Event.DISCLOSURE_FEE_PAID, old=old, extra={"amount": notice.amount})
        clocks.resume(actor=actor, obj=request, rule_key=rules.ANSWER, on=on)
    return request


def close_unpaid(*, actor, request: DisclosureRequest, on) -> DisclosureRequest:
    """The fee was not paid in time: the office no longer processes the request (report: 其他处理 2)."""
    _require_role(actor, request.body)
    on = _date(on, "on", "办结日期")
    with transaction.atomic():
        request = _lock(request)
        target = _check(request, "close_unpaid")
        notice = FeeNotice.objects.get(request=request)
        if on <= notice.due_on:
            raise InvalidTransition(f"缴费期限 {notice.due_on} 尚未届满，不能按逾期未缴费办结。")
        old = _snapshot(request)
        request.status = target
        request.outcome = "other.fee_unpaid"
        request.closed_on = on
        request.save(update_fields=["status", "outcome", "closed_on"])
        _record(request, actor=actor, event=Event.DISCLOSURE_FEE_LAPSED, old=old)
        clocks.close(actor=actor, obj=request, rule_key=rules.ANSWER, on=notice.issued_on)
    return request


# --- answer (第三十六条, 第三十七条) --------------------------------------------------------------------------------


def answer_request(
    *,
    actor,
    request: DisclosureRequest,
    on,
    outcome: str,
    content: str,
    reasons: str = "",
    other_agency: str = "",
) -> Answer:
    """Answer the request with one of the outcomes of 第三十六条/第三十七条 or the report's 不予处理/其他处理 rows.

    The answer must fit the state: not before receipt is confirmed, not while waiting for a correction, a third
    party or a fee; reasons are required where the law requires them; "补正后仍不明确" needs a completed correction.
    Closes the answer clock (met or missed against the due date) and numbers the reply letter.
    """
    _require_role(actor, request.body)
    on = _date(on, "on", "答复日期")
    spec = BY_KEY.get(outcome)
    if spec is None:
        raise InvalidInput("请选择有效的答复类型。", field="outcome")
    if not spec.clerk_may_choose:
        raise InvalidTransition(f"“{spec.label}”不能直接选择作为答复，应通过相应程序办结（{spec.citation}）。")
    content = _text(content, "content", "答复内容", max_length=5000)
    reasons = _text(reasons, "reasons", "理由", max_length=5000, required=False)
    other_agency = _text(other_agency, "other_agency", "负责公开的机关", max_length=200, required=False)
    if spec.needs_reason and not reasons:
        raise InvalidInput(f"“{spec.label}”应当说明理由（{spec.citation}）。", field="reasons")
    with transaction.atomic():
        request = _lock(request)
        target = _check(request, "answer")
        if on < request.clock_start:
            raise InvalidInput(f"答复日期不能早于答复期限起算日 {request.clock_start}。", field="on")
        if (
            spec.requires_correction
            and not Correction.objects.filter(request=request, received_on__isnull=False).exists()
        ):
            raise InvalidTransition(
                f"“{spec.label}”只适用于已经告知补正且收到补正的申请（{spec.citation}）；本申请没有补正记录。"
            )
        if spec.requires_consultation and not Consultation.objects.filter(request=request).exists():
            raise InvalidTransition(
                f"以保护第三方合法权益为由不予公开，应当先书面征求第三方意见（{REG}第三十二条）；本申请没有征求意见记录。"
            )
        old = _snapshot(request)
        seq = next_number(body=request.body, series="answer", year=on.year)
        answer = Answer.objects.create(
            request=request,
            outcome=outcome,
            answered_on=on,
            letter_number=f"{_short(request.body)}信公答〔{on.year}〕{seq}号",
            content=content,
            reasons=reasons,
            other_agency=other_agency,
            answered_by=actor or request.entered_by,
        )
        request.status = target
        request.outcome = outcome
        request.closed_on = on
        request.save(update_fields=["status", "outcome", "closed_on"])
        _record(
            request,
            actor=actor,
            event=Event.DISCLOSURE_ANSWERED,
            old=old,
            extra={"outcome": outcome, "letter_number": answer.letter_number},
        )
        clocks.close(actor=actor, obj=request, rule_key=rules.ANSWER, on=on)
    return answer


# --- review and litigation (第五十一条; report table 四) ------------------------------------------------------------


def record_remedy(
    *, actor, body: Body, kind: str, filed_on, request: DisclosureRequest | None = None, note: str = ""
) -> RemedyCase:
    """Record an administrative review or lawsuit brought over disclosure work."""
    _require_role(actor, body)
    kind = _choice(kind, RemedyKind, "kind", "类别")
    filed_on = _date(filed_on, "filed_on", "受理日期")
    note = _text(note, "note", "备注", max_length=300, required=False)
    if request is not None and request.body_id != body.pk:
        raise InvalidInput("所涉申请不属于该机关。", field="request")
    with transaction.atomic():
        remedy = RemedyCase.objects.create(body=body, request=request, kind=kind, filed_on=filed_on, note=note)
        record(
            actor=actor,
            event=Event.DISCLOSURE_REMEDY_RECORDED,
            subject=remedy,
            body_id=body.pk,
            payload={"new": {"kind": kind, "filed_on": filed_on, "request_id": request.pk if request else None}},
        )
    return remedy


def conclude_remedy(*, actor, remedy: RemedyCase, result: str, on) -> RemedyCase:
    _require_role(actor, remedy.body)
    result = _choice(result, RemedyResult, "result", "结果")
    if result == RemedyResult.PENDING:
        raise InvalidInput("审结结果不能为“尚未审结”。", field="result")
    on = _date(on, "on", "审结日期")
    with transaction.atomic():
        remedy = RemedyCase.objects.select_for_update().get(pk=remedy.pk)
        if remedy.result != RemedyResult.PENDING:
            raise InvalidTransition(f"该案件已于 {remedy.concluded_on} 审结。")
        if on < remedy.filed_on:
            raise InvalidInput(f"审结日期不能早于受理日期 {remedy.filed_on}。", field="on")
        remedy.result, remedy.concluded_on = result, on
        remedy.save(update_fields=["result", "concluded_on"])
        record(
            actor=actor,
            event=Event.DISCLOSURE_REMEDY_CONCLUDED,
            subject=remedy,
            body_id=remedy.body_id,
            payload={"old": {"result": RemedyResult.PENDING}, "new": {"result": result, "concluded_on": on}},
        )
    return remedy


# --- proactive disclosure (第十二条, 第二十条, 第二十一条, 第二十六条) ----------------------------------------------


def add_catalogue_entry(
    *,
    actor,
    body: Body,
    title: str,
    summary: str,
    generated_on,
    category: str,
    document_number: str = "",
    content: str = "",
) -> CatalogueEntry:
    """Add an item to the 政府信息公开目录 (索引, 名称, 内容概述, 生成日期, 第十二条第三款); the 20-working-day
    publication clock of 第二十六条 starts from the day the information was created or changed."""
    _require_role(actor, body)
    title = _text(title, "title", "名称", max_length=200)
    summary = _text(summary, "summary", "内容概述", max_length=2000)
    generated_on = _date(generated_on, "generated_on", "生成日期")
    category = _choice(category, CatalogueCategory, "category", "类别")
    document_number = _text(document_number, "document_number", "文号", max_length=100, required=False)
    content = _text(content, "content", "正文", max_length=50000, required=False)
    with transaction.atomic():
        seq = next_number(body=body, series="catalogue", year=generated_on.year)
        entry = CatalogueEntry.objects.create(
            body=body,
            index_number=f"{body.code}-{generated_on.year}-{seq:05d}",
            title=title,
            summary=summary,
            generated_on=generated_on,
            category=category,
            document_number=document_number,
            content=content,
        )
        record(
            actor=actor,
            event=Event.DISCLOSURE_CATALOGUE_ADDED,
            subject=entry,
            body_id=body.pk,
            payload={"new": {"index_number": entry.index_number, "title": title, "category": category}},
        )
        clocks.open_(
            actor=actor,
            obj=entry,
            body=body,
            rule_key=rules.PROACTIVE,
            start=generated_on,
            label=f"主动公开 {entry.index_number}",
        )
    return entry


def publish_catalogue_entry(*, actor, entry: CatalogueEntry, on) -> CatalogueEntry:
    """Publish the item (on the portal's catalogue page); closes its 第二十六条 clock."""
    _require_role(actor, entry.body)
    on = _date(on, "on", "公开日期")
    with transaction.atomic():
        entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.state != CatalogueState.PENDING:
            raise InvalidTransition(f"只有待公开的条目可以公开，当前状态：{entry.get_state_display()}。")
        if on < entry.generated_on:
            raise InvalidInput(f"公开日期不能早于生成日期 {entry.generated_on}。", field="on")
        entry.state, entry.published_on = CatalogueState.PUBLISHED, on
        entry.save(update_fields=["state", "published_on"])
        record(
            actor=actor,
            event=Event.DISCLOSURE_CATALOGUE_PUBLISHED,
            subject=entry,
            body_id=entry.body_id,
            payload={"old": {"state": CatalogueState.PENDING}, "new": {"state": entry.state, "published_on": on}},
        )
        clocks.close(actor=actor, obj=entry, rule_key=rules.PROACTIVE, on=on)
    return entry


def repeal_catalogue_entry(*, actor, entry: CatalogueEntry, on) -> CatalogueEntry:
    """Mark a published item (e.g. a normative document) as repealed; it stays in the catalogue, marked 已废止."""
    _require_role(actor, entry.body)
    on = _date(on, "on", "废止日期")
    with transaction.atomic():
        entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.state != CatalogueState.PUBLISHED:
            raise InvalidTransition(f"只有已公开的条目可以标记废止，当前状态：{entry.get_state_display()}。")
        if on < entry.published_on:
            raise InvalidInput(f"废止日期不能早于公开日期 {entry.published_on}。", field="on")
        entry.state, entry.repealed_on = CatalogueState.REPEALED, on
        entry.save(update_fields=["state", "repealed_on"])
        record(
            actor=actor,
            event=Event.DISCLOSURE_CATALOGUE_REPEALED,
            subject=entry,
            body_id=entry.body_id,
            payload={"old": {"state": CatalogueState.PUBLISHED}, "new": {"state": entry.state, "repealed_on": on}},
        )
    return entry


GUIDE_FIELDS = {
    "office_name": ("政府信息公开工作机构名称", 100, True),
    "address": ("办公地址", 200, True),
    "office_hours": ("办公时间", 200, True),
    "phone": ("联系电话", 50, True),
    "fax": ("传真号码", 50, False),
    "internet_contact": ("互联网联系方式", 200, False),
    "postcode": ("邮政编码", 10, False),
    "classification": ("信息分类与编排体系", 5000, True),
    "how_to_obtain": ("获取方式", 5000, True),
}


def save_guide(*, actor, body: Body, on=None, **fields) -> Guide:
    """Create or update the 政府信息公开指南 (第十二条第二款: 分类、编排体系、获取方式、机构名称、地址、时间、电话、传真、网址)."""
    _require_role(actor, body)
    data = {
        key: _text(fields.get(key), key, f"{label}（{REG}第十二条）", max_length=size, required=req)
        for key, (label, size, req) in GUIDE_FIELDS.items()
    }
    on = _date(on or _today(), "on", "更新日期")
    with transaction.atomic():
        guide = Guide.objects.select_for_update().filter(body=body).first()
        old = {key: getattr(guide, key) for key in GUIDE_FIELDS} if guide else {}
        if guide is None:
            guide = Guide.objects.create(body=body, updated_on=on, **data)
        else:
            for key, value in data.items():
                setattr(guide, key, value)
            guide.updated_on = on
            guide.save(update_fields=[*GUIDE_FIELDS, "updated_on"])
        record(
            actor=actor,
            event=Event.DISCLOSURE_GUIDE_SAVED,
            subject=guide,
            body_id=body.pk,
            payload={"old": old, "new": data},
        )
    return guide


# --- annual report (第四十九条, 第五十条) ---------------------------------------------------------------------------


def create_report(*, actor, body: Body, year: int, format_year: int | None = None) -> AnnualReport:
    """Start the year's report in the given national format (default: the latest layout not newer than the year
    after the reporting year)."""
    from fazhi.disclosure import reports

    _require_role(actor, body)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InvalidInput("报告年度应为四位年份。", field="year") from None
    if year < 2008 or year > _today().year:
        raise InvalidInput(f"报告年度 {year} 无效。", field="year")
    layout = reports.load_layout(format_year) if format_year else reports.default_layout()
    with transaction.atomic():
        if AnnualReport.objects.filter(body=body, year=year).exists():
            raise InvalidTransition(f"{year}年度报告已经存在。")
        report = AnnualReport.objects.create(
            body=body,
            year=year,
            format_year=layout["format_year"],
            narrative={s["key"]: s.get("default", "") for s in layout["sections"] if s.get("editable")},
            inputs={},
        )
        record(
            actor=actor,
            event=Event.DISCLOSURE_REPORT_CREATED,
            subject=report,
            body_id=body.pk,
            payload={"new": {"year": year, "format_year": report.format_year}},
        )
    return report


def edit_report(
    *, actor, report: AnnualReport, narrative: dict | None = None, inputs: dict | None = None
) -> AnnualReport:
    """Edit the narrative sections and the figures entered by hand (those no module records yet)."""
    from fazhi.disclosure import reports

    _require_role(actor, report.body)
    layout = reports.load_layout(report.format_year)
    editable = {s["key"]: s["title"] for s in layout["sections"] if s.get("editable")}
    input_cells = reports.input_cells(layout)
    clean_narrative = dict(report.narrative)
    for key, text in (narrative or {}).items():
        if key not in editable:
            raise InvalidInput(f"报告没有可编辑的部分“{key}”。", field=key)
        clean_narrative[key] = _text(text, key, editable[key], max_length=20000, required=False)
    clean_inputs = dict(report.inputs)
    for key, value in (inputs or {}).items():
        if key not in input_cells:
            raise InvalidInput(f"报告没有可填报的数据项“{key}”。", field=key)
        label = input_cells[key]
        if value in (None, ""):
            clean_inputs.pop(key, None)
            continue
        try:
            number = Decimal(str(value).strip())
        except Exception:
            raise InvalidInput(f"“{label}”应为数字。", field=key) from None
        if number < 0 or not number.is_finite():
            raise InvalidInput(f"“{label}”不能为负数。", field=key)
        clean_inputs[key] = str(number.normalize()) if number != number.to_integral() else int(number)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state == ReportState.PUBLISHED:
            raise InvalidTransition("年度报告已经公布，不能再修改。")
        old = {"narrative": report.narrative, "inputs": report.inputs}
        report.narrative, report.inputs = clean_narrative, clean_inputs
        report.save(update_fields=["narrative", "inputs"])
        record(
            actor=actor,
            event=Event.DISCLOSURE_REPORT_EDITED,
            subject=report,
            body_id=report.body_id,
            payload={"old": old, "new": {"narrative": clean_narrative, "inputs": clean_inputs}},
        )
    return report


def publish_report(*, actor, report: AnnualReport, on=None) -> AnnualReport:
    """Freeze the computed tables and publish the report on the portal — refused, with the failing cells, unless
    table 三 adds up (“第一项加第二项之和，等于第三项加第四项之和”)."""
    from fazhi.disclosure import reports

    _require_role(actor, report.body)
    on = _date(on or _today(), "on", "公布日期")
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.state == ReportState.PUBLISHED:
            raise InvalidTransition(f"年度报告已于 {report.published_on} 公布。")
        built = reports.build_report(report)
        reports.require_check(built)
        report.snapshot = built.as_json()
        report.state = ReportState.PUBLISHED
        report.published_on = on
        report.save(update_fields=["snapshot", "state", "published_on"])
        record(
            actor=actor,
            event=Event.DISCLOSURE_REPORT_PUBLISHED,
            subject=report,
            body_id=report.body_id,
            payload={"old": {"state": ReportState.DRAFT}, "new": {"state": report.state, "published_on": on}},
        )
    return report
