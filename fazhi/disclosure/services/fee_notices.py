"""信息处理费 (第四十二条; 国办函〔2020〕109号): the fee notice, the payment, and the request closed unpaid."""

from __future__ import annotations

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.selectors import get_setting
from fazhi.disclosure import rules
from fazhi.disclosure.errors import FeesDisabled, InvalidInput, InvalidTransition
from fazhi.disclosure.fees import compute_fee
from fazhi.disclosure.models import (
    DisclosureRequest,
    FeeNotice,
)
from fazhi.disclosure.services._request import _begin, _end, _refuse_if, _step
from fazhi.disclosure.services.common import as_date


def fee_notice_refusal(request: DisclosureRequest) -> str | None:
    old_text = rules.only_in_2019_text(
        request, "收取信息处理费（《政府信息公开信息处理费管理办法》，2021年1月1日起）", "第四十二条"
    )
    if old_text:
        return old_text
    if FeeNotice.objects.filter(request=request).exists():
        return "本申请已发出过收费通知（《政府信息公开信息处理费管理办法》）。"
    return None


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
