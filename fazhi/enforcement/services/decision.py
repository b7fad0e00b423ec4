"""作出决定 and 送达 (行政处罚法 第五十七条、第五十九条至第六十二条)."""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role
from fazhi.core.rules import compute_for_rule, rule_for
from fazhi.enforcement import documents, guards, hooks, rules
from fazhi.enforcement.errors import InvalidInput, InvalidTransition, RuleViolation
from fazhi.enforcement.models import (
    RECORDING_ADVISED_SERVICE,
    Case,
    DocumentKind,
    Evidence,
    EvidenceKind,
    Service,
    ServiceMethod,
)
from fazhi.enforcement.services._common import CASE, DOC_118, number, text
from fazhi.enforcement.services.investigation import store_evidence
from fazhi.enforcement.texts import decision_summary
from fazhi.enforcement.workflow import LAW, Outcome, Status

# Where a leader may decide from: the table says 待决定 → 已作出决定; where nothing else is required the step passes
# through 待决定 in the same transaction.
DECIDABLE = {Status.PROPOSED, Status.NOTIFIED, Status.HEARING, Status.IN_REVIEW, Status.RETURNED, Status.READY}


def _late_refusal(case: Case, on: date, late_reason: str) -> str | None:
    period = deadlines.latest(case, rules.DECISION)
    if period is not None and on > period.due_date and not (late_reason or "").strip():
        extra = "（已延长）" if period.extension else "，且未经批准延长"
        return (
            f"办案期限已于 {period.due_date} 届满{extra}，逾期作出决定须书面说明逾期理由"
            f"（{LAW}第六十条；{period.rule_citation}）。"
        )
    return None


def _missing_contents(case: Case, outcome: str) -> str | None:
    missing = []
    if not case.party_address:
        missing.append("当事人地址（第五十九条第一款第（一）项）")
    if outcome == Outcome.PENALTY and not case.power_version_id:
        missing.append("处罚依据（第五十九条第一款第（三）项）")
    if missing:
        return f"行政处罚决定书应当载明的事项不全：{'；'.join(missing)}（{LAW}第五十九条）。"
    return None


def decide(
    *, actor, case: Case, on: date, outcome: str | None = None, decision_text: str = "", late_reason: str = ""
) -> Case:
    """作出决定 (the 行政机关负责人): one of the four outcomes of 第五十七条, within the decision period (第六十条),
    after notice and the party's window (第六十二条), the hearing (第六十五条), a passed review where required
    (第五十八条) and the collective deliberation where required (第五十七条第二款).

    After the decision period (plus any approved extension) a decision is still made, but only with a written
    ``late_reason``: the decision deadline then closes as missed — also when the sweep had already marked it — and
    the reason is on the chain entry."""
    with CASE.step(actor, case, "作出行政处罚决定", Event.CASE_DECIDED, roles=[Role.LEADER], on=on,
                   on_label="决定日期", after=("proposed_on", "filed_on")) as s:  # fmt: skip
        case = s.obj
        if case.status not in DECIDABLE:
            CASE.check(case.status, Status.DECIDED)
        outcome = outcome or case.proposed_outcome
        if outcome not in Outcome.values:
            raise InvalidInput(f"请选择处理决定（{LAW}第五十七条）。", field="outcome")
        if outcome != case.proposed_outcome:
            raise RuleViolation(
                f"决定（{Outcome(outcome).label}）与经告知、审核的处理建议（{case.get_proposed_outcome_display()}）不一致，"
                f"请先修改处理建议并重新告知、审核（{LAW}第四十四条、第五十八条）。"
            )
        refusal = (
            guards.decision_blocked(case, on)
            or _late_refusal(case, on, late_reason)
            or _missing_contents(case, outcome)
        )
        if refusal:
            raise RuleViolation(refusal)
        if case.status != Status.READY:
            s.move(Status.READY)
        s.move(Status.DECIDED)
        case.outcome = outcome
        case.decided_on = on
        case.decided_by = actor
        case.decision_text = (decision_text or "").strip() or decision_summary(case)
        series = {Outcome.PENALTY: "罚决", Outcome.TRANSFER: "移"}.get(outcome, "不罚决")
        case.decision_number = number(case, series, on)
        s.changed("outcome", "decided_on", "decided_by", "decision_text", "decision_number")
        for key in rules.PARTY_WINDOWS:
            s.close_window(key, on)
        s.close(rules.DECISION, on)
        if outcome != Outcome.TRANSFER:
            s.open(rules.SERVICE_ABSENT_PARTY, on, label=case.label)
        if guards.review_reasons(case):
            # A major enforcement decision is filed with the 本级政府法制机构 within 10 days (天津市行政执法监督规定 第十四条).
            s.open(rules.MAJOR_DECISION_FILING, on, label=f"{case.label}（重大执法决定备案）")
        s.new(
            outcome=outcome,
            decided_on=on,
            number=case.decision_number,
            fine_amount=case.fine_amount,
            penalty_kinds=case.penalty_kinds,
        )
        if not s.in_time:
            s.note(late_reason=late_reason.strip())
        documents.issue_in_step(s, kind=DocumentKind.DECISION, actor=actor)
        # 118号 (六): the decision opens its publication record in the same step (registered by publicity).
        hooks.case_decided(actor=actor, case=case)
    return case


