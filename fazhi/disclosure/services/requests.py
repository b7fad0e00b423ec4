"""Requests (依申请公开), from intake to the answer: 条例 第二十九条 to 第三十七条 and 第四十二条.

Each step is one ``REQUEST.step(...)`` block (core's step helper: role and scope, row lock, the transition table,
the step date, save, one chain entry, the deadlines); the function keeps only what is particular to the step. The
answer clock (20 working days, 第三十三条) lives in core's deadline table: it opens on receipt, pauses for a
correction, a third party or a fee, restarts on a corrected request (第三十条) and closes with the answer.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.urls import reverse

from fazhi.audit.events import Event
from fazhi.core import deadlines, inbox
from fazhi.core.access import Role, require
from fazhi.core.selectors import get_setting
from fazhi.core.steps import Workflow
from fazhi.disclosure import rules
from fazhi.disclosure.errors import FeesDisabled, InvalidInput, InvalidTransition, NotPermitted
from fazhi.disclosure.fees import compute_fee
from fazhi.disclosure.models import (
    Answer,
    ApplicantType,
    Channel,
    Consultation,
    ConsultationKind,
    Correction,
    DeliveryForm,
    DeliveryMethod,
    DisclosureRequest,
    FeeNotice,
    IdDocument,
    LetterDelivery,
    ReasonsInquiry,
    RequestStatus,
    ThirdPartyReply,
)
from fazhi.disclosure.outcomes import BY_KEY
from fazhi.disclosure.outcomes import REG as REG_PLAIN
from fazhi.disclosure.services.common import (
    CLERK,
    REG,
    SERIES_ANSWER,
    SERIES_REQUEST,
    as_date,
    choice,
    next_number,
    past_date,
    require_clerk,
    short_name,
    text,
)
from fazhi.org.selectors import people_with_role_in

REQUEST = Workflow(DisclosureRequest, check=rules.check_request_move)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone


def _step(actor, request, what: str, event: Event, action: str, *, on, on_label: str, after=None):
    """A request step named in the transition table: taken only from its states, refused in its own words."""
    starts, target, _why = rules.TRANSITIONS[action]
    return REQUEST.step(
        actor,
        request,
        what,
        event,
        roles=CLERK,
        to=target,
        allowed=starts,
        refusal=rules.refusal(action),
        on=on,
        on_label=on_label,
        after=after,
    )


def _snapshot(request: DisclosureRequest) -> dict:
    return {
        "status": request.status,
        "received_on": request.received_on,
        "clock_start": request.clock_start,
        "extension_days": request.extension_days,
        "outcome": request.outcome,
        "closed_on": request.closed_on,
    }


def _begin(s) -> None:
    """The chain entry's ``old``: the request as it was before the step (the helper has already moved its status)."""
    s.old(**{**_snapshot(s.obj), "status": s.old_status})


def _end(s) -> None:
    s.new(**_snapshot(s.obj))


def _new_lookup_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        if not DisclosureRequest.objects.filter(lookup_code=code).exists():
            return code


# --- guards: shown on the page (the step disabled, with the reason) and enforced by the services -----------------


def correction_refusal(request: DisclosureRequest) -> str | None:
    old_text = rules.only_in_2019_text(
        request, "一次性告知补正（收到申请之日起7个工作日内、答复期限自收到补正之日起重新计算）", "第三十条"
    )
    if old_text:
        return old_text
    if Correction.objects.filter(request=request).exists():
        return f"补正告知只能一次性作出，本申请已告知过补正（{REG}第三十条）。"
    delayed = _delayed_to(request)
    if delayed:
        return f"本申请已依{REG}第三十五条确定延迟至 {delayed} 答复，不能再告知补正（{REG}第三十条）。"
    return None


def _delayed_to(request: DisclosureRequest) -> date | None:
    return ReasonsInquiry.objects.filter(request=request).values_list("delayed_to", flat=True).first()


def extension_refusal(request: DisclosureRequest) -> str | None:
    delayed = _delayed_to(request)
    if delayed:
        return f"本申请已依{REG}第三十五条确定延迟至 {delayed} 答复，答复期限即为该日期，不再按第三十三条第二款延长。"
    if request.extension_days:
        return (
            f"答复期限只能延长一次，本申请已于 {request.extension_on} 延长{request.extension_days}个工作日"
            f"（{rules.extension_article(request)}）。"
        )
    return None


def fee_notice_refusal(request: DisclosureRequest) -> str | None:
    old_text = rules.only_in_2019_text(
        request, "收取信息处理费（《政府信息公开信息处理费管理办法》，2021年1月1日起）", "第四十二条"
    )
    if old_text:
        return old_text
    if FeeNotice.objects.filter(request=request).exists():
        return "本申请已发出过收费通知（《政府信息公开信息处理费管理办法》）。"
    return None


def _refuse_if(reason: str | None) -> None:
    if reason:
        raise InvalidTransition(reason)


# --- intake (第二十九条, 第三十一条) --------------------------------------------------------------------------------

RECEIPT_BASIS = {
    Channel.IN_PERSON: f"当面提交，以提交之日为收到申请之日（{REG}第三十一条第（一）项）",
    Channel.ORAL: f"口头提出、由工作机构代为填写，以提出之日为收到申请之日（{REG}第二十九条、第三十一条第（一）项）",
    Channel.REGISTERED_POST: f"以需签收的邮寄方式提交，以签收之日为收到申请之日（{REG}第三十一条第（二）项）",
    Channel.ORDINARY_POST: f"以平常信函提交，于到达当日与申请人确认，确认之日即收到申请之日（{REG}第三十一条第（二）项）",
    Channel.ONLINE: f"通过互联网提交，以双方确认之日为收到申请之日（{REG}第三十一条第（三）项）",
    Channel.FAX: f"通过传真提交，以双方确认之日为收到申请之日（{REG}第三十一条第（三）项）",
}
CONFIRMED_CHANNELS = (Channel.ORDINARY_POST, Channel.ONLINE, Channel.FAX)


