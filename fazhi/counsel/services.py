"""Writes for counsel (政府法律顾问): engage an adviser, ask for an opinion, record the answer and its adoption, end an
engagement, evaluate a year's work. Every write is one step of ``fazhi.core.steps`` (one transaction, role and scope,
one chain entry); the reply date and the term's end are deadlines on the shared table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role, in_scope, require
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.steps import Workflow, check_date
from fazhi.core.validation import service_text
from fazhi.counsel.models import (
    Engagement,
    EngagementKind,
    EngagementStatus,
    Evaluation,
    Finding,
    Grade,
    OpinionRequest,
    OpinionStatus,
)
from fazhi.counsel.rules import DOC_30, ENGAGEMENT_EXPIRY, OPINION_DUE

# Who takes which step. The adviser has no account: the answer is recorded by the 司法所's 法制审核人员 (or a 负责人)
# from the signed written opinion (ADR 0041).
MANAGERS = (Role.LEADER, Role.ADMIN)
ASKERS = (Role.OFFICER, Role.LEGAL_REVIEWER, Role.LEADER, Role.DISCLOSURE_CLERK, Role.MEDIATOR)
RECORDERS = (Role.LEGAL_REVIEWER, Role.LEADER)
DECIDERS = (Role.LEADER,)

ENGAGEMENT_MOVES = {EngagementStatus.ACTIVE: {EngagementStatus.ENDED}}
OPINION_MOVES = {
    OpinionStatus.ASKED: {OpinionStatus.ANSWERED},
    OpinionStatus.ANSWERED: {OpinionStatus.ADOPTED, OpinionStatus.NOT_ADOPTED},
}


def _check(table, labels):
    def check(old, new):
        if new not in table.get(old, set()):
            raise InvalidTransition(f"不能从“{labels(old).label}”变为“{labels(new).label}”。")

    return check


ENGAGEMENT = Workflow(model=Engagement, check=_check(ENGAGEMENT_MOVES, EngagementStatus))
OPINION = Workflow(model=OpinionRequest, check=_check(OPINION_MOVES, OpinionStatus), related=("body", "engagement"))


_text = partial(service_text, max_length=4000)


def _lawyers(value) -> list[str]:
    if isinstance(value, str):
        value = value.replace("，", ",").replace("、", ",").replace("\n", ",").split(",")
    names = [n.strip() for n in value or [] if n and n.strip()]
    if not names:
        raise InvalidInput("请填写承办律师（至少一名）。", field="lawyers")
    if any(len(n) > 30 for n in names):
        raise InvalidInput("承办律师姓名过长（每人不超过30个字）。", field="lawyers")
    return names


def _subject_parts(subject) -> tuple[str, str, str]:
    if isinstance(subject, tuple):
        subject_type, subject_id, *rest = subject
        return str(subject_type), str(subject_id), str(rest[0] if rest else f"{subject_type}#{subject_id}")
    return subject._meta.label_lower, str(subject.pk), str(subject)


# --- engagements ---------------------------------------------------------------------------------------------------


def engage(
    *,
    actor,
    body,
    kind: str,
    adviser: str,
    lawyers,
    term_start: date,
    term_end: date,
    fee,
    scope: str,
    on: date | None = None,
) -> Engagement:
    """登记聘用法律顾问 (中办发〔2016〕30号: 乡镇党委和政府根据需要设立). Opens the term's end as a deadline (续聘)."""
    if kind not in EngagementKind.values:
        raise InvalidInput("请选择顾问类型。", field="kind")
    adviser = _text(adviser, "adviser", "法律顾问名称", max_length=120)
    names = _lawyers(lawyers)
    scope = _text(scope, "scope", "服务范围")
    if term_start is None:
        raise InvalidInput("请填写聘期起始日期。", field="term_start")
    if term_end is None or term_end < term_start:
        raise InvalidInput(f"聘期届满日期应不早于起始日期 {term_start}。", field="term_end")
    try:
        fee = Decimal(str(fee if fee not in (None, "") else "0"))
    except InvalidOperation:
        raise InvalidInput("顾问费应为金额（元）。", field="fee") from None
    if fee < 0 or fee.as_tuple().exponent < -2 or fee >= Decimal("1e10"):
        raise InvalidInput("顾问费应为不小于 0、最多两位小数的金额（元）。", field="fee")
    on = on or term_start
    if actor is None:
        raise NotPermitted("登记法律顾问聘用须由具体人员办理。")
    require(actor, *MANAGERS, body=body, what="登记法律顾问聘用")
    with ENGAGEMENT.step(actor, None, "登记法律顾问聘用", Event.COUNSEL_ENGAGED, roles=MANAGERS, on=on,
                         on_label="登记日期") as s:  # fmt: skip
        engagement = s.created(
            Engagement.objects.create(
                body=body,
                kind=kind,
                adviser=adviser,
                lawyers=names,
                term_start=term_start,
                term_end=term_end,
                fee=fee,
                scope=scope,
                created_by=actor,
            )
        )
        deadlines.open_deadline(
            actor=actor,
            subject=engagement,
            body=body,
            rule_key=ENGAGEMENT_EXPIRY,
            start_date=term_start,
            due_date=term_end,
            reason=f"聘用合同约定聘期至 {term_end}。",
        )
        s.new(adviser=adviser, kind=kind, lawyers=names, term_start=term_start, term_end=term_end, fee=str(fee))
    return engagement


