"""案源 and 立案: registering a lead, asking for filing, the leader's approval or refusal (行政处罚法 第五十四条)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.audit.events import Event
from fazhi.core.access import Role, require
from fazhi.core.rules import UnknownRule, compute_for_rule
from fazhi.core.steps import today
from fazhi.enforcement import rules
from fazhi.enforcement.errors import InvalidInput, RuleViolation
from fazhi.enforcement.models import Case, LeadSource, PartyKind
from fazhi.enforcement.services._common import CASE, certified_pair, not_future, number, tell, text
from fazhi.enforcement.versions import substantive_rule
from fazhi.enforcement.workflow import Procedure, Status


def register_lead(
    *,
    actor,
    body,
    source: str,
    title: str,
    description: str,
    place: str,
    discovered_on: date,
    act_date: date,
    party_kind: str,
    party_name: str,
    reporter: str = "",
    party_id_number: str = "",
    party_address: str = "",
    party_phone: str = "",
    party_representative: str = "",
    act_continuing: bool = False,
    life_or_finance_harm: bool = False,
) -> Case:
    """登记案源: source, what, where, when discovered, who reported. Starts the filing period (第五十四条 及时立案)."""
    require(actor, Role.OFFICER, Role.LEADER, body=body, what="登记案源")
    if source not in LeadSource.values:
        raise InvalidInput("请选择案源类别（巡查、投诉举报、移送、上级交办、监督平台下派）。", field="source")
    if party_kind not in PartyKind.values:
        raise InvalidInput("请选择当事人类别（公民，或法人或者其他组织）。", field="party_kind")
    title = text(title, "title", "案由")
    description = text(description, "description", "案源情况")
    place = text(place, "place", "地点")
    party_name = text(party_name, "party_name", "当事人姓名或名称")
    not_future(discovered_on, "discovered_on", "发现日期")
    if act_date is None:
        raise InvalidInput("请填写违法行为发生日期。", field="act_date")
    if act_date > discovered_on:
        raise InvalidInput(f"违法行为发生日期 {act_date} 晚于发现日期 {discovered_on}。", field="act_date")
    if source in (LeadSource.COMPLAINT, LeadSource.TRANSFER, LeadSource.ASSIGNED) and not (reporter or "").strip():
        raise InvalidInput("投诉举报、移送或交办的案源须填写举报人或移送、交办单位。", field="reporter")
    with CASE.step(actor, None, "登记案源", Event.CASE_LEAD_REGISTERED, on=discovered_on, on_field="discovered_on",
                   on_label="发现日期") as s:  # fmt: skip
        case = s.created(
            Case.objects.create(
                body=body,
                procedure=Procedure.ORDINARY,
                status=Status.LEAD,
                source=source,
                title=title,
                description=description,
                place=place,
                discovered_on=discovered_on,
                reporter=(reporter or "").strip(),
                act_date=act_date,
                act_continuing=act_continuing,
                life_or_finance_harm=life_or_finance_harm,
                registered_by=actor,
                party_kind=party_kind,
                party_name=party_name,
                party_id_number=(party_id_number or "").strip(),
                party_address=(party_address or "").strip(),
                party_phone=(party_phone or "").strip(),
                party_representative=(party_representative or "").strip(),
            )
        )
        s.open(rules.FILING, discovered_on, label=f"{party_name}{title}（立案）")
        s.new(
            source=source,
            title=title,
            place=place,
            discovered_on=discovered_on,
            act_date=act_date,
            party=party_name,
            reporter=case.reporter,
        )
    return case


@dataclass(frozen=True)
class Limitation:
    lapsed: bool
    last_day: date
    years: int
    citation: str
    act_date: date | None = None
    why: str = ""

    @property
    def message(self) -> str:
        return (
            f"违法行为于 {self.act_date} 发生（或终了），{self.years}年内未被发现，追责期限已于 {self.last_day} 届满，"
            f"不再给予行政处罚（{self.citation}；{self.why}），不能立案。"
        )


def limitation_for(case: Case, on: date | None = None) -> Limitation:
    """第三十六条 (2 years; 5 years for life-health or financial safety with harm), in the version 第三十七条 chooses:
    the text in force when the act occurred (or ended), the newer one where it is lighter. The 5-year rule is new in
    the 2021 text and never reaches an act before 2021-07-15. ``on``: the date of the filing step (default today)."""
    on = on or case.filed_on or case.filing_requested_on or today()
    applied = substantive_rule(rules.LIMITATION, act_date=case.act_date, decided_on=on, body_id=case.body_id)
    if case.life_or_finance_harm:
        try:
            applied = substantive_rule(
                rules.LIMITATION_LIFE_OR_FINANCE, act_date=case.act_date, decided_on=on, body_id=case.body_id
            )
        except UnknownRule:
            pass  # no 5-year rule was in force when the act occurred: the 2-year rule of that text applies
    rule = applied.rule
    result = compute_for_rule(rule, case.act_date, body_id=case.body_id, estimate=True)
    return Limitation(
        lapsed=case.discovered_on > result.due,
        last_day=result.due,
        years=rule.period(case.body_id).count,
        citation=rule.citation,
        act_date=case.act_date,
        why=applied.reason,
    )


def request_filing(*, actor, case: Case, officers, on: date, opinion: str = "") -> Case:
    """提请立案: name the handling officers (≥ 2, certified on the day) and ask the leader to approve."""
    with CASE.step(actor, case, "提请立案审批", Event.CASE_FILING_REQUESTED, roles=[Role.OFFICER], to=Status.FILING,
                   on=on, on_label="提请立案日期", after="discovered_on") as s:  # fmt: skip
        case = s.obj
        people = certified_pair(officers, on, what="承办案件")
        limitation = limitation_for(case, on)
        if limitation.lapsed:
            raise RuleViolation(limitation.message)
        case.filing_requested_on = on
        case.filing_opinion = (opinion or "").strip()
        s.changed("filing_requested_on", "filing_opinion")
        case.officers.set(people)
        s.new(on=on, officers=[p.pk for p in people])
        tell(case, kind="approval", title="提请立案审批", role=Role.LEADER)
    return case


def approve_filing(*, actor, case: Case, on: date, opinion: str = "") -> Case:
    """批准立案 (the responsible leader): limitation checked again, case number issued, 90-day clock started."""
    with CASE.step(actor, case, "批准立案", Event.CASE_FILED, roles=[Role.LEADER], to=Status.INVESTIGATING, on=on,
                   on_label="立案日期", after="filing_requested_on") as s:  # fmt: skip
        case = s.obj
        limitation = limitation_for(case, on)
        if limitation.lapsed:
            raise RuleViolation(limitation.message)
        case.filed_on = on
        case.filing_approver = actor
        if (opinion or "").strip():
            case.filing_opinion = opinion.strip()
        case.number = number(case, "立", on)
        s.changed("filed_on", "filing_approver", "filing_opinion", "number")
        s.close(rules.FILING, on)
        s.open(rules.DECISION, on, label=case.label)
        s.new(filed_on=on, number=case.number)
        s.note(limitation_last_day=limitation.last_day)
    return case


def decline_filing(*, actor, case: Case, on: date, reason: str) -> Case:
    """不予立案 (lapsed, no violation, not our jurisdiction …), with the reason; the filing clock closes."""
    reason = text(reason, "reason", "不予立案理由")
    with CASE.step(actor, case, "决定不予立案", Event.CASE_NOT_FILED, roles=[Role.LEADER], to=Status.NOT_FILED,
                   on=on, on_label="决定日期", after="discovered_on") as s:  # fmt: skip
        case = s.obj
        case.not_filed_reason = reason
        s.changed("not_filed_reason")
        s.close(rules.FILING, on)
        s.new(reason=reason, on=on)
    return case


__all__ = [
    "Limitation",
    "approve_filing",
    "decline_filing",
    "limitation_for",
    "register_lead",
    "request_filing",
]
