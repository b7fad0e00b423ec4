"""Intake (第二十九条, 第三十一条): the application's content, the receipt day by channel, registration and the
confirmation of receipt; the answer clock (第三十三条) opens on receipt."""

from __future__ import annotations

import secrets
from datetime import date

from django.urls import reverse

from fazhi.audit.events import Event
from fazhi.core import inbox
from fazhi.core.access import Role
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidInput, NotPermitted
from fazhi.disclosure.models import (
    ApplicantType,
    Channel,
    DeliveryForm,
    DeliveryMethod,
    DisclosureRequest,
    IdDocument,
    RequestStatus,
)
from fazhi.disclosure.services._request import REQUEST, _begin, _end, _step
from fazhi.disclosure.services.common import (
    CLERK,
    REG,
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

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone


def _new_lookup_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        if not DisclosureRequest.objects.filter(lookup_code=code).exists():
            return code


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
