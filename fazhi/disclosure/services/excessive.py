"""第三十五条: a request clearly beyond a reasonable volume or frequency — the reasons asked and assessed, or the
answer delayed to a reasonable date."""

from __future__ import annotations

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidInput, InvalidTransition
from fazhi.disclosure.models import (
    DisclosureRequest,
    ReasonsInquiry,
)
from fazhi.disclosure.services._request import _refuse_if, _step
from fazhi.disclosure.services.common import REG, as_date, past_date, text

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
