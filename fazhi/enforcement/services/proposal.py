"""调查终结、处理建议 and the party's rights: 事先告知, 陈述申辩, 放弃, 听证 (行政处罚法 第三十二条至第三十四条、
第四十四条、第四十五条、第五十七条、第六十二条至第六十五条)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.audit.events import Event
from fazhi.core.access import Role, in_scope
from fazhi.core.rules import amount_for, compute_for_rule, rule_for
from fazhi.enforcement import documents, guards, rules
from fazhi.enforcement.errors import InvalidInput, InvalidTransition, RuleViolation
from fazhi.enforcement.models import Case, DocumentKind, EvidenceKind, Hearing, PartyKind, Statement
from fazhi.enforcement.services._common import (
    CASE,
    DOC_118,
    HEARING_KINDS,
    PENALTY_KINDS,
    investigator_ids,
    kind_name,
    kinds,
    money,
    name_of,
    not_future,
    number,
    text,
)
from fazhi.enforcement.services.investigation import store_evidence
from fazhi.enforcement.workflow import BEFORE_DECISION, LAW, Outcome, Status
from fazhi.law.models import FineUnit, PowerCategory, PowerState


def hearing_threshold(case: Case, on: date) -> Decimal:
    key = (
        rules.HEARING_LARGE_FINE_INDIVIDUAL
        if case.party_kind == PartyKind.PERSON
        else rules.HEARING_LARGE_FINE_ORGANISATION
    )
    return amount_for(key, on=on).amount(case.body_id)


def in_hearing_scope(case: Case, on: date) -> tuple[bool, str]:
    """第六十三条: large fines (regional setting), large confiscations, 吊销/降级/停产停业/关闭/限制从业."""
    threshold = hearing_threshold(case, on)
    if case.fine_amount is not None and case.fine_amount >= threshold:
        return True, f"罚款{case.fine_amount}元达到较大数额（{threshold}元）"
    if case.confiscation_amount is not None and case.confiscation_amount >= threshold:
        return True, f"没收{case.confiscation_amount}元达到较大数额（{threshold}元）"
    for kind in kinds(case.penalty_kinds):
        if any(word in kind for word in HEARING_KINDS):
            return True, f"处罚种类含“{kind}”"
    return False, ""


def power_in_reach(case: Case, version) -> bool:
    """A case may rest on a power item of its body, of a body above it, or of one of its units (综合执法大队)."""
    item_body = version.item.body
    return item_body.pk in {*case.body.ancestor_ids(), case.body_id} or item_body.path.startswith(case.body.path)


def item_party(name: str) -> str:
    """Whom a power item's 罚则 addresses, from its name: 对个人…/…（个人） a natural person, 对单位…/…（单位） an
    organisation; "" when the item names neither (it applies to both)."""
    name = (name or "").strip()
    if name.startswith(("对个人", "对自然人")) or name.endswith(("（个人）", "（自然人）")):
        return PartyKind.PERSON
    if name.startswith("对单位") or name.endswith("（单位）"):
        return PartyKind.ORGANISATION
    return ""


def check_party_fits(name: str, party_kind: str) -> None:
    """An item whose 罚则 is for 个人 is not applied to a company, nor a 单位 item to a person: each has its own range
    (the statute sets them apart), so applying the other is 适用依据错误 (行政处罚法 第三十八条: 没有依据的处罚无效)."""
    wanted = item_party(name)
    if wanted and party_kind and wanted != party_kind:
        who = "个人" if wanted == PartyKind.PERSON else "单位"
        party = PartyKind(party_kind).label
        raise RuleViolation(
            f"权责事项“{name}”的罚则适用于{who}，本案当事人为{party}，不能适用；请选择适用于{party}的事项"
            f"（{LAW}第三十八条：没有依据的行政处罚无效）。"
        )


def check_penalty(case: Case, on: date) -> None:
    """The proposal must rest on an active penalty power with its provisions; the fine inside the statute."""
    version = case.power_version
    if version is None:
        raise InvalidInput(
            f"给予行政处罚须选择权责事项及其违则、罚则（{LAW}第五十九条第（三）项）。", field="power_version"
        )
    if not power_in_reach(case, version):
        raise RuleViolation(f"权责事项“{version.name}”不属于本机关，超越职权（{LAW}第三十八条）。")
    if version.category != PowerCategory.PENALTY:
        raise InvalidInput(f"“{version.name}”不是行政处罚事项。", field="power_version")
    if version.state != PowerState.ACTIVE:
        raise RuleViolation(
            f"权责事项“{version.name}”当前为“{version.get_state_display()}”，不能据以处罚（{LAW}第三十八条）。"
        )
    if not version.penalty_articles:
        raise RuleViolation(f"权责事项“{version.name}”未载明罚则条款，没有处罚依据的不得处罚（{LAW}第三十八条）。")
    check_party_fits(version.name, case.party_kind)
    chosen = kinds(case.penalty_kinds)
    if not chosen:
        raise InvalidInput("请填写处罚种类（如：警告、罚款）。", field="penalty_kinds")
    unknown = [k for k in chosen if kind_name(k) not in PENALTY_KINDS]
    if unknown:
        raise InvalidInput(f"“{'、'.join(unknown)}”不是{LAW}第九条规定的处罚种类。", field="penalty_kinds")
    fine = case.fine_amount
    if "罚款" in chosen and not fine:
        raise InvalidInput("处罚种类含罚款时请填写罚款金额。", field="fine_amount")
    if fine and "罚款" not in chosen:
        raise InvalidInput("填写了罚款金额，处罚种类应包含“罚款”。", field="penalty_kinds")
    penalty_cite = "；".join(a.display for a in version.penalty_articles)
    if fine and version.statutory_fine_unit == FineUnit.YUAN:
        lo, hi = version.statutory_fine_min, version.statutory_fine_max
        above = hi is not None and fine > hi
        below = lo is not None and fine < lo
        # 第三十二条 allows a mitigated penalty (减轻) below the statutory minimum, with its grounds; never above.
        if above or (below and not case.lighter_grounds.strip()):
            range_text = f"{lo if lo is not None else '不限'}元至{hi if hi is not None else '不限'}元"
            raise RuleViolation(
                f"罚款{fine}元超出法定幅度（{range_text}，{penalty_cite}），不得作出"
                + ("。" if above else f"；确有减轻处罚情节的，请写明第三十二条规定的情节（{LAW}第三十二条）。")
            )
    if fine and version.statutory_fine_unit == FineUnit.NONE:
        raise RuleViolation(f"罚则（{penalty_cite}）未规定罚款，不得处以罚款（{LAW}第三十八条）。")
    level = case.benchmark_level
    if level is not None:
        if level.version_id != version.pk:
            raise InvalidInput("所选裁量档次不属于该权责事项。", field="benchmark_level")
        outside = fine is not None and (
            (level.fine_min is not None and fine < level.fine_min)
            or (level.fine_max is not None and fine > level.fine_max)
        )
        if outside and not case.outside_level_reason.strip():
            raise RuleViolation(
                f"罚款{fine}元不在“{level.name}”档次的裁量幅度（{level.fine_min}至{level.fine_max}元）内，"
                f"须书面说明理由（{LAW}第三十四条：裁量基准应当规范适用）。"
            )
    elif version.benchmark_levels.exists():
        raise InvalidInput(f"该事项设有裁量基准，请选择裁量档次（{LAW}第三十四条）。", field="benchmark_level")


PROPOSAL_FIELDS = [
    "proposed_on",
    "facts",
    "evidence_summary",
    "proposed_outcome",
    "power_version",
    "benchmark_level",
    "penalty_kinds",
    "fine_amount",
    "confiscation_amount",
    "outside_level_reason",
    "lighter_grounds",
    "no_penalty_ground",
    "serious",
    "major_public_interest",
    "difficult",
    "hearing_eligible",
]


def proposal_snapshot(case: Case) -> dict:
    return {
        "outcome": case.proposed_outcome,
        "power_version": case.power_version_id,
        "benchmark_level": case.benchmark_level_id,
        "penalty_kinds": case.penalty_kinds,
        "fine_amount": case.fine_amount,
        "confiscation_amount": case.confiscation_amount,
        "serious": case.serious,
        "hearing_eligible": case.hearing_eligible,
    }


def propose(
    *,
    actor,
    case: Case,
    on: date,
    facts: str,
    evidence_summary: str,
    outcome: str,
    power_version=None,
    benchmark_level=None,
    penalty_kinds: str = "",
    fine_amount=None,
    confiscation_amount=None,
    outside_level_reason: str = "",
    lighter_grounds: str = "",
    no_penalty_ground: str = "",
    serious: bool = False,
    major_public_interest: bool = False,
    difficult: bool = False,
) -> Case:
    """调查终结，提出处理建议 (or revise it after a review returned the case).

    A fine outside the level's range needs a written reason; outside the statutory range it is refused. 首违不罚
    (第三十三条) and 从轻/减轻 (第三十二条) are recorded with their facts. A revision after the party's statement may not
    be heavier (第四十五条); a changed penalty must be notified again (第四十四条).
    """
    facts = text(facts, "facts", "违法事实")
    evidence_summary = text(evidence_summary, "evidence_summary", "证据及证明事项")
    if outcome not in Outcome.values:
        raise InvalidInput(f"请选择处理建议（{LAW}第五十七条规定的四种之一）。", field="outcome")
    fine = money(fine_amount, "fine_amount", "罚款金额")
    confiscation = money(confiscation_amount, "confiscation_amount", "没收金额")
    refusal = f"案件当前处于“{{status}}”，不能提出处理建议（调查终结后提出，{LAW}第五十七条）。"
    with CASE.step(actor, case, "提出处理建议", Event.CASE_PROPOSED, roles=[Role.OFFICER],
                   allowed={Status.INVESTIGATING, Status.PROPOSED, Status.RETURNED}, refusal=refusal, on=on,
                   on_label="调查终结日期", after="filed_on") as s:  # fmt: skip
        case = s.obj
        if case.status != Status.PROPOSED:
            s.move(Status.PROPOSED)
        if not case.acts.exists():
            raise RuleViolation(
                f"本案尚无调查取证记录，不能调查终结（{LAW}第五十四条：全面、客观、公正地调查，收集有关证据）。"
            )
        if case.preservations.filter(handled_on__isnull=True).exists():
            raise RuleViolation(f"先行登记保存的证据尚未作出处理决定（{LAW}第五十六条），不能调查终结。")
        old = proposal_snapshot(case)
        had_statement = case.statements.exists() or hasattr(case, "hearing")
        case.proposed_on = on
        case.facts = facts
        case.evidence_summary = evidence_summary
        case.proposed_outcome = outcome
        case.power_version = power_version
        case.benchmark_level = benchmark_level
        case.penalty_kinds = "、".join(kinds(penalty_kinds)) if outcome == Outcome.PENALTY else ""
        case.fine_amount = fine if outcome == Outcome.PENALTY else None
        case.confiscation_amount = confiscation if outcome == Outcome.PENALTY else None
        case.outside_level_reason = (outside_level_reason or "").strip()
        case.lighter_grounds = (lighter_grounds or "").strip()
        case.no_penalty_ground = (no_penalty_ground or "").strip()
        case.serious = serious
        case.major_public_interest = major_public_interest
        case.difficult = difficult
        if outcome == Outcome.PENALTY:
            check_penalty(case, on)
        if outcome == Outcome.MINOR_NO_PENALTY and not case.no_penalty_ground:
            raise InvalidInput(
                f"不予处罚须写明情形和事实（{LAW}第三十三条：违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚）。",
                field="no_penalty_ground",
            )
        if had_statement and old["fine_amount"] is not None and (case.fine_amount or 0) > old["fine_amount"]:
            raise RuleViolation(f"不得因当事人陈述、申辩而给予更重的处罚（{LAW}第四十五条第二款）。")
        case.hearing_eligible, _why = in_hearing_scope(case, on) if outcome == Outcome.PENALTY else (False, "")
        new = proposal_snapshot(case)
        penalty_changed = any(
            old[k] != new[k] for k in ("outcome", "penalty_kinds", "fine_amount", "confiscation_amount")
        )
        if penalty_changed and case.notified_on:
            # The prior notice no longer matches the proposed penalty: it must be given again (第四十四条).
            case.notified_on = None
            case.rights_waived_on = None
        s.changed("notified_on", "rights_waived_on", *PROPOSAL_FIELDS)
        s.old(status=s.old_status, **old)
        s.new(status=case.status, **new, on=on)
    return case


def notify(*, actor, case: Case, on: date) -> Case:
    """事先告知 (第四十四条): facts, reasons, basis, proposed penalty, the rights of statement and defence, and the
    right to a hearing when the penalty is in hearing scope (第六十三条). Starts the party's window."""
    with CASE.step(actor, case, "事先告知", Event.CASE_NOTIFIED, roles=[Role.OFFICER], to=Status.NOTIFIED, on=on,
                   on_label="告知日期", after="proposed_on") as s:  # fmt: skip
        case = s.obj
        refusal = guards.notice_needs_penalty(case)
        if refusal:
            raise InvalidTransition(refusal)
        case.hearing_eligible, why = in_hearing_scope(case, on)
        case.notified_on = on
        case.rights_waived_on = None
        case.notice_number = number(case, "罚告", on)
        s.changed("hearing_eligible", "notified_on", "rights_waived_on", "notice_number")
        for key in rules.PARTY_WINDOWS:
            s.close_window(key, on)
        window = s.open(rules.HEARING_REQUEST if case.hearing_eligible else rules.STATEMENT, on, label=case.label)
        documents.issue_in_step(s, kind=DocumentKind.PRIOR_NOTICE, actor=actor)
        s.new(
            notified_on=on,
            number=case.notice_number,
            hearing_eligible=case.hearing_eligible,
            hearing_reason=why,
            window_due=window.due_date,
        )
    return case


