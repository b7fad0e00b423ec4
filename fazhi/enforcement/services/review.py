"""法制审核, 报请决定, 集体讨论 and the decision period (行政处罚法 第五十七条第二款、第五十八条、第六十条;
国办发〔2018〕118号第四部分). The review itself is the shared gate in the ``review`` app."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role
from fazhi.enforcement import guards, rules
from fazhi.enforcement.errors import InvalidInput, InvalidTransition, RuleViolation
from fazhi.enforcement.models import Case, Deliberation
from fazhi.enforcement.services._common import CASE, CASE_TYPE, investigator_ids, tell, text
from fazhi.enforcement.workflow import BEFORE_DECISION, LAW, Status
from fazhi.review import services as review
from fazhi.review.models import ReviewKind, ReviewState

review_reasons = guards.review_reasons
review_passed = guards.review_passed


def submit_for_review(*, actor, case: Case, on: date, summary: str) -> Case:
    """提交法制审核 (a new round each time). The reviewer may be none of the case's investigators."""
    with CASE.step(actor, case, "提交法制审核", Event.REVIEW_SUBMITTED, roles=[Role.OFFICER], to=Status.IN_REVIEW,
                   on=on, on_label="送审日期", after=("proposed_on", "filed_on")) as s:  # fmt: skip
        case = s.obj
        refusal = guards.hearing_not_held(case)
        if refusal:
            raise RuleViolation(refusal)
        reasons = review_reasons(case)
        for key in rules.PARTY_WINDOWS:
            s.close_window(key, on, only_lapsed=True)
        request = review.open_round(
            actor=actor,
            subject=case,
            body=case.body,
            kind=ReviewKind.ENFORCEMENT_DECISION,
            summary=summary,
            submitted_on=on,
            reasons=reasons or ["承办机构主动送审"],
            excluded_reviewer_ids=sorted(investigator_ids(case)),
            rule_key=rules.LEGAL_REVIEW,
        )
        # One chain entry for the step (review.submitted): the case's old and new status and the round.
        s.note(**review.review_payload(request))
        tell(case, kind="review", title=f"法制审核（第{request.round}轮）", role=Role.LEGAL_REVIEWER,
             url=reverse("review:detail", args=[request.pk]), exclude=request.excluded_reviewer_ids)  # fmt: skip
    return case


def on_review_concluded(*, request, actor) -> dict:
    """Called by the review app inside its transaction: 同意 → 待决定; 存在问题 → 退回 for correction."""
    case = CASE.lock(int(request.subject_id))
    target = Status.READY if request.state == ReviewState.PASSED else Status.RETURNED
    old = case.status
    CASE.check(old, target)
    case.status = target
    case.save(update_fields=["status"])
    if target == Status.READY:
        tell(case, kind="decision", title="法制审核同意，待作出决定", role=Role.LEADER)
    else:
        tell(case, kind="returned", title="法制审核存在问题，已退回", people=case.officers.all())
    return {"case": {"old": {"status": old}, "new": {"status": case.status}}}


def ready_for_decision(*, actor, case: Case, on: date) -> Case:
    """报请负责人决定, where no legal review is required (第五十八条 does not apply and the catalogue is silent)."""
    with CASE.step(actor, case, "报请作出决定", Event.CASE_READY, roles=[Role.OFFICER], to=Status.READY, on=on,
                   on_label="报请日期", after=("proposed_on", "filed_on")) as s:  # fmt: skip
        case = s.obj
        refusal = guards.review_missing(case) or guards.hearing_not_held(case, doing="报请作出决定")
        if refusal:
            raise RuleViolation(refusal)
        for key in rules.PARTY_WINDOWS:
            s.close_window(key, on, only_lapsed=True)
        s.new(on=on)
        tell(case, kind="decision", title="报请作出决定", role=Role.LEADER)
    return case