def end_engagement(*, actor, engagement: Engagement | int, on: date, reason: str) -> Engagement:
    """终止或期满：the engagement ends; the expiry reminder closes."""
    reason = _text(reason, "reason", "终止原因", max_length=500)
    with ENGAGEMENT.step(actor, engagement, "终止法律顾问聘用", Event.COUNSEL_ENGAGEMENT_ENDED, roles=MANAGERS,
                         to=EngagementStatus.ENDED, on=on, on_label="终止日期", after="term_start") as s:  # fmt: skip
        engagement = s.obj
        engagement.ended_on = on
        s.changed("ended_on")
        s.close(ENGAGEMENT_EXPIRY, on)
        s.new(ended_on=on)
        s.note(reason=reason)
    return engagement


# --- opinions ------------------------------------------------------------------------------------------------------


def ask_opinion(
    *,
    actor,
    engagement: Engagement,
    subject,
    body,
    question: str,
    on: date,
    due_on: date,
    materials: str = "",
) -> OpinionRequest:
    """征求法律顾问意见 on any subject (a case, a decision, a document, a contract). The reply date is set by the body
    and runs on the shared deadline table."""
    subject_type, subject_id, label = _subject_parts(subject)
    question = _text(question, "question", "征求意见的问题")
    materials = _text(materials, "materials", "提供的材料", required=False)
    check_date(on, field="on", label="征求意见日期")
    if due_on is None:
        raise InvalidInput("请填写要求答复日期。", field="due_on")
    if due_on < on:
        raise InvalidInput(f"要求答复日期 {due_on} 早于征求意见日期 {on}。", field="due_on")
    require(actor, *ASKERS, body=body, what="征求法律顾问意见")
    if engagement is None:
        raise InvalidInput("请选择法律顾问。", field="engagement")
    if not in_scope(actor, engagement.body_id):
        raise InvalidInput("所选法律顾问不在您的管辖范围内。", field="engagement")
    if engagement.status != EngagementStatus.ACTIVE or not (engagement.term_start <= on <= engagement.term_end):
        raise InvalidInput(
            f"{engagement.adviser}在 {on} 不在聘期内（聘期 {engagement.term_start} 至 {engagement.term_end}，"
            f"{engagement.get_status_display()}）。",
            field="engagement",
        )
    with OPINION.step(actor, None, "征求法律顾问意见", Event.COUNSEL_OPINION_ASKED, roles=ASKERS, on=on,
                      on_label="征求意见日期") as s:  # fmt: skip
        opinion = s.created(
            OpinionRequest.objects.create(
                body=body,
                engagement=engagement,
                subject_type=subject_type,
                subject_id=subject_id,
                subject_label=label[:255],
                question=question,
                materials=materials,
                asked_on=on,
                due_on=due_on,
                asked_by=actor,
            )
        )
        deadlines.open_deadline(
            actor=actor,
            subject=opinion,
            body=body,
            rule_key=OPINION_DUE,
            start_date=on,
            due_date=due_on,
            subject_label=f"{label}（法律意见）",
            reason=f"征求意见机关要求于 {due_on} 前出具法律意见。",
        )
        s.new(subject=label, engagement=engagement.adviser, asked_on=on, due_on=due_on)
        s.note(subject_type=subject_type, subject_id=subject_id)
    return opinion