def record_statement(*, actor, case: Case, on: date, content: str, adopted: bool, reply: str) -> Statement:
    """陈述、申辩 and the agency's 复核 (第四十五条: listen fully, adopt what is valid)."""
    content = text(content, "content", "陈述申辩内容")
    reply = text(reply, "reply", "复核意见", why=f"{LAW}第四十五条：应当进行复核")
    refusal = f"陈述申辩应在事先告知后、作出决定前记录（{LAW}第四十四条、第四十五条）。"
    with CASE.step(actor, case, "记录陈述申辩", Event.CASE_STATEMENT_RECORDED, roles=[Role.OFFICER],
                   allowed=BEFORE_DECISION, refusal=refusal, on=on, on_label="陈述申辩日期",
                   after="notified_on") as s:  # fmt: skip
        case = s.obj
        if case.notified_on is None:
            raise InvalidTransition(refusal)
        statement = Statement.objects.create(
            case=case, on=on, content=content, adopted=adopted, reply=reply, recorded_by=actor
        )
        s.new(statement_id=statement.pk, on=on, adopted=adopted)
    return statement


def waive_rights(*, actor, case: Case, on: date, note: str) -> Case:
    """The party expressly waives statement, defence and hearing (第六十二条): the decision need not wait."""
    note = text(note, "note", "放弃声明（当事人书面放弃的情况）")
    refusal = f"案件当前处于“{{status}}”，只有在陈述申辩期内可以记录放弃（{LAW}第六十二条）。"
    with CASE.step(actor, case, "记录放弃陈述申辩", Event.CASE_RIGHTS_WAIVED, roles=[Role.OFFICER],
                   allowed={Status.NOTIFIED}, refusal=refusal, on=on, on_label="放弃日期",
                   after="notified_on") as s:  # fmt: skip
        case = s.obj
        case.rights_waived_on = on
        s.changed("rights_waived_on")
        for key in rules.PARTY_WINDOWS:
            s.close_window(key, on)
        s.new(rights_waived_on=on, note=note)
    return case


