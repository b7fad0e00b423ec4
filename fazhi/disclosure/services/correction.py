"""补正 (第三十条): one request to correct, the corrected request received (the answer clock restarts), or the
request deemed abandoned."""

from __future__ import annotations

from django.urls import reverse

from fazhi.audit.events import Event
from fazhi.core import deadlines, inbox
from fazhi.core.access import Role
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidInput, InvalidTransition
from fazhi.disclosure.models import (
    Correction,
    DisclosureRequest,
)
from fazhi.disclosure.services._request import _begin, _delayed_to, _end, _refuse_if, _step
from fazhi.disclosure.services.common import REG, as_date, text
from fazhi.org.selectors import people_with_role_in


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
