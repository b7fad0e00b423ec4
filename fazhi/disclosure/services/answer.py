"""The answer (第三十六条, 第三十七条): one of the outcomes, the reply letter numbered, the answer clock closed."""

from __future__ import annotations

from fazhi.audit.events import Event
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidInput, InvalidTransition
from fazhi.disclosure.models import (
    Answer,
    Consultation,
    ConsultationKind,
    Correction,
    DisclosureRequest,
    ReasonsInquiry,
)
from fazhi.disclosure.outcomes import BY_KEY
from fazhi.disclosure.outcomes import REG as REG_PLAIN
from fazhi.disclosure.services._request import REQUEST, _begin, _end, _refuse_if
from fazhi.disclosure.services.common import CLERK, REG, SERIES_ANSWER, as_date, next_number, short_name, text


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