def _receipt_of(channel: str, arrived_on: date, confirmed_on: date) -> tuple[date, str, dict]:
    """(收到申请之日, its basis, a note for the chain) of a request confirmed with the applicant on ``confirmed_on``.

    Internet and fax: the day both sides confirm (第三十一条第（三）项). An ordinary letter: the office must confirm
    “于收到申请的当日” and the confirmation day is the receipt day (第三十一条第（二）项), so the receipt day is the
    day the letter arrived; a confirmation recorded later is kept as it happened and noted, and never moves the
    receipt day — or the answer period — later than the arrival (ADR 0012).
    """
    if confirmed_on < arrived_on:
        raise InvalidInput(
            f"与申请人确认的日期 {confirmed_on} 早于申请到达日期 {arrived_on}：申请到达后才能确认。",
            field="received_on",
        )
    if channel != Channel.ORDINARY_POST or confirmed_on == arrived_on:
        return confirmed_on, RECEIPT_BASIS[channel], {}
    basis = (
        f"以平常信函提交，工作机构应当于收到申请的当日与申请人确认（{REG}第三十一条第（二）项）；"
        f"本申请 {arrived_on} 到达，{confirmed_on} 才与申请人确认，收到申请之日按到达之日 {arrived_on} 计"
    )
    return arrived_on, basis, {"late_confirmation": {"arrived_on": arrived_on, "confirmed_on": confirmed_on}}


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
        "applicant_type": choice(applicant_type, ApplicantType, "applicant_type", "申请人类型"),
        "applicant_name": text(applicant_name, "applicant_name", f"申请人姓名或者名称{art}", max_length=100),
        "id_document_type": choice(id_document_type, IdDocument, "id_document_type", f"身份证明类型{art}"),
        "id_document_number": text(id_document_number, "id_document_number", f"身份证明号码{art}", max_length=40),
        "phone": text(phone, "phone", "联系电话", max_length=30, required=False),
        "email": text(email, "email", "电子邮箱", max_length=100, required=False),
        "address": text(address, "address", "通信地址", max_length=200, required=False),
        "postcode": text(postcode, "postcode", "邮政编码", max_length=10, required=False),
        "contact_person": text(contact_person, "contact_person", "联系人", max_length=50, required=False),
        "description": text(
            description, "description", f"所需政府信息的名称、文号或者特征性描述{art}", max_length=2000
        ),
        "document_number": text(document_number, "document_number", "文号", max_length=100, required=False),
        "delivery_form": choice(delivery_form, DeliveryForm, "delivery_form", f"信息的形式要求{art}"),
        "delivery_method": choice(delivery_method, DeliveryMethod, "delivery_method", f"获取信息的方式、途径{art}"),
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


def _require_covered(on: date, field: str) -> None:
    """A receipt day the platform has the text for: the 2007 text from 2019-01-01, the 2019 text from 2019-05-15."""
    if on < rules.INTAKE_FROM:
        raise InvalidInput(
            f"{on} 收到的申请不在本平台的登记范围：本平台登记自{rules.INTAKE_FROM}起收到的申请"
            f"（2019年1月1日至5月14日收到的适用{rules.REG_2007}，5月15日起适用{REG}），"
            "此前适用的条文未录入本平台，不能计算其期限；请按原有台账办理。",
            field=field,
        )


def _open_answer_clock(s, request: DisclosureRequest) -> None:
    s.open(rules.ANSWER, request.received_on, label=f"{request.number} 答复")


def register_request(
    *,
    actor,
    body,
    channel: str,
    submitted_on,
    received_on=None,
    oral_record: str = "",
    **application,
) -> DisclosureRequest:
    """Register a request received by the office (clerk entry) or through the portal (``actor=None``, online).

    The receipt date follows 第三十一条: in person and oral — the submission day; registered post — the signing day
    (``received_on``); internet and fax — the day both sides confirm; an ordinary letter — the day it arrived
    (``submitted_on``), the office having to confirm with the applicant that same day. For the three confirmed
    channels ``received_on`` is the day of the confirmation if it has taken place (otherwise the request waits in
    待确认收到 until ``confirm_receipt``); a late confirmation of an ordinary letter never moves the receipt day later
    than the arrival (``_receipt_of``). An oral request is written down
    by the office (第二十九条第一款): ``oral_record`` is required. The 20-working-day answer clock (第三十三条)
    opens as soon as the receipt date is known.
    """
    what = "登记政府信息公开申请"
    require_clerk(actor, body, what)
    channel = choice(channel, Channel, "channel", "申请渠道")
    if actor is None and channel != Channel.ONLINE:
        raise NotPermitted("门户网站只能登记网上申请。")
    data = validate_application(**application)
    submitted_on = past_date(submitted_on, "submitted_on", "提交（到达）日期")
    received_on = past_date(received_on, "received_on", "收到申请之日", required=False)
    oral_record = text(oral_record, "oral_record", "口头申请记录", max_length=2000, required=channel == Channel.ORAL)
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
    confirmed_on, basis, late = None, RECEIPT_BASIS[channel] if received_on else "", {}
    if channel in CONFIRMED_CHANNELS and received_on is not None:
        confirmed_on = received_on
        received_on, basis, late = _receipt_of(channel, submitted_on, confirmed_on)
    _require_covered(
        received_on or submitted_on, "received_on" if received_on not in (None, submitted_on) else "submitted_on"
    )

    with REQUEST.step(
        actor,
        None,
        what,
        Event.DISCLOSURE_REQUEST_REGISTERED,
        roles=CLERK,
        on=submitted_on,
        on_field="submitted_on",
        on_label="提交（到达）日期",
    ) as s:
        year = submitted_on.year
        seq = next_number(body=body, series=SERIES_REQUEST, year=year)
        request = s.created(
            DisclosureRequest.objects.create(
                body=body,
                number=f"{short_name(body)}依申请〔{year}〕{seq}号",
                lookup_code=_new_lookup_code(),
                channel=channel,
                oral_record=oral_record,
                submitted_on=submitted_on,
                received_on=received_on,
                confirmed_on=confirmed_on,
                clock_start=received_on,
                receipt_basis=basis,
                status=RequestStatus.IN_PROGRESS if received_on else RequestStatus.AWAITING_RECEIPT,
                entered_by=actor,
                **data,
            )
        )
        _end(s)
        if confirmed_on:
            s.new(confirmed_on=confirmed_on)
        s.note(channel=channel, applicant_type=data["applicant_type"], number=request.number, **late)
        if received_on:
            _open_answer_clock(s, request)
        if actor is None:  # an online request nobody at the office has seen yet: tell the clerks
            inbox.notify(
                recipients=people_with_role_in(body, Role.DISCLOSURE_CLERK),
                kind="request",
                subject=request,
                title=f"新的网上政府信息公开申请：{request.number}",
                url=reverse("disclosure:request_detail", args=[request.pk]),
                body_id=body.pk,
            )
    return request