def answer_opinion(
    *, actor, opinion: OpinionRequest | int, on: date, lawyer: str, finding: str, answer: str
) -> OpinionRequest:
    """登记法律顾问出具的书面法律意见 (recorded from the signed opinion by the 法制审核人员 or a 负责人)."""
    if finding not in Finding.values:
        raise InvalidInput("请选择意见结论。", field="finding")
    answer = _text(answer, "answer", "法律意见")
    lawyer = _text(lawyer, "lawyer", "出具意见的律师", max_length=60)
    with OPINION.step(actor, opinion, "登记法律意见", Event.COUNSEL_OPINION_ANSWERED, roles=RECORDERS,
                      to=OpinionStatus.ANSWERED, on=on, on_label="出具意见日期", after="asked_on") as s:  # fmt: skip
        opinion = s.obj
        if lawyer not in opinion.engagement.lawyers:
            raise InvalidInput(
                f"{lawyer}不是{opinion.engagement.adviser}的承办律师（{opinion.engagement.lawyer_names}）。",
                field="lawyer",
            )
        opinion.answered_on, opinion.lawyer, opinion.finding, opinion.answer = on, lawyer, finding, answer
        opinion.recorded_by = actor
        s.changed("answered_on", "lawyer", "finding", "answer", "recorded_by")
        s.close(OPINION_DUE, on)
        s.new(answered_on=on, lawyer=lawyer, finding=finding)
    return opinion


def record_adoption(
    *, actor, opinion: OpinionRequest | int, on: date, adopted: bool, reason: str = ""
) -> OpinionRequest:
    """登记意见采纳情况: adopted, or not adopted with the reason (required: 中办发〔2016〕30号 holds those who do not
    adopt the opinion to account for losses it would have prevented)."""
    reason = _text(reason, "reason", "未采纳的理由", required=not adopted)
    target = OpinionStatus.ADOPTED if adopted else OpinionStatus.NOT_ADOPTED
    with OPINION.step(actor, opinion, "登记意见采纳情况", Event.COUNSEL_ADOPTION_RECORDED, roles=DECIDERS,
                      to=target, on=on, on_label="登记日期", after="answered_on") as s:  # fmt: skip
        opinion = s.obj
        if not adopted and not reason:
            raise InvalidInput(f"未采纳法律顾问意见的，须写明理由（{DOC_30}）。", field="reason")
        opinion.adoption_on = on
        opinion.not_adopted_reason = "" if adopted else reason
        s.changed("adoption_on", "not_adopted_reason")
        s.new(adopted=adopted, adoption_on=on)
        if not adopted:
            s.note(reason=reason)
    return opinion


def evaluate(*, actor, engagement: Engagement | int, year: int, grade: str, comment: str, on: date) -> Evaluation:
    """法律顾问年度考核评价 (中办发〔2016〕30号): the grade and the year's figures, frozen on the record."""
    from fazhi.counsel.selectors import engagement_year_stats

    if grade not in Grade.values:
        raise InvalidInput("请选择评价等次。", field="grade")
    comment = _text(comment, "comment", "评价意见")
    if not isinstance(year, int) or year < 2000 or year > 2100:
        raise InvalidInput("请填写有效的年度。", field="year")
    with ENGAGEMENT.step(actor, engagement, "法律顾问年度评价", Event.COUNSEL_EVALUATED, roles=DECIDERS,
                         allowed=EngagementStatus.values, on=on, on_label="评价日期") as s:  # fmt: skip
        engagement = s.obj
        if not engagement.term_start.year <= year <= engagement.term_end.year:
            raise InvalidInput(
                f"{year}年不在聘期内（{engagement.term_start} 至 {engagement.term_end}）。", field="year"
            )
        if on < date(year, 1, 1):
            raise InvalidInput(f"评价日期 {on} 早于被评价年度 {year} 年。", field="on")
        if Evaluation.objects.filter(engagement=engagement, year=year).exists():
            raise InvalidTransition(f"{engagement.adviser}{year}年度已评价。")
        figures = engagement_year_stats([engagement.pk], year).get(engagement.pk, {})
        evaluation = Evaluation.objects.create(
            engagement=engagement,
            year=year,
            grade=grade,
            comment=comment,
            figures=figures,
            evaluated_on=on,
            evaluated_by=actor,
        )
        s.new(year=year, grade=grade, figures=figures)
    return evaluation


# --- subjects: how counsel learns what an opinion is about (registered by the apps above, in their ready()) --------


@dataclass(frozen=True)
class Subject:
    """What an opinion is about, as the owning app describes it to a user who may see it."""

    type: str
    id: str
    label: str
    body: object
    url: str = ""

    @property
    def pk(self) -> str:
        return self.id


_subjects: dict[str, object] = {}


def register_subject(subject_type: str, resolve) -> None:
    """``resolve(user, subject_id) -> Subject`` for a record the user may see (``Http404`` otherwise)."""
    _subjects[subject_type] = resolve


def resolve_subject(user, subject_type: str, subject_id):
    from django.http import Http404

    resolve = _subjects.get(subject_type)
    if resolve is None:
        raise Http404("未知的事项类型")
    return resolve(user, subject_id)
