"""简易程序: the on-the-spot decision and its later 备案 (行政处罚法 第五十一条、第五十二条、第六十八条至第七十条)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.audit.events import Event
from fazhi.core.access import Role, require
from fazhi.core.rules import amount_for
from fazhi.enforcement import documents, hooks, rules
from fazhi.enforcement.errors import InvalidInput, InvalidTransition, RuleViolation
from fazhi.enforcement.models import (
    Case,
    CollectionGround,
    DocumentKind,
    LeadSource,
    PartyKind,
    Payment,
    Service,
    ServiceMethod,
)
from fazhi.enforcement.services._common import CASE, certified_pair, kind_name, kinds, money, not_future, number, text
from fazhi.enforcement.services.execution import check_collection
from fazhi.enforcement.services.proposal import check_party_fits
from fazhi.enforcement.workflow import LAW, Outcome, Procedure, Status


def summary_caps(party_kind: str, on: date, body_id: int | None) -> tuple[Decimal, str]:
    key = rules.SUMMARY_FINE_CAP_INDIVIDUAL if party_kind == PartyKind.PERSON else rules.SUMMARY_FINE_CAP_ORGANISATION
    rule = amount_for(key, on=on)
    return rule.amount(body_id), rule.citation


def decide_on_the_spot(
    *,
    actor,
    body,
    on: date,
    place: str,
    title: str,
    facts: str,
    basis: str,
    party_kind: str,
    party_name: str,
    officers,
    penalty_kinds: str,
    fine_amount=None,
    party_id_number: str = "",
    party_address: str = "",
    power_version=None,
    party_signed: bool = True,
    refusal_note: str = "",
    collected_on_spot: bool = False,
    receipt: str = "",
    collection_ground: str = "",
    collection_note: str = "",
) -> Case:
    """简易程序 (第五十一、五十二条): clear facts, a legal basis, 警告 or a fine within the caps (200 / 3,000 元 under the
    2021 text; 50 / 1,000 元 under the 2017 text); a serially numbered form handed over on the spot; later 备案.

    A fine may be collected on the spot on a ground of 第六十八条 or 第六十九条 (``collection_ground``; the older flag
    ``collected_on_spot`` means the 100-元 ground), with the unified receipt (第七十条); the money must then reach the
    agency within 2 days (第七十一条), which opens that deadline."""
    require(actor, Role.OFFICER, body=body, what="当场作出行政处罚决定")
    not_future(on, "on", "决定日期")
    title = text(title, "title", "违法行为")
    facts = text(facts, "facts", "违法事实")
    basis = text(basis, "basis", "处罚依据", why=f"{LAW}第五十一条：有法定依据")
    place = text(place, "place", "地点")
    party_name = text(party_name, "party_name", "当事人姓名或名称")
    if party_kind not in PartyKind.values:
        raise InvalidInput("请选择当事人类别。", field="party_kind")
    chosen = kinds(penalty_kinds)
    if not chosen or any(kind_name(k) not in ("警告", "罚款") for k in chosen):
        raise RuleViolation(f"简易程序只能当场作出警告或者罚款（{LAW}第五十一条）。")
    fine = money(fine_amount, "fine_amount", "罚款金额")
    if "罚款" in chosen and not fine:
        raise InvalidInput("请填写罚款金额。", field="fine_amount")
    cap, cap_citation = summary_caps(party_kind, on, body.pk)
    if fine and fine > cap:
        who = "公民" if party_kind == PartyKind.PERSON else "法人或者其他组织"
        raise RuleViolation(
            f"对{who}处以{cap}元以下罚款的，方可适用简易程序当场作出决定；罚款{fine}元应当适用普通程序（{cap_citation}）。"
        )
    if not party_signed and not (refusal_note or "").strip():
        raise InvalidInput(f"当事人拒绝签收的，应当在决定书上注明（{LAW}第五十二条第二款）。", field="refusal_note")
    if collected_on_spot and not collection_ground:
        collection_ground = CollectionGround.SMALL
    if collection_ground:
        if not fine:
            raise RuleViolation(f"只有罚款可以当场收缴（{LAW}第六十八条）。")
        collection_ground, collection_note = check_collection(
            procedure=Procedure.SUMMARY, fine=fine, on=on, body_id=body.pk, ground=collection_ground,
            note=collection_note,
        )  # fmt: skip
        receipt = text(receipt, "receipt", "财政部门统一制发的专用票据号码", why=f"{LAW}第七十条")
    if power_version is not None:
        check_party_fits(power_version.name, party_kind)
    with CASE.step(actor, None, "当场作出行政处罚决定", Event.CASE_SUMMARY_DECIDED, on=on, on_label="决定日期") as s:
        people = certified_pair(officers, on, what="当场作出行政处罚决定")
        case = s.created(
            Case.objects.create(
                body=body,
                procedure=Procedure.SUMMARY,
                status=Status.SERVED,
                source=LeadSource.PATROL,
                title=title,
                description=facts,
                place=place,
                discovered_on=on,
                act_date=on,
                registered_by=actor,
                party_kind=party_kind,
                party_name=party_name,
                party_id_number=(party_id_number or "").strip(),
                party_address=(party_address or "").strip(),
                filed_on=on,
                proposed_on=on,
                facts=facts,
                evidence_summary="执法人员现场检查发现",
                proposed_outcome=Outcome.PENALTY,
                power_version=power_version,
                penalty_kinds="、".join(chosen),
                fine_amount=fine,
                outcome=Outcome.PENALTY,
                decided_on=on,
                decided_by=actor,
                decision_text=f"{basis}；{'、'.join(chosen)}{f'人民币{fine}元' if fine else ''}",
                served_on=on,
            )
        )
        case.officers.set(people)
        case.decision_number = number(case, "简罚", on)
        case.number = case.decision_number
        s.changed("decision_number", "number")
        if fine and collection_ground:
            case.paid_amount = fine
            case.status = Status.EXECUTED
            case.executed_on = on
            s.changed("paid_amount", "status", "executed_on")
            payment = Payment.objects.create(
                case=case, paid_on=on, amount=fine, receipt=receipt, recorded_by=actor,
                collection_ground=collection_ground, collection_note=collection_note,
            )  # fmt: skip
            s.open(rules.COLLECTION_HAND_IN, on, subject=payment, label=f"{case.label}（当场收缴罚款交至行政机关）")
        elif fine:
            payment = s.open(rules.PAYMENT, on, label=case.label)
            case.payment_due_on = payment.due_date
            s.changed("payment_due_on")
        Service.objects.create(
            case=case,
            method=ServiceMethod.ON_THE_SPOT,
            served_on=on,
            recipient=party_name,
            place=place,
            proof="当事人签收" if party_signed else f"当事人拒绝签收：{refusal_note.strip()}",
            recorded_by=actor,
        )
        s.new(
            status=case.status,
            number=case.decision_number,
            on=on,
            party=party_name,
            penalty_kinds=case.penalty_kinds,
            fine_amount=fine,
            cap=cap,
            officers=[p.pk for p in people],
            collected_on_spot=bool(collection_ground),
            collection_ground=collection_ground,
        )
        documents.issue_in_step(s, kind=DocumentKind.SUMMARY_DECISION, actor=actor)
        hooks.case_decided(actor=actor, case=case)
    return case


def file_summary_decision(*, actor, case: Case, on: date) -> Case:
    """备案 (第五十二条第三款): the on-the-spot decision is filed with the agency."""
    with CASE.step(actor, case, "简易程序决定备案", Event.CASE_SUMMARY_FILED, roles=[Role.OFFICER, Role.LEADER],
                   on=on, on_label="备案日期", after="decided_on") as s:  # fmt: skip
        case = s.obj
        if case.procedure != Procedure.SUMMARY:
            raise InvalidTransition("只有简易程序的当场处罚决定需要备案。")
        if case.filed_with_body_on:
            raise InvalidTransition(f"该决定已于 {case.filed_with_body_on} 备案。")
        case.filed_with_body_on = on
        s.changed("filed_with_body_on")
        s.new(filed_with_body_on=on, number=case.decision_number)
    return case


__all__ = ["decide_on_the_spot", "file_summary_decision", "summary_caps"]