def confirm_receipt(*, actor, request: DisclosureRequest, on) -> DisclosureRequest:
    """Record the confirmation with the applicant of an ordinary letter, an internet or a fax request (第三十一条):
    the day both sides confirm is the receipt day — for an ordinary letter the day it arrived, since the office must
    confirm that same day (a later confirmation is recorded and noted, ADR 0012)."""
    on = as_date(on, "on", "确认收到日期")
    with _step(
        actor,
        request,
        "确认收到申请",
        Event.DISCLOSURE_RECEIPT_CONFIRMED,
        "confirm_receipt",
        on=on,
        on_label="确认收到日期",
        after="submitted_on",
    ) as s:
        request = s.obj
        received_on, basis, late = _receipt_of(request.channel, request.submitted_on, on)
        _require_covered(received_on, "on")
        _begin(s)
        request.received_on = request.clock_start = received_on
        request.confirmed_on = on
        request.receipt_basis = basis
        s.changed("received_on", "clock_start", "confirmed_on", "receipt_basis")
        _end(s)
        s.new(confirmed_on=on)
        if late:
            s.note(**late)
        _open_answer_clock(s, request)
    return request


# --- correction (第三十条) ------------------------------------------------------------------------------------------


def request_correction(*, actor, request: DisclosureRequest, on, items: str, due_on=None) -> Correction:
    """Ask the applicant, once, within 7 working days of receipt, to correct the request (第三十条).

    The answer clock stops; it restarts from the day the corrected request arrives.
    """
    on = as_date(on, "on", "告知补正日期")
    items = text(items, "items", f"需要补正的事项（{REG}第三十条）", max_length=2000)
    due_on = as_date(due_on, "due_on", "补正期限")
    with _step(
        actor,
        request,
        "告知补正",
        Event.DISCLOSURE_CORRECTION_REQUESTED,
        "request_correction",
        on=on,
        on_label="告知补正日期",
        after="received_on",
    ) as s:
        request = s.obj
        _refuse_if(correction_refusal(request))
        window = rules.correction_window(request)
        if on > window.due:
            raise InvalidTransition(
                f"告知补正应当自收到申请之日起7个工作日内作出（{REG}第三十条）：本申请 {request.received_on} 收到，"
                f"补正告知最迟 {window.due}，{on} 已超过。"
            )
        if due_on is None:
            due_on = rules.due_for(rules.CORRECTION_REPLY, on, body_id=request.body_id).due
        if due_on <= on:
            raise InvalidInput(f"补正期限应晚于告知补正日期（“合理的补正期限”，{REG}第三十条）。", field="due_on")
        _begin(s)
        correction = Correction.objects.create(
            request=request, requested_on=on, items=items, due_on=due_on, requested_by=actor or request.entered_by
        )
        _end(s)
        s.note(items=items, due_on=due_on)
        deadlines.pause(actor=actor, subject=request, rule_key=rules.ANSWER, on=on, reason="告知申请人补正（第三十条）")
    return correction