def _attendee_names(attendees) -> list[str]:
    names = []
    for a in attendees or []:
        if a is None:
            continue
        name = (a.get_full_name() or a.get_username()) if hasattr(a, "get_username") else str(a)
        name = name.strip()
        if name and name not in names:
            names.append(name)
    return names


def record_deliberation(
    *,
    actor,
    case: Case,
    held_on: date,
    attendees: list,
    opinions: list[dict],
    conclusion: str,
    presider=None,
    recorder=None,
    place: str = "",
) -> Deliberation:
    """集体讨论 (第五十七条第二款) for complex or serious cases: date, place, who presided and who took the record, the
    attendees, each one's opinion including dissent, and the conclusion. The presider attends."""
    conclusion = text(conclusion, "conclusion", "讨论结论")
    presider_name = _attendee_names([presider])[0] if presider else ""
    recorder_name = _attendee_names([recorder])[0] if recorder else ""
    attendees = _attendee_names([presider, *attendees] if presider else attendees)
    if len(attendees) < 3:
        raise InvalidInput("集体讨论应由行政机关负责人集体进行，请填写至少三名参加人员。", field="attendees")
    clean = []
    for row in opinions:
        name, opinion = (row.get("name") or "").strip(), (row.get("opinion") or "").strip()
        if name and opinion:
            clean.append({"name": name, "opinion": opinion, "dissent": bool(row.get("dissent"))})
    if not clean:
        raise InvalidInput("请记录参加人员的讨论意见（含不同意见）。", field="opinions")
    refusal = f"集体讨论应在调查终结后、作出决定前进行（{LAW}第五十七条第二款）。"
    with CASE.step(actor, case, "记录集体讨论", Event.CASE_DELIBERATED, roles=[Role.OFFICER, Role.LEADER],
                   allowed=BEFORE_DECISION, refusal=refusal, on=held_on, on_field="held_on", on_label="讨论日期",
                   after="proposed_on") as s:  # fmt: skip
        case = s.obj
        if case.proposed_on is None:
            raise InvalidTransition(refusal)
        deliberation = Deliberation.objects.create(
            case=case,
            held_on=held_on,
            place=(place or "").strip()[:200],
            presider=presider_name,
            recorder=recorder_name,
            attendees=attendees,
            opinions=clean,
            conclusion=conclusion,
            recorded_by=actor,
        )
        s.new(
            deliberation_id=deliberation.pk,
            held_on=held_on,
            presider=presider_name,
            attendees=attendees,
            dissent=[r["name"] for r in clean if r["dissent"]],
            conclusion=conclusion,
        )
    return deliberation


def extend_decision_period(*, actor, case: Case, days: int, reason: str, on: date | None = None):
    """延长办案期限 with the 负责人's approval, recorded on the deadline. 第六十条 gives no extension of its own; a
    body may adopt one by setting (see the rule), otherwise the step is refused with the reason."""
    reason = text(reason, "reason", "延长理由")
    with CASE.step(actor, case, "批准延长办案期限", Event.CASE_DECISION_PERIOD_EXTENDED, roles=[Role.LEADER],
                   allowed=BEFORE_DECISION, refusal=f"案件当前处于“{{status}}”，没有进行中的办案期限（{LAW}第六十条）。",
                   dated=False) as s:  # fmt: skip
        case = s.obj
        refusal = guards.extension_off(case)
        if refusal:
            raise RuleViolation(refusal)
        row = deadlines.current(case, rules.DECISION)
        if row is None:
            raise InvalidTransition(f"本案没有进行中的办案期限可以延长（{LAW}第六十条）。")
        old_due = row.due_date
        row = deadlines.extend_deadline(actor=actor, deadline=row, units=days, approver=actor, reason=reason)
        s.old(decision_due=old_due)
        s.new(decision_due=row.due_date, days=days, reason=reason)
    return row


__all__ = [
    "CASE_TYPE",
    "extend_decision_period",
    "on_review_concluded",
    "ready_for_decision",
    "record_deliberation",
    "review_passed",
    "review_reasons",
    "submit_for_review",
]
