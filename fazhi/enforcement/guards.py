"""Conditions a step must meet, each written once and used twice: the service raises the refusal, and the case page
shows the step disabled with the same refusal (so nobody is offered a button that will be refused).

Each guard takes the case (and optionally the step date) and returns the refusal — naming the rule and its article —
or ``None`` when the step may go ahead.
"""

from __future__ import annotations

from datetime import date

from fazhi.core import clock, deadlines
from fazhi.core.rules import amount_for, rule_for
from fazhi.counsel.rules import GATE_CITATION as COUNSEL_CITATION
from fazhi.counsel.rules import REQUIRED_FOR_MAJOR_ENFORCEMENT
from fazhi.counsel.selectors import has_answered_opinion
from fazhi.enforcement import page_reads, rules
from fazhi.enforcement.services._common import kinds
from fazhi.enforcement.workflow import LAW, Outcome, Procedure, Status
from fazhi.review.catalogue import catalogue_reasons
from fazhi.review.selectors import has_passed

DOC_118 = "国办发〔2018〕118号"


def party_window(case):
    """The party's latest statement or hearing-request window (open or already ended), or None."""
    return deadlines.latest(case, list(rules.PARTY_WINDOWS))


def hearing_pending(case) -> bool:
    hearing = getattr(case, "hearing", None)
    return hearing is not None and hearing.held_on is None


def notice_needs_penalty(case) -> str | None:
    if case.proposed_outcome != Outcome.PENALTY:
        label = Outcome(case.proposed_outcome).label if case.proposed_outcome else "未提出"
        return f"只有拟给予行政处罚的案件需要事先告知（{LAW}第四十四条）；本案建议“{label}”。"
    return None


def hearing_not_held(case, *, doing: str = "提交法制审核") -> str | None:
    if hearing_pending(case):
        return f"听证尚未举行，不能{doing}（{LAW}第六十五条：听证结束后依听证笔录作出决定）。"
    return None


def review_reasons(case) -> list[str]:
    """Why the case needs legal review: 第五十八条, Tianjin's scope, and the body's own catalogue (review app).

    Several step guards and the page ask this while the case page is drawn: read once there (page_reads.once)."""
    return page_reads.once(case, "review_reasons", lambda: _review_reasons(case))


def _review_reasons(case) -> list[str]:
    reasons = []
    if case.major_public_interest:
        reasons.append(f"涉及重大公共利益（{LAW}第五十八条第一款第（一）项）")
    hearing = getattr(case, "hearing", None)
    if hearing is not None and hearing.held_on:
        reasons.append(f"直接关系当事人重大权益，经过听证程序（{LAW}第五十八条第一款第（二）项）")
    if case.difficult:
        reasons.append(f"案件情况疑难复杂、涉及多个法律关系（{LAW}第五十八条第一款第（三）项）")
    if case.proposed_outcome == Outcome.PENALTY and case.hearing_eligible:
        reasons.append("拟作出的处罚属于听证范围（《天津市行政执法监督规定》第十四条）")
    reasons.extend(
        catalogue_reasons(
            body=case.body,
            kinds=kinds(case.penalty_kinds),
            amount=max(case.fine_amount or 0, case.confiscation_amount or 0),
            field=(case.power_version.name if case.power_version_id else case.title),
        )
    )
    return reasons


def review_passed(case) -> bool:
    return has_passed("enforcement.case", case.pk)


def review_missing(case) -> str | None:
    """第五十八条: a case that needs legal review may not be decided before the review passed."""
    reasons = review_reasons(case)
    if reasons and not review_passed(case):
        return (
            f"本案须经法制审核（{'；'.join(reasons)}），未经法制审核或者审核未通过的，不得作出决定"
            f"（{LAW}第五十八条；{DOC_118}第四部分）。"
        )
    return None


def counsel_required(case) -> bool:
    """The body's setting (``counsel.required_for_major_enforcement``, ADR 0040): a major enforcement decision — one
    that needs legal review — is made only after counsel's written opinion."""
    return bool(amount_for(REQUIRED_FOR_MAJOR_ENFORCEMENT).amount(case.body_id)) and bool(review_reasons(case))


def counsel_missing(case) -> str | None:
    if counsel_required(case) and not has_answered_opinion(("enforcement.case", case.pk)):
        return (
            f"本案属重大执法决定，本机关设置要求作出决定前听取法律顾问意见（设置 {REQUIRED_FOR_MAJOR_ENFORCEMENT}），"
            f"尚无已出具的法律顾问意见，不得作出决定（{COUNSEL_CITATION}）。请先“征求法律顾问意见”。"
        )
    return None


def window_running(case, on: date | None = None) -> str | None:
    """第六十二条: no penalty decision while the party's statement window runs (unless the party waived it)."""
    on = on or clock.today()
    if case.proposed_outcome != Outcome.PENALTY or case.rights_waived_on is not None or hasattr(case, "hearing"):
        return None
    window = party_window(case)
    if window is not None and on <= window.due_date:
        return (
            f"当事人陈述、申辩期限至 {window.due_date} 届满，期满前（当事人明确放弃的除外）不得作出行政处罚决定"
            f"（{LAW}第六十二条；{window.rule_citation}）。"
        )
    return None


def not_notified(case) -> str | None:
    if case.proposed_outcome == Outcome.PENALTY and case.notified_on is None:
        return (
            f"作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、要求听证的权利；"
            f"未告知的，不得作出行政处罚决定（{LAW}第四十四条、第六十二条）。"
        )
    return None


def deliberation_missing(case) -> str | None:
    if case.serious and not case.deliberations.exists():
        return f"情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（{LAW}第五十七条第二款）。"
    return None


def decision_blocked(case, on: date | None = None) -> str | None:
    """Everything that must be in place before the leader decides (page and service alike)."""
    for refusal in (
        not_notified(case),
        window_running(case, on),
        hearing_not_held(case, doing="作出决定") if case.proposed_outcome == Outcome.PENALTY else None,
        review_missing(case),
        counsel_missing(case),
        deliberation_missing(case),
    ):
        if refusal:
            return refusal
    return None


def ready_blocked(case, on: date | None = None) -> str | None:
    return hearing_not_held(case, doing="报请作出决定") or review_missing(case)


def not_served(case) -> str | None:
    if case.status == Status.DECIDED and case.outcome != Outcome.TRANSFER:
        return f"决定书尚未送达，不能结案（{LAW}第六十一条）。"
    return None


def fine_unpaid(case) -> str | None:
    if case.status == Status.SERVED and case.fine_amount and case.paid_amount < case.fine_amount:
        return f"罚款尚未缴清（已缴{case.paid_amount}元，应缴{case.fine_amount}元），不能结案（{LAW}第六十七条）。"
    return None


def summary_not_filed(case) -> str | None:
    if case.procedure == Procedure.SUMMARY and case.filed_with_body_on is None:
        return f"当场作出的行政处罚决定应当报所属行政机关备案后结案（{LAW}第五十二条第三款）。"
    return None


def close_blocked(case) -> str | None:
    return not_served(case) or fine_unpaid(case) or summary_not_filed(case)


def extension_off(case) -> str | None:
    """第六十条 gives no extension; one adopted by the body's setting is the only way (see rules.DECISION)."""
    rule = rule_for(rules.DECISION, on=case.filed_on or clock.today())
    if rule.extension_allowed(case.body_id) <= 0:
        return rule.no_extension_message(case.body_id)
    return None