def request_hearing(*, actor, case: Case, on: date) -> Hearing:
    """当事人要求听证: only in hearing scope (第六十三条), within the window (第六十四条第（一）项: 5 working days under
    the 2021 text; 3 days under the 2017 text)."""
    with CASE.step(actor, case, "登记听证申请", Event.CASE_HEARING_REQUESTED, roles=[Role.OFFICER],
                   to=Status.HEARING, on=on, on_label="听证申请日期", after="notified_on") as s:  # fmt: skip
        case = s.obj
        if not case.hearing_eligible:
            raise RuleViolation(f"本案拟作出的处罚不属于听证范围（{LAW}第六十三条）。")
        window = guards.party_window(case)
        rule = rule_for(rules.HEARING_REQUEST, on=case.notified_on)
        if window is not None and on > window.due_date:
            raise RuleViolation(
                f"当事人应当在告知后{rule.period(case.body_id).label}内提出听证要求，期限已于 {window.due_date} 届满"
                f"（{rule.citation}）。"
            )
        hearing = Hearing.objects.create(case=case, requested_on=on)
        for key in rules.PARTY_WINDOWS:
            s.close_window(key, on)
        s.new(requested_on=on)
    return hearing


def notify_hearing(
    *, actor, case: Case, on: date, scheduled_on: date, place: str, presiding, public: bool = True
) -> Hearing:
    """听证通知: at least 7 working days before the hearing (第六十四条第（二）项); the presiding officer is not an
    investigator (第六十四条第（四）项)."""
    place = text(place, "place", "听证地点")
    if scheduled_on is None:
        raise InvalidInput("请填写听证日期。", field="scheduled_on")
    refusal = f"案件当前处于“{{status}}”，不在听证程序中（{LAW}第六十四条）。"
    with CASE.step(actor, case, "发出听证通知", Event.CASE_HEARING_NOTIFIED, roles=[Role.OFFICER, Role.LEADER],
                   allowed={Status.HEARING}, refusal=refusal, on=on, on_label="听证通知日期") as s:  # fmt: skip
        case = s.obj
        hearing = Hearing.objects.select_for_update().get(case=case)
        if hearing.held_on:
            raise InvalidTransition(f"听证已于 {hearing.held_on} 举行。")
        if on < hearing.requested_on:
            raise InvalidInput(f"通知日期 {on} 早于听证申请日期 {hearing.requested_on}。", field="on")
        rule = rule_for(rules.HEARING_NOTICE, on=on)
        latest = compute_for_rule(rule, scheduled_on, body_id=case.body_id, estimate=True)
        if on > latest.due:
            raise RuleViolation(
                f"应当在举行听证的{rule.period(case.body_id).label}前通知当事人：听证定于 {scheduled_on}，"
                f"最迟应于 {latest.due} 通知（{rule.citation}）。"
            )
        if presiding is None:
            raise InvalidInput("请指定听证主持人。", field="presiding")
        if presiding.pk in investigator_ids(case):
            raise RuleViolation(
                f"{name_of(presiding)}是本案调查人员，不得主持听证（{LAW}第六十四条第（四）项：听证由行政机关指定的非本案调查人员主持）。"
            )
        if not in_scope(presiding, case.body_id):
            raise InvalidInput(f"{name_of(presiding)}不属于本案机关，不能主持听证。", field="presiding")
        hearing.notified_on = on
        hearing.scheduled_on = scheduled_on
        hearing.place = place
        hearing.public = public
        hearing.presiding = presiding
        hearing.notice_number = number(case, "听通", on)
        hearing.save(update_fields=["notified_on", "scheduled_on", "place", "public", "presiding", "notice_number"])
        case.hearing = hearing
        documents.issue_in_step(s, kind=DocumentKind.HEARING_NOTICE, actor=actor)
        s.new(
            notified_on=on,
            scheduled_on=scheduled_on,
            latest_notice_day=latest.due,
            presiding=presiding.pk,
            public=public,
            number=hearing.notice_number,
        )
    return hearing


