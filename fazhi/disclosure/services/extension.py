"""延长答复期限 (第三十三条第二款): once, approved by the head of the office."""

from __future__ import annotations

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role, require
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.disclosure.models import (
    DisclosureRequest,
)
from fazhi.disclosure.services._request import _begin, _delayed_to, _end, _refuse_if, _step
from fazhi.disclosure.services.common import REG, as_date, past_date, text


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