def receive_correction(
    *, actor, request: DisclosureRequest, on, late_reason: str = "", supplied: str = ""
) -> DisclosureRequest:
    """The corrected request arrived: the 20-working-day answer period counts again from ``on`` (第三十条).

    ``actor=None`` with ``supplied``: the applicant sent the correction online from the status page (the portal acts
    for the citizen); what they supplied goes on the chain and the clerks are told in their inbox."""
    on = as_date(on, "on", "收到补正日期")
    late_reason = text(late_reason, "late_reason", "逾期补正的正当理由", max_length=300, required=False)
    supplied = text(supplied, "supplied", "补正内容", max_length=2000, required=actor is None)
    with _step(
        actor,
        request,
        "登记收到补正",
        Event.DISCLOSURE_CORRECTION_RECEIVED,
        "receive_correction",
        on=on,
        on_label="收到补正日期",
    ) as s:
        request = s.obj
        correction = Correction.objects.select_for_update().get(request=request)
        if on < correction.requested_on:
            raise InvalidInput(f"收到补正日期不能早于告知补正日期 {correction.requested_on}。", field="on")
        if on > correction.due_on and not late_reason:
            raise InvalidInput(
                f"补正期限 {correction.due_on} 已过：申请人无正当理由逾期不补正的，视为放弃申请（{REG}第三十条）。"
                "如有正当理由，请填写理由。",
                field="late_reason",
            )
        _begin(s)
        correction.received_on = on
        correction.save(update_fields=["received_on"])
        request.clock_start = on
        s.changed("clock_start")
        _end(s)
        s.note(late_reason=late_reason)
        if supplied:
            s.note(supplied=supplied, channel="online" if actor is None else "office")
        if actor is None:  # the applicant corrected online: tell the clerks
            inbox.notify(
                recipients=people_with_role_in(request.body, Role.DISCLOSURE_CLERK),
                kind="request",
                subject=request,
                title=f"申请人已在网上补正：{request.number}",
                url=reverse("disclosure:request_detail", args=[request.pk]),
                body_id=request.body_id,
            )
        deadlines.restart(
            actor=actor,
            subject=request,
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
    on = as_date(on, "on", "办结日期")
    with _step(
        actor, request, "按视为放弃申请办结", Event.DISCLOSURE_ABANDONED, "abandon", on=on, on_label="办结日期"
    ) as s:
        request = s.obj
        correction = Correction.objects.get(request=request)
        if on <= correction.due_on:
            raise InvalidTransition(
                f"补正期限 {correction.due_on} 尚未届满，不能视为放弃申请（{REG}第三十条：“逾期不补正的，视为放弃申请”）。"
            )
        _begin(s)
        request.outcome = "other.no_correction"
        request.closed_on = on
        s.changed("outcome", "closed_on")
        _end(s)
        s.close(rules.ANSWER, correction.requested_on)
    return request


# --- consultation: a third party (第三十二条) or the agencies that made the information (第三十四条) -----------------
#
# The one consulted has 15 working days from *receiving* the letter (“自收到征求意见书之日起”): the receipt date is
# fixed by how the letter went, with the channel rules 第三十一条 sets for a request (in person: that day; post that
# is signed for: the signing day; an ordinary letter: the day the office confirms receipt with the addressee; e-mail
# or fax: the day both sides confirm). The reply window opens on receipt. The answer clock stops from the sending to
# the reply or to the last of the 15 days, whichever comes first (第三十三条第三款: 征求意见所需时间不计算在内).

LETTER_RECEIPT_BASIS = {
    LetterDelivery.IN_PERSON: "当面送交，以送交之日为收到征求意见书之日",
    LetterDelivery.REGISTERED_POST: f"以需签收的邮寄方式送达，以签收之日为收到之日（参照{REG}第三十一条第（二）项）",
    LetterDelivery.ORDINARY_POST: f"以平常信函送达，以与收件方确认收到之日为收到之日（参照{REG}第三十一条第（二）项）",
    LetterDelivery.ELECTRONIC: f"以电子邮件、传真等数据电文送达，以双方确认之日为收到之日（参照{REG}第三十一条第（三）项）",
}
RECEIPT_LABELS = {
    LetterDelivery.IN_PERSON: "送交日期",
    LetterDelivery.REGISTERED_POST: "签收日期",
    LetterDelivery.ORDINARY_POST: "确认收到日期",
    LetterDelivery.ELECTRONIC: "双方确认日期",
}
CONSULTED = {
    ConsultationKind.THIRD_PARTY: ("第三方", rules.THIRD_PARTY_REPLY, "第三十二条"),
    ConsultationKind.AGENCY: ("被征求意见机关", rules.AGENCY_REPLY, "第三十四条"),
}


def open_consultation(request: DisclosureRequest, *, lock: bool = False) -> Consultation | None:
    qs = Consultation.objects.filter(request=request, replied_on__isnull=True)
    if lock:
        qs = qs.select_for_update()
    return qs.first()


def consultation_receipt_refusal(request: DisclosureRequest) -> str | None:
    """Why the reply cannot be recorded yet: the one consulted has not been recorded as receiving the letter."""
    consultation = open_consultation(request)
    if consultation is not None and consultation.received_on is None:
        who, _rule, article = CONSULTED[consultation.kind]
        return (
            f"尚未登记{who}收到征求意见书的日期：{who}提出意见的15个工作日自收到征求意见书之日起计算"
            f"（{REG}{article}），请先登记收到日期。"
        )
    return None


def agency_consultation_refusal(request: DisclosureRequest) -> str | None:
    return rules.only_in_2019_text(request, "征求相关行政机关意见", "第三十四条")


def _window_opens(s, request: DisclosureRequest, consultation: Consultation) -> None:
    """The reply window of the one consulted, from receipt (none under the 2007 text, which set no reply period)."""
    who, rule_key, _article = CONSULTED[consultation.kind]
    if rules.under_2007_text(request):
        consultation.reply_due = None
        s.note(reply_period=f"{rules.REG_2007}第二十三条未规定第三方提出意见的期限（未核实）")
        return
    deadline = s.open(rule_key, consultation.received_on, subject=consultation, label=f"{request.number} {who}意见")
    consultation.reply_due = deadline.due_date


def _receipt(delivery: str, sent_on: date, received_on: date | None) -> date | None:
    if delivery == LetterDelivery.IN_PERSON:
        if received_on not in (None, sent_on):
            raise InvalidInput(
                "当面送交的，以送交之日为收到征求意见书之日，收到日期应与发出日期相同。", field="received_on"
            )
        return sent_on
    if received_on is not None and received_on < sent_on:
        raise InvalidInput(
            f"收到征求意见书日期 {received_on} 早于发出日期 {sent_on}：收到不能早于发出。", field="received_on"
        )
    return received_on


def _start(
    *, actor, request, on, kind: str, party: str, matter: str, delivery: str, received_on, event: Event, action: str
) -> Consultation:
    what = "书面征求第三方意见" if kind == ConsultationKind.THIRD_PARTY else "书面征求相关行政机关意见"
    label = "第三方名称" if kind == ConsultationKind.THIRD_PARTY else "被征求意见机关"
    on = as_date(on, "on", "发出征求意见书日期")
    party = text(party, "third_party" if kind == ConsultationKind.THIRD_PARTY else "agency", label, max_length=100)
    matter = text(matter, "matter", "征求意见事项", max_length=2000)
    delivery = choice(delivery or LetterDelivery.IN_PERSON, LetterDelivery, "delivery", "送达方式")
    received_on = past_date(received_on, "received_on", RECEIPT_LABELS[delivery], required=False)
    if on is not None:
        received_on = _receipt(delivery, on, received_on)
    with _step(actor, request, what, event, action, on=on, on_label="发出征求意见书日期", after="clock_start") as s:
        request = s.obj
        if kind == ConsultationKind.AGENCY:
            _refuse_if(agency_consultation_refusal(request))
        _begin(s)
        consultation = Consultation.objects.create(
            request=request,
            kind=kind,
            third_party=party,
            matter=matter,
            sent_on=on,
            delivery=delivery,
            received_on=received_on,
            receipt_basis=LETTER_RECEIPT_BASIS[delivery] if received_on else "",
            sent_by=actor or request.entered_by,
        )
        if received_on is not None:
            _window_opens(s, request, consultation)
            consultation.save(update_fields=["reply_due"])
        _end(s)
        s.note(
            third_party=party,
            delivery=delivery,
            received_on=received_on,
            reply_due=consultation.reply_due,
        )
        deadlines.pause(
            actor=actor,
            subject=request,
            rule_key=rules.ANSWER,
            on=on,
            reason=f"书面征求{party}意见（{CONSULTED[kind][2]}、第三十三条第三款）",
        )
    return consultation


def start_consultation(
    *,
    actor,
    request: DisclosureRequest,
    on,
    third_party: str,
    matter: str,
    delivery: str = LetterDelivery.IN_PERSON,
    received_on=None,
) -> Consultation:
    """Consult a third party in writing (第三十二条). It has 15 working days from receiving the letter; the window
    opens on receipt (given here, or later with ``record_consultation_receipt``). The answer clock stops from ``on``."""
    return _start(
        actor=actor,
        request=request,
        on=on,
        kind=ConsultationKind.THIRD_PARTY,
        party=third_party,
        matter=matter,
        delivery=delivery,
        received_on=received_on,
        event=Event.DISCLOSURE_CONSULTATION_STARTED,
        action="start_consultation",
    )


def start_agency_consultation(
    *,
    actor,
    request: DisclosureRequest,
    on,
    agency: str,
    matter: str,
    delivery: str = LetterDelivery.IN_PERSON,
    received_on=None,
) -> Consultation:
    """As the lead agency of information made with others, consult them in writing (第三十四条): they reply within 15
    working days of receiving the letter, and silence counts as consent. The answer clock stops meanwhile
    (第三十三条第三款: 征求第三方和其他机关意见所需时间不计算在内). Only under the 2019 text."""
    return _start(
        actor=actor,
        request=request,
        on=on,
        kind=ConsultationKind.AGENCY,
        party=agency,
        matter=matter,
        delivery=delivery,
        received_on=received_on,
        event=Event.DISCLOSURE_AGENCY_CONSULTATION_STARTED,
        action="start_agency_consultation",
    )


def record_consultation_receipt(*, actor, request: DisclosureRequest, on) -> Consultation:
    """The one consulted received the letter on ``on`` (签收日, or the day receipt was confirmed): its 15 working
    days run from then."""
    on = as_date(on, "on", "收到征求意见书日期")
    with _step(
        actor,
        request,
        "登记收到征求意见书",
        Event.DISCLOSURE_CONSULTATION_RECEIVED,
        "record_consultation_receipt",
        on=on,
        on_label="收到征求意见书日期",
    ) as s:
        request = s.obj
        consultation = open_consultation(request, lock=True)
        if consultation is None:
            raise InvalidTransition(f"该申请没有正在进行的意见征询（{REG}第三十二条、第三十四条）。")
        if consultation.received_on is not None:
            raise InvalidTransition(
                f"已登记{consultation.third_party}于 {consultation.received_on} 收到征求意见书，不能重复登记。"
            )
        if on < consultation.sent_on:
            raise InvalidInput(
                f"收到征求意见书日期 {on} 早于发出日期 {consultation.sent_on}：收到不能早于发出。", field="on"
            )
        consultation.received_on = on
        consultation.receipt_basis = LETTER_RECEIPT_BASIS.get(consultation.delivery, "")
        _window_opens(s, request, consultation)
        consultation.save(update_fields=["received_on", "receipt_basis", "reply_due"])
        s.new(consultation_id=consultation.pk, received_on=on, reply_due=consultation.reply_due)
        s.note(third_party=consultation.third_party, delivery=consultation.delivery)
    return consultation


def _finish(*, actor, request, on, reply: str, note: str, kind: str, event: Event, action: str) -> Consultation:
    who, rule_key, article = CONSULTED[kind]
    what = "结束第三方意见征询" if kind == ConsultationKind.THIRD_PARTY else "结束相关行政机关意见征询"
    on = as_date(on, "on", "意见征询结束日期")
    reply = choice(reply, ThirdPartyReply, "reply", f"{who}意见")
    note = text(note, "note", "意见摘要", max_length=2000, required=False)
    with _step(actor, request, what, event, action, on=on, on_label="意见征询结束日期") as s:
        request = s.obj
        consultation = open_consultation(request, lock=True)
        if consultation is None or consultation.kind != kind:
            raise InvalidTransition(f"该申请没有正在进行的{who}意见征询（{REG}{article}）。")
        _refuse_if(consultation_receipt_refusal(request))
        if on < consultation.received_on:
            raise InvalidInput(f"结束日期 {on} 早于{who}收到征求意见书的日期 {consultation.received_on}。", field="on")
        due = consultation.reply_due
        if reply == ThirdPartyReply.SILENT and due is not None and on <= due:
            deemed = "视为同意公开" if kind == ConsultationKind.AGENCY else "逾期未提出意见"
            raise InvalidTransition(
                f"{who}应当自收到征求意见书之日起15个工作日内提出意见（{REG}{article}）：征求意见书于 "
                f"{consultation.received_on} 收到，第15个工作日为 {due}；{due} 届满之前不能按“{deemed}”处理。"
            )
        # The time excluded from the answer period ends with the reply, or with the last day of the window.
        ended = on if due is None else min(on, due)
        _begin(s)
        consultation.replied_on = ended if reply == ThirdPartyReply.SILENT else on
        consultation.reply, consultation.reply_note = reply, note
        consultation.save(update_fields=["replied_on", "reply", "reply_note"])
        _end(s)
        s.note(third_party=consultation.third_party, reply=reply, pause_ended_on=ended)
        if kind == ConsultationKind.AGENCY:
            s.note(deemed_consent=reply == ThirdPartyReply.SILENT)
        if due is not None and on > due and reply != ThirdPartyReply.SILENT:
            s.warn(f"{who}的意见于 {on} 提出，已超过提出意见的期限 {due}（{REG}{article}）。")
        # The window of the one consulted: ended by the reply, or on its last day when they stayed silent.
        s.close_window(rule_key, on, subject=consultation)
        deadlines.resume(actor=actor, subject=request, rule_key=rules.ANSWER, on=ended)
    return consultation


def finish_consultation(*, actor, request: DisclosureRequest, on, reply: str, note: str = "") -> Consultation:
    """The third party replied, or its 15 working days from receiving the letter ran out in silence (then the office
    decides, 第三十二条). Silence is refused until the 15th working day has passed. The answer clock runs again from
    the reply, or from the last day of the window (第三十三条第三款)."""
    return _finish(
        actor=actor,
        request=request,
        on=on,
        reply=reply,
        note=note,
        kind=ConsultationKind.THIRD_PARTY,
        event=Event.DISCLOSURE_CONSULTATION_FINISHED,
        action="finish_consultation",
    )


def finish_agency_consultation(*, actor, request: DisclosureRequest, on, reply: str, note: str = "") -> Consultation:
    """The consulted agency replied, or stayed silent past its 15 working days: 视为同意公开 (第三十四条)."""
    return _finish(
        actor=actor,
        request=request,
        on=on,
        reply=reply,
        note=note,
        kind=ConsultationKind.AGENCY,
        event=Event.DISCLOSURE_AGENCY_CONSULTATION_FINISHED,
        action="finish_agency_consultation",
    )


# --- extension (第三十三条第二款) -----------------------------------------------------------------------------------


def extend_answer(
    *, actor, request: DisclosureRequest, on, days: int, reason: str, approver, notified_on
) -> DisclosureRequest:
    """Extend the answer period once, with the office head's approval and notice to the applicant: by at most 20
    working days (第三十三条第二款), or under the 2007 text by at most 15 (2007 第二十四条第二款, a setting)."""
    on = as_date(on, "on", "延长决定日期")
    notified_on = past_date(notified_on, "notified_on", f"告知申请人延期的日期（{rules.extension_article(request)}）")
    reason = text(reason, "reason", "延长理由", max_length=300)
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise InvalidInput("延长工作日数应为整数。", field="days") from None
    article, allowed = rules.extension_article(request), rules.extension_allowed(request)
    if days < 1 or days > allowed:
        raise InvalidTransition(f"延长的期限最长不得超过{allowed}个工作日（{article}），不能延长{days}个工作日。")
    refused = f"延长答复期限应当经政府信息公开工作机构负责人同意（{article}）：批准人须为本机关负责人。"
    if approver is None:
        raise NotPermitted(refused)
    try:  # the approver's role and scope (not the actor's): refused in the article's words, never as a 404
        require(approver, Role.LEADER, body=request.body_id, what="批准延长答复期限")
    except NotPermitted:
        raise NotPermitted(refused) from None
    with _step(
        actor,
        request,
        "延长答复期限",
        Event.DISCLOSURE_EXTENDED,
        "extend",
        on=on,
        on_label="延长决定日期",
        after="clock_start",
    ) as s:
        request = s.obj
        _refuse_if(extension_refusal(request))
        deadline = deadlines.current(request, rules.ANSWER)
        if deadline is not None and on > deadline.due_date:
            raise InvalidTransition(f"答复期限已于 {deadline.due_date} 届满，不能再延长（{article}）。")
        if notified_on < on:
            raise InvalidInput("告知申请人延期的日期不能早于延长决定日期。", field="notified_on")
        _begin(s)
        request.extension_days = days
        request.extension_reason = reason
        request.extension_approver = approver
        request.extension_on = on
        request.extension_notified_on = notified_on
        s.changed("extension_days", "extension_reason", "extension_approver", "extension_on", "extension_notified_on")
        _end(s)
        s.note(approver_id=approver.pk, reason=reason, notified_on=notified_on)
        deadlines.extend(
            actor=actor,
            subject=request,
            rule_key=rules.ANSWER,
            units=days,
            approver=approver,
            reason=f"{reason}（{approver}同意，{notified_on}告知申请人）",
        )
    return request


# --- 第三十五条: a request clearly beyond a reasonable volume or frequency -----------------------------------------
#
# The office may ask the applicant for the reasons; reasons it finds unreasonable → 告知申请人不予处理 (the answer
# 不予处理：无正当理由大量、反复申请, counted in report table 三 under （五）不予处理 4); reasons it finds reasonable
# but an answer it cannot give within the periods of 第三十三条 → it fixes a reasonable later date and tells the
# applicant (延迟答复): that date becomes the request's answer deadline. The article does not stop the answer clock
# while the applicant states the reasons, so it keeps running.


def reasons_inquiry(request: DisclosureRequest) -> ReasonsInquiry | None:
    return ReasonsInquiry.objects.filter(request=request).first()


def ask_reasons_refusal(request: DisclosureRequest) -> str | None:
    old_text = rules.only_in_2019_text(request, "要求申请人说明理由、延迟答复", "第三十五条")
    if old_text:
        return old_text
    inquiry = reasons_inquiry(request)
    if inquiry is not None:
        return f"本申请已于 {inquiry.asked_on} 要求申请人说明理由（{REG}第三十五条）。"
    return None


def assess_reasons_refusal(request: DisclosureRequest) -> str | None:
    inquiry = reasons_inquiry(request)
    if inquiry is None:
        return f"请先要求申请人说明理由，再认定理由是否合理（{REG}第三十五条）。"
    if inquiry.assessed_on is not None:
        found = "合理" if inquiry.reasonable else "不合理"
        return f"已于 {inquiry.assessed_on} 认定申请理由{found}（{REG}第三十五条）。"
    return None


def delay_refusal(request: DisclosureRequest) -> str | None:
    inquiry = reasons_inquiry(request)
    if inquiry is None or inquiry.reasonable is not True:
        return (
            f"只有认定申请理由合理、但无法在第三十三条规定的期限内答复的，才能确定延迟答复的期限（{REG}第三十五条）。"
        )
    if inquiry.delayed_to is not None:
        return f"本申请已确定延迟至 {inquiry.delayed_to} 答复（{REG}第三十五条）。"
    return None


def ask_reasons(*, actor, request: DisclosureRequest, on, grounds: str) -> ReasonsInquiry:
    """The number or frequency of the applications clearly exceeds a reasonable range: ask the applicant to state
    the reasons (第三十五条). Only under the 2019 text; once per request."""
    on = as_date(on, "on", "要求说明理由日期")
    grounds = text(grounds, "grounds", "申请数量、频次明显超过合理范围的情况", max_length=2000)
    with _step(
        actor,
        request,
        "要求申请人说明理由",
        Event.DISCLOSURE_REASONS_REQUESTED,
        "ask_reasons",
        on=on,
        on_label="要求说明理由日期",
        after="clock_start",
    ) as s:
        request = s.obj
        _refuse_if(ask_reasons_refusal(request))
        inquiry = ReasonsInquiry.objects.create(
            request=request, asked_on=on, grounds=grounds, asked_by=actor or request.entered_by
        )
        s.new(asked_on=on)
        s.note(grounds=grounds)
    return inquiry


FINDINGS = {"reasonable": True, "unreasonable": False}


def assess_reasons(
    *, actor, request: DisclosureRequest, on, finding: str, assessment: str, reasons_on=None, reasons: str = ""
) -> ReasonsInquiry:
    """Find the applicant's reasons reasonable or not (第三十五条). Not reasonable: the request is to be answered
    不予处理 (and only so). Reasonable: it is answered in the usual periods, or — when that is impossible — by a
    later date fixed with ``delay_answer``. Reasons the applicant never gave cannot be found reasonable."""
    on = as_date(on, "on", "认定日期")
    if finding not in FINDINGS:
        raise InvalidInput("请选择申请理由是否合理。", field="finding")
    reasonable = FINDINGS[finding]
    assessment = text(assessment, "assessment", "认定意见", max_length=2000)
    reasons_on = past_date(reasons_on, "reasons_on", "申请人说明理由日期", required=False)
    reasons = text(reasons, "reasons", "申请人所述理由", max_length=2000, required=False)
    if reasonable and (reasons_on is None or not reasons):
        raise InvalidInput(
            f"申请人未说明理由的，不能认定理由合理（{REG}第三十五条）：请填写说明理由的日期和所述理由。",
            field="reasons_on" if reasons_on is None else "reasons",
        )
    with _step(
        actor,
        request,
        "认定申请理由",
        Event.DISCLOSURE_REASONS_ASSESSED,
        "assess_reasons",
        on=on,
        on_label="认定日期",
        after="clock_start",
    ) as s:
        request = s.obj
        _refuse_if(rules.only_in_2019_text(request, "认定申请理由", "第三十五条"))
        _refuse_if(assess_reasons_refusal(request))
        inquiry = ReasonsInquiry.objects.select_for_update().get(request=request)
        if on < inquiry.asked_on:
            raise InvalidInput(f"认定日期 {on} 早于要求说明理由的日期 {inquiry.asked_on}。", field="on")
        if reasons_on is not None and not inquiry.asked_on <= reasons_on <= on:
            raise InvalidInput(
                f"申请人说明理由的日期应在要求说明理由（{inquiry.asked_on}）之后、认定（{on}）之前。",
                field="reasons_on",
            )
        inquiry.reasons_on, inquiry.reasons = reasons_on, reasons
        inquiry.assessed_on, inquiry.reasonable, inquiry.assessment = on, reasonable, assessment
        inquiry.save(update_fields=["reasons_on", "reasons", "assessed_on", "reasonable", "assessment"])
        s.new(assessed_on=on, reasonable=reasonable)
        s.note(reasons_on=reasons_on, assessment=assessment)
        if not reasonable:
            s.warn(
                f"申请理由不合理：应当告知申请人不予处理（{REG}第三十五条），以“不予处理：无正当理由大量、反复申请”答复。"
            )
    return inquiry


def delay_answer(*, actor, request: DisclosureRequest, on, delayed_to, reason: str, notified_on) -> DisclosureRequest:
    """Reasons found reasonable, but the answer cannot be given within the periods of 第三十三条: fix a reasonable
    later date and tell the applicant (第三十五条). The later date becomes the answer deadline: the 第三十三条
    period ends (met — the office acted within it) and a deadline due on that date opens, explained.

    Refused after the 第三十三条 period has run out, and for a date not after the statutory due date (which
    includes any extension and the time excluded for consultations): such a date needs no delay."""
    on = as_date(on, "on", "确定延迟答复日期")
    delayed_to = as_date(delayed_to, "delayed_to", "延迟答复期限")
    if delayed_to is None:
        raise InvalidInput("请填写延迟答复期限。", field="delayed_to")
    reason = text(reason, "reason", "无法在规定期限内答复的原因", max_length=2000)
    notified_on = past_date(notified_on, "notified_on", f"告知申请人延迟答复的日期（{REG}第三十五条）")
    with _step(
        actor,
        request,
        "确定延迟答复期限",
        Event.DISCLOSURE_ANSWER_DELAYED,
        "delay_answer",
        on=on,
        on_label="确定延迟答复日期",
        after="clock_start",
    ) as s:
        request = s.obj
        _refuse_if(rules.only_in_2019_text(request, "延迟答复", "第三十五条"))
        _refuse_if(delay_refusal(request))
        inquiry = ReasonsInquiry.objects.select_for_update().get(request=request)
        if on < inquiry.assessed_on:
            raise InvalidInput(
                f"确定延迟答复的日期 {on} 早于认定申请理由合理的日期 {inquiry.assessed_on}。", field="on"
            )
        deadline = deadlines.current(request, rules.ANSWER)
        if deadline is None:
            raise InvalidTransition(f"本申请没有进行中的答复期限，不能确定延迟答复（{REG}第三十三条、第三十五条）。")
        due = deadline.due_date
        if on > due:
            raise InvalidTransition(
                f"按第三十三条计算的答复期限已于 {due} 届满，不能再确定延迟答复期限（{REG}第三十五条）。"
            )
        if delayed_to <= due:
            raise InvalidInput(
                f"延迟答复期限 {delayed_to} 不晚于按第三十三条计算的答复期限 {due}：第三十五条的延迟答复只适用于"
                f"“无法在本条例第三十三条规定的期限内答复”的申请（{REG}第三十五条），在该期限内答复即可。",
                field="delayed_to",
            )
        if notified_on < on:
            raise InvalidInput("告知申请人延迟答复的日期不能早于确定延迟答复的日期。", field="notified_on")
        inquiry.delay_decided_on, inquiry.delayed_to = on, delayed_to
        inquiry.delay_reason, inquiry.delay_notified_on = reason, notified_on
        inquiry.save(update_fields=["delay_decided_on", "delayed_to", "delay_reason", "delay_notified_on"])
        s.old(answer_due=due)
        s.new(delayed_to=delayed_to, notified_on=notified_on)
        s.note(reason=reason)
        s.close(rules.ANSWER, on)
        deadlines.open_deadline(
            actor=actor,
            subject=request,
            body=request.body,
            rule_key=rules.DELAYED_ANSWER,
            start_date=on,
            due_date=delayed_to,
            subject_label=f"{request.number} 延迟答复",
            reason=(
                f"{on} 认定申请理由合理，但无法在第三十三条规定的期限（{due}）内答复，确定延迟至 {delayed_to} 答复，"
                f"{notified_on} 告知申请人。原因：{reason}"
            ),
        )
    return request


# --- fees (第四十二条; 国办函〔2020〕109号) --------------------------------------------------------------------------


def fees_enabled(body) -> bool:
    return bool(get_setting(rules.FEES_ENABLED_SETTING, body_id=body.pk, default=False))


def issue_fee_notice(*, actor, request: DisclosureRequest, on, method: str, quantity: int) -> FeeNotice:
    """Send a 信息处理费 notice (only when fees are switched on). The answer clock stops until payment."""
    on = as_date(on, "on", "发出收费通知日期")
    with _step(
        actor,
        request,
        "发出信息处理费收费通知",
        Event.DISCLOSURE_FEE_NOTICE_ISSUED,
        "issue_fee_notice",
        on=on,
        on_label="发出收费通知日期",
        after="clock_start",
    ) as s:
        request = s.obj
        if not fees_enabled(request.body):
            raise FeesDisabled()
        if on < rules.FEES_FROM:
            raise InvalidTransition(
                f"《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自{rules.FEES_FROM}起施行，此前不能收取信息处理费。"
            )
        _refuse_if(fee_notice_refusal(request))
        fee = compute_fee(method=method, quantity=quantity, body_id=request.body_id)
        if fee.amount <= 0:
            raise InvalidInput(
                f"按{fee.method_label}计算应收费用为零，无需发出收费通知（{fee.citation}）。", field="quantity"
            )
        due_on = rules.due_for(rules.FEE_PAYMENT, on, body_id=request.body_id).due
        _begin(s)
        notice = FeeNotice.objects.create(
            request=request,
            method=method,
            quantity=fee.quantity,
            amount=fee.amount,
            explanation=fee.explanation,
            issued_on=on,
            due_on=due_on,
        )
        _end(s)
        s.note(amount=fee.amount, due_on=due_on, method=method, quantity=fee.quantity)
        deadlines.pause(actor=actor, subject=request, rule_key=rules.ANSWER, on=on, reason="等待申请人缴纳信息处理费")
    return notice


def record_fee_payment(*, actor, request: DisclosureRequest, on) -> DisclosureRequest:
    """The applicant paid within the payment window: the answer clock runs again."""
    on = as_date(on, "on", "缴费日期")
    with _step(
        actor, request, "登记缴费", Event.DISCLOSURE_FEE_PAID, "record_fee_payment", on=on, on_label="缴费日期"
    ) as s:
        request = s.obj
        notice = FeeNotice.objects.select_for_update().get(request=request)
        if on < notice.issued_on:
            raise InvalidInput(f"缴费日期不能早于收费通知日期 {notice.issued_on}。", field="on")
        if on > notice.due_on:
            raise InvalidTransition(f"缴费期限 {notice.due_on} 已过，应按“逾期未缴费，不再处理”办结。")
        _begin(s)
        notice.paid_on = on
        notice.save(update_fields=["paid_on"])
        _end(s)
        s.note(amount=notice.amount)
        deadlines.resume(actor=actor, subject=request, rule_key=rules.ANSWER, on=on)
    return request


def close_unpaid(*, actor, request: DisclosureRequest, on) -> DisclosureRequest:
    """The fee was not paid in time: the office no longer processes the request (report: 其他处理 2)."""
    on = as_date(on, "on", "办结日期")
    with _step(
        actor, request, "按逾期未缴费办结", Event.DISCLOSURE_FEE_LAPSED, "close_unpaid", on=on, on_label="办结日期"
    ) as s:
        request = s.obj
        notice = FeeNotice.objects.get(request=request)
        if on <= notice.due_on:
            raise InvalidTransition(f"缴费期限 {notice.due_on} 尚未届满，不能按逾期未缴费办结。")
        _begin(s)
        request.outcome = "other.fee_unpaid"
        request.closed_on = on
        s.changed("outcome", "closed_on")
        _end(s)
        for key in rules.ANSWER_KEYS:
            s.close(key, notice.issued_on)
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
    Closes the answer clock (met, or late with the answer date — also after the sweep marked it missed) and numbers
    the reply letter.
    """
    on = as_date(on, "on", "答复日期")
    spec = BY_KEY.get(outcome)
    if spec is None:
        raise InvalidInput("请选择有效的答复类型。", field="outcome")
    if not spec.clerk_may_choose:
        raise InvalidTransition(f"“{spec.label}”不能直接选择作为答复，应通过相应程序办结（{spec.citation}）。")
    content = text(content, "content", "答复内容", max_length=5000)
    reasons = text(reasons, "reasons", "理由", max_length=5000, required=False)
    other_agency = text(other_agency, "other_agency", "负责公开的机关", max_length=200, required=False)
    if spec.needs_reason and not reasons:
        raise InvalidInput(f"“{spec.label}”应当说明理由（{spec.citation}）。", field="reasons")
    starts, target, _why = rules.TRANSITIONS["answer"]
    with REQUEST.step(
        actor,
        request,
        "作出答复",
        Event.DISCLOSURE_ANSWERED,
        roles=CLERK,
        to=target,
        allowed=starts,
        refusal=rules.answer_refusal,
        on=on,
        on_label="答复日期",
        after="clock_start",
    ) as s:
        request = s.obj
        if spec.only_2019:
            _refuse_if(rules.only_in_2019_text(request, f"“{spec.label}”", spec.citation.replace(REG_PLAIN, "")))
        finding = ReasonsInquiry.objects.filter(request=request).values_list("reasonable", flat=True).first()
        if spec.requires_reasons_finding and finding is not False:
            raise InvalidTransition(
                f"“{spec.label}”须先依{REG}第三十五条要求申请人说明理由，并认定其理由不合理；本申请没有这样的认定。"
            )
        if finding is False and not spec.requires_reasons_finding:
            raise InvalidTransition(
                f"本申请已依{REG}第三十五条认定申请理由不合理，应当告知申请人不予处理"
                "（答复类型：不予处理：无正当理由大量、反复申请）。"
            )
        if (
            spec.requires_correction
            and not Correction.objects.filter(request=request, received_on__isnull=False).exists()
        ):
            raise InvalidTransition(
                f"“{spec.label}”只适用于已经告知补正且收到补正的申请（{spec.citation}）；本申请没有补正记录。"
            )
        if (
            spec.requires_consultation
            and not Consultation.objects.filter(request=request, kind=ConsultationKind.THIRD_PARTY).exists()
        ):
            raise InvalidTransition(
                f"以保护第三方合法权益为由不予公开，应当先书面征求第三方意见（{REG}第三十二条）；本申请没有征求意见记录。"
            )
        _begin(s)
        seq = next_number(body=request.body, series=SERIES_ANSWER, year=on.year)
        answer = Answer.objects.create(
            request=request,
            outcome=outcome,
            answered_on=on,
            letter_number=f"{short_name(request.body)}信公答〔{on.year}〕{seq}号",
            content=content,
            reasons=reasons,
            other_agency=other_agency,
            answered_by=actor or request.entered_by,
        )
        request.outcome = outcome
        request.closed_on = on
        s.changed("outcome", "closed_on")
        _end(s)
        s.note(outcome=outcome, letter_number=answer.letter_number)
        for key in rules.ANSWER_KEYS:  # the 第三十三条 period, or the later date fixed under 第三十五条
            s.close(key, on)
    return answer