def hold_hearing(
    *,
    actor,
    case: Case,
    held_on: date,
    record_text: str,
    party_attended: bool = True,
    party_signed: bool = True,
    refusal_note: str = "",
    presiding_opinion: str = "",
    recording=None,
) -> tuple[Hearing, list[str]]:
    """举行听证 and its signed record (第六十四条第（八）项). A recording is advised (118号 (八)): without one the step
    warns. A party who does not attend is taken to have waived the hearing (第六十四条第（六）项)."""
    record_text = text(record_text, "record_text", "听证笔录")
    if party_attended and not party_signed and not (refusal_note or "").strip():
        raise InvalidInput(f"当事人拒绝签字的，请在笔录中注明（{LAW}第六十四条第（八）项）。", field="refusal_note")
    refusal = "案件当前处于“{status}”，不在听证程序中。"
    with CASE.step(actor, case, "记录听证", Event.CASE_HEARING_HELD, roles=[Role.OFFICER, Role.LEADER],
                   allowed={Status.HEARING}, refusal=refusal, on=held_on, on_field="held_on",
                   on_label="听证日期") as s:  # fmt: skip
        case = s.obj
        hearing = Hearing.objects.select_for_update().get(case=case)
        if hearing.scheduled_on is None:
            raise RuleViolation(f"尚未发出听证通知，不能举行听证（{LAW}第六十四条第（二）项）。")
        if hearing.held_on:
            raise InvalidTransition(f"听证已于 {hearing.held_on} 举行。")
        if held_on < hearing.scheduled_on:
            raise RuleViolation(
                f"听证日期 {held_on} 早于通知的日期 {hearing.scheduled_on}（{LAW}第六十四条第（二）项）。"
            )
        if recording is not None:
            _ev, stored = store_evidence(
                actor=actor,
                case=case,
                upload=recording,
                kind=EvidenceKind.AUDIOVISUAL,
                title=f"{held_on} 听证录音录像",
                collected_on=held_on,
                is_recording=True,
                field="recording",
            )
            s.file(stored)
        else:
            s.warn(f"听证未上传录音录像；举行听证宜进行音像记录（{DOC_118}第（八）项）。")
        hearing.held_on = held_on
        hearing.record = record_text
        hearing.party_attended = party_attended
        hearing.party_signed = party_signed and party_attended
        hearing.refusal_note = (
            (refusal_note or "").strip()
            if party_attended
            else f"当事人无正当理由未到场，视为放弃听证权利（{LAW}第六十四条第（六）项）"
        )
        hearing.presiding_opinion = (presiding_opinion or "").strip()
        hearing.save(
            update_fields=["held_on", "record", "party_attended", "party_signed", "refusal_note", "presiding_opinion"]
        )
        s.new(held_on=held_on, party_attended=party_attended, party_signed=hearing.party_signed)
    return hearing, list(s.warnings)


__all__ = [
    "PROPOSAL_FIELDS",
    "check_penalty",
    "hearing_threshold",
    "hold_hearing",
    "in_hearing_scope",
    "not_future",
    "notify",
    "notify_hearing",
    "power_in_reach",
    "propose",
    "record_statement",
    "request_hearing",
    "waive_rights",
]