def serve(
    *,
    actor,
    case: Case,
    on: date,
    method: str,
    recipient: str,
    proof: str,
    place: str = "",
    consent: Evidence | None = None,
    witnesses: str = "",
    recording=None,
) -> tuple[Service, list[str]]:
    """送达 (第六十一条): on the spot, or within 7 working days; electronic only with the party's signed consent;
    留置 with witnesses. 留置送达 and 公告送达 warn without a recording (118号 (八)). A fine starts the 15-day payment
    period (第六十七条第三款) from service.

    公告送达: ``on`` is the day the notice was published; service is deemed complete when the period of the
    民事诉讼法 version in force on that day has passed (30 days from 2022-01-01, 第九十五条; 60 days before), and the
    payment period and the 诉讼 period run from that deemed date."""
    if method not in ServiceMethod.values:
        raise InvalidInput("请选择送达方式。", field="method")
    recipient = text(recipient, "recipient", "受送达人或签收人")
    proof = text(proof, "proof", "送达回证或送达凭证")
    with CASE.step(actor, case, "送达", Event.CASE_SERVED, roles=[Role.OFFICER], to=Status.SERVED, on=on,
                   on_label="送达日期", after="decided_on") as s:  # fmt: skip
        case = s.obj
        if method == ServiceMethod.ON_THE_SPOT and on != case.decided_on:
            raise InvalidInput("当场交付只能在作出决定的当日；其他日期请选择直接送达等方式。", field="method")
        if method == ServiceMethod.ELECTRONIC and (consent is None or consent.case_id != case.pk):
            raise RuleViolation(
                f"当事人同意并签订确认书的，方可采用传真、电子邮件等方式送达（{LAW}第六十一条第二款）。"
            )
        if method == ServiceMethod.LEFT and not (witnesses or "").strip() and recording is None:
            raise RuleViolation(
                "留置送达须有见证人签名，或者以拍照、录像等方式记录送达过程（《中华人民共和国民事诉讼法》第八十九条）。"
            )
        if recording is not None:
            _ev, stored = store_evidence(
                actor=actor,
                case=case,
                upload=recording,
                kind=EvidenceKind.AUDIOVISUAL,
                title=f"{on} {ServiceMethod(method).label}音像记录",
                collected_on=on,
                is_recording=True,
                field="recording",
            )
            s.file(stored)
        elif method in RECORDING_ADVISED_SERVICE:
            s.warn(f"{ServiceMethod(method).label}未上传音像记录；该环节宜进行音像记录（{DOC_118}第（八）项）。")
        served_on, deemed = on, None
        if method == ServiceMethod.PUBLIC_NOTICE:
            deemed = compute_for_rule(rules.PUBLIC_NOTICE_SERVICE, on, body_id=case.body_id, estimate=True)
            served_on = deemed.due
        service = Service.objects.create(
            case=case,
            method=method,
            served_on=served_on,
            published_on=on if deemed is not None else None,
            recipient=recipient,
            place=(place or "").strip(),
            consent=consent,
            proof=proof,
            witnesses=(witnesses or "").strip(),
            warnings=list(s.warnings),
            recorded_by=actor,
        )
        case.served_on = served_on
        s.changed("served_on")
        s.close(rules.SERVICE_ABSENT_PARTY, on)
        if case.outcome == Outcome.PENALTY and case.fine_amount:
            payment = s.open(rules.PAYMENT, served_on, label=case.label)
            case.payment_due_on = payment.due_date
            s.changed("payment_due_on")
        s.new(
            served_on=served_on,
            method=method,
            recipient=recipient,
            payment_due_on=case.payment_due_on,
        )
        if deemed is not None:
            rule = rule_for(rules.PUBLIC_NOTICE_SERVICE, on=on)
            s.note(notice_published_on=on, deemed_served={"on": served_on, "period": str(rule.period(case.body_id)),
                                                          "citation": rule.citation})  # fmt: skip
    return service, list(s.warnings)


__all__ = ["DECIDABLE", "decide", "decision_summary", "file_major_decision", "serve"]


def file_major_decision(*, actor, case: Case, on: date, filed_with: str) -> Case:
    """重大执法决定备案: filed with the 本级政府法制机构 within 10 days of the decision (天津市行政执法监督规定 第十四条)."""
    filed_with = text(filed_with, "filed_with", "备案机关")
    with CASE.step(actor, case, "重大执法决定备案", Event.CASE_MAJOR_DECISION_FILED, roles=[Role.OFFICER, Role.LEADER],
                   on=on, on_label="备案日期", after="decided_on") as s:  # fmt: skip
        case = s.obj
        if case.major_filed_on:
            raise InvalidTransition(f"该重大执法决定已于 {case.major_filed_on} 备案。")
        if not deadlines.live(case, rules.MAJOR_DECISION_FILING):
            raise InvalidTransition("本案不是须经法制审核的重大执法决定，无需报法制机构备案。")
        case.major_filed_on = on
        s.changed("major_filed_on")
        s.close(rules.MAJOR_DECISION_FILING, on)
        s.new(major_filed_on=on, filed_with=filed_with, number=case.decision_number)
    return case
