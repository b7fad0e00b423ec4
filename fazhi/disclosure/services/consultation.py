"""Consultation: a third party (第三十二条) or the agencies that made the information (第三十四条)."""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidInput, InvalidTransition
from fazhi.disclosure.models import (
    Consultation,
    ConsultationKind,
    DisclosureRequest,
    LetterDelivery,
    ThirdPartyReply,
)
from fazhi.disclosure.services._request import _begin, _end, _refuse_if, _step
from fazhi.disclosure.services.common import REG, as_date, choice, past_date, text

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
