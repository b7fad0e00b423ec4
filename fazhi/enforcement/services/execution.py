"""执行: payment, 暂缓或分期, 复议/诉讼, 加处罚款, 催告 and 申请人民法院强制执行 (行政处罚法 第六十六条至第七十三条;
行政强制法 第五十三条、第五十四条)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role
from fazhi.core.rules import amount_for, compute_for_rule, rule_for
from fazhi.core.steps import check_date
from fazhi.enforcement import rules
from fazhi.enforcement.errors import InvalidInput, InvalidTransition, RuleViolation
from fazhi.enforcement.models import Case, CollectionGround, Payment, Remedy, RemedyKind
from fazhi.enforcement.services._common import CASE, CENT, money, text
from fazhi.enforcement.workflow import LAW, Procedure, Status

COERCION_LAW = "《中华人民共和国行政强制法》"


def _remedy_days(remedies, first: date, last: date) -> set[date]:
    days = set()
    for remedy in remedies:
        end = remedy.ended_on or last
        day = max(remedy.started_on, first)
        while day <= min(end, last):
            days.add(day)
            day += timedelta(days=1)
    return days


def surcharge_on(case: Case, on: date, *, remedies=None) -> tuple[Decimal, int]:
    """加处罚款 owed on ``on``: 3 % of the fine per day late (第七十二条第一款第（一）项), capped at the fine, the days of
    复议 or 诉讼 not counted (第七十三条第三款). Returns (amount, days counted). The case page passes the remedies it
    has read already; otherwise they are read here."""
    if not case.fine_amount or case.payment_due_on is None or on <= case.payment_due_on:
        return Decimal("0.00"), 0
    rate = amount_for(rules.LATE_SURCHARGE_RATE, on=case.served_on).amount(case.body_id) / Decimal(100)
    first = case.payment_due_on + timedelta(days=1)
    excluded = _remedy_days(case.remedies.all() if remedies is None else remedies, first, on)
    days = max((on - first).days + 1 - len(excluded), 0)
    amount = (case.fine_amount * rate * days).quantize(CENT)
    return min(amount, case.fine_amount), days


def service_known_on(case: Case) -> date | None:
    """From when the party could know the decision: the service date, or for 公告送达 the day the notice was
    published (a party may pay before service is deemed complete; that payment is on time)."""
    service = case.services.order_by("-id").first()
    if service is None:
        return case.served_on
    return service.published_on or service.served_on


def approve_deferral(*, actor, case: Case, on: date, until: date, reason: str) -> Case:
    """暂缓或者分期缴纳 (第六十六条第二款) with the agency's approval: the payment clock stops until ``until``."""
    reason = text(reason, "reason", "当事人申请暂缓或分期缴纳的理由")
    refusal = f"案件当前处于“{{status}}”，不能批准暂缓或分期缴纳（{LAW}第六十六条）。"
    with CASE.step(actor, case, "批准暂缓或分期缴纳罚款", Event.CASE_DEFERRAL_APPROVED, roles=[Role.LEADER],
                   allowed={Status.SERVED}, refusal=refusal, on=on, on_label="批准日期", after="served_on") as s:  # fmt: skip
        case = s.obj
        row = deadlines.current(case, rules.PAYMENT)
        if row is None:
            raise InvalidTransition("本案没有进行中的缴款期限。")
        if until is None or until <= on:
            raise InvalidInput("暂缓至日期应晚于批准日期。", field="until")
        row = deadlines.pause_deadline(actor=actor, deadline=row, on=on, reason=f"批准暂缓缴纳：{reason}")
        row = deadlines.resume_deadline(actor=actor, deadline=row, on=until)
        s.old(payment_due_on=case.payment_due_on)
        case.payment_due_on = row.due_date
        s.changed("payment_due_on")
        s.new(payment_due_on=case.payment_due_on, until=until)
        s.note(reason=reason)
    return case


def record_remedy(*, actor, case: Case, kind: str, started_on: date) -> Remedy:
    """登记复议或诉讼: execution is not suspended, but the surcharge is not counted meanwhile (第七十三条)."""
    if kind not in RemedyKind.values:
        raise InvalidInput("请选择行政复议或行政诉讼。", field="kind")
    with CASE.step(actor, case, "登记复议诉讼", Event.CASE_REMEDY_RECORDED, roles=[Role.OFFICER, Role.LEADER],
                   on=started_on, on_field="started_on", on_label="申请或起诉日期") as s:  # fmt: skip
        case = s.obj
        if case.decided_on is None or started_on < case.decided_on:
            raise InvalidInput("复议或诉讼只能针对已作出的决定，日期不得早于决定日期。", field="started_on")
        if case.remedies.filter(ended_on__isnull=True).exists():
            raise InvalidTransition("本案已有进行中的复议或诉讼。")
        remedy = Remedy.objects.create(case=case, kind=kind, started_on=started_on)
        s.new(remedy_id=remedy.pk, kind=kind, started_on=started_on)
    return remedy


def conclude_remedy(*, actor, remedy: Remedy, ended_on: date, result: str) -> Remedy:
    result = text(result, "result", "复议或诉讼结果")
    with CASE.step(actor, remedy.case_id, "登记复议诉讼结果", Event.CASE_REMEDY_CONCLUDED,
                   roles=[Role.OFFICER, Role.LEADER], on=ended_on, on_field="ended_on", on_label="终结日期") as s:  # fmt: skip
        remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
        if remedy.ended_on:
            raise InvalidTransition("该复议或诉讼已登记结果。")
        if ended_on < remedy.started_on:
            raise InvalidInput("终结日期早于开始日期。", field="ended_on")
        remedy.ended_on, remedy.result = ended_on, result
        remedy.save(update_fields=["ended_on", "result"])
        s.new(remedy_id=remedy.pk, ended_on=ended_on, result=result)
    return remedy


def check_collection(*, procedure: str, fine, on: date, body_id: int, ground: str, note: str) -> tuple[str, str]:
    """May the officer collect this fine on the spot (罚缴分离 exceptions)? Returns (ground, note) or raises.

    第六十八条: only with an on-the-spot decision (简易程序, 第五十一条), for (一) a fine of 100 元 or less, or (二) when
    not collecting now would make it hard to enforce later. 第六十九条: in a remote, on-water or poorly connected area,
    after a decision under 第五十一条 or 第五十七条, when paying at a bank is truly difficult and the party asks."""
    note = (note or "").strip()
    if ground not in CollectionGround.values:
        raise InvalidInput("请选择当场收缴罚款的法定情形（第六十八条、第六十九条）。", field="collection_ground")
    if ground != CollectionGround.REMOTE and procedure != Procedure.SUMMARY:
        raise RuleViolation(
            f"第六十八条规定的当场收缴仅适用于依照第五十一条当场作出的处罚决定；普通程序只有第六十九条的情形可以当场收缴（{LAW}第六十八条、第六十九条）。"
        )
    if ground == CollectionGround.SMALL:
        cap = amount_for(rules.ON_THE_SPOT_COLLECTION_CAP, on=on)
        if not fine or fine > cap.amount(body_id):
            raise RuleViolation(f"当场收缴罚款仅限{cap.amount(body_id)}元以下（{cap.citation}）。")
    elif not note:
        why = (
            "不当场收缴事后难以执行的具体情况"
            if ground == CollectionGround.HARD_TO_ENFORCE
            else "所在地区情况、当事人到银行缴纳的困难和当事人的请求"
        )
        raise InvalidInput(
            f"请写明{why}（{LAW}{'第六十八条第（二）项' if ground == CollectionGround.HARD_TO_ENFORCE else '第六十九条'}）。",
            field="collection_note",
        )
    return ground, note


def record_payment(
    *,
    actor,
    case: Case,
    paid_on: date,
    amount,
    receipt: str,
    surcharge=None,
    collection_ground: str = "",
    collection_note: str = "",
) -> Payment:
    """缴纳罚款 at the designated bank (第六十七条). Paying the fine and the surcharge owed executes the decision.

    Collected on the spot instead (``collection_ground``, 第六十九条 in the ordinary procedure): the receipt is the
    finance department's unified receipt (第七十条), and the money must reach the agency within 2 days (第七十一条)."""
    receipt = text(receipt, "receipt", "缴款凭证号")
    amount = money(amount, "amount", "缴款金额")
    if not amount:
        raise InvalidInput("请填写缴款金额。", field="amount")
    refusal = f"案件当前处于“{{status}}”，没有待缴纳的罚款（{LAW}第六十七条）。"
    with CASE.step(actor, case, "登记缴纳罚款", Event.CASE_PAYMENT_RECORDED, roles=[Role.OFFICER, Role.LEADER],
                   allowed={Status.SERVED, Status.COURT}, refusal=refusal, on=paid_on, on_field="paid_on",
                   on_label="缴款日期") as s:  # fmt: skip
        case = s.obj
        known_from = service_known_on(case)
        if known_from is not None and paid_on < known_from:
            raise InvalidInput(f"缴款日期 {paid_on} 早于决定书送达（或公告发出）日期 {known_from}。", field="paid_on")
        if not case.fine_amount:
            raise InvalidTransition(refusal.format(status=case.get_status_display()))
        outstanding = case.fine_amount - case.paid_amount
        if amount > outstanding:
            raise InvalidInput(f"缴款金额 {amount} 元超过未缴罚款 {outstanding} 元。", field="amount")
        if collection_ground:
            collection_ground, collection_note = check_collection(
                procedure=case.procedure, fine=case.fine_amount, on=paid_on, body_id=case.body_id,
                ground=collection_ground, note=collection_note,
            )  # fmt: skip
        owed, days = surcharge_on(case, paid_on)
        surcharge_paid = (
            money(surcharge, "surcharge", "加处罚款")
            if surcharge not in (None, "")
            else (owed - case.surcharge_paid if amount == outstanding else Decimal("0.00"))
        )
        payment = Payment.objects.create(
            case=case,
            paid_on=paid_on,
            amount=amount,
            surcharge=surcharge_paid,
            receipt=receipt,
            recorded_by=actor,
            collection_ground=collection_ground,
            collection_note=collection_note,
        )
        if collection_ground:
            s.open(
                rules.COLLECTION_HAND_IN, paid_on, subject=payment, label=f"{case.label}（当场收缴罚款交至行政机关）"
            )
        case.paid_amount += amount
        case.surcharge_paid += surcharge_paid
        s.changed("paid_amount", "surcharge_paid")
        s.old(status=s.old_status)
        if case.paid_amount >= case.fine_amount and case.surcharge_paid >= owed:
            s.move(Status.EXECUTED)
            case.executed_on = paid_on
            s.changed("executed_on")
            s.close(rules.PAYMENT, paid_on)
            s.close(rules.COURT_AFTER_DEMAND, paid_on)
        s.new(
            payment_id=payment.pk,
            paid_on=paid_on,
            amount=amount,
            surcharge=surcharge_paid,
            surcharge_owed=owed,
            surcharge_days=days,
            status=case.status,
            collection_ground=collection_ground,
        )
    return payment


def hand_in_collection(*, actor, payment: Payment, on: date) -> Payment:
    """The officer hands fines collected on the spot to the agency (第七十一条: within 2 days of collection)."""
    with CASE.step(actor, payment.case_id, "当场收缴的罚款交至行政机关", Event.CASE_COLLECTION_HANDED_IN,
                   roles=[Role.OFFICER, Role.LEADER], on=on, on_label="交至行政机关日期") as s:  # fmt: skip
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if not payment.collected_on_spot:
            raise InvalidTransition("该笔罚款不是当场收缴的，无需交至行政机关。")
        if payment.handed_in_on:
            raise InvalidTransition(f"该笔罚款已于 {payment.handed_in_on} 交至行政机关。")
        if on < payment.paid_on:
            raise InvalidInput(f"交至行政机关日期 {on} 早于收缴日期 {payment.paid_on}。", field="on")
        payment.handed_in_on = on
        payment.save(update_fields=["handed_in_on"])
        s.close(rules.COLLECTION_HAND_IN, on, subject=payment)
        s.open(rules.COLLECTION_BANKING, on, subject=payment, label=f"{s.obj.label}（当场收缴罚款缴付银行）")
        s.new(payment_id=payment.pk, handed_in_on=on, amount=payment.amount)
    return payment


def bank_collection(*, actor, payment: Payment, on: date) -> Payment:
    """The agency pays fines collected on the spot into the designated bank (第七十一条: within 2 days)."""
    with CASE.step(actor, payment.case_id, "当场收缴的罚款缴付银行", Event.CASE_COLLECTION_BANKED,
                   roles=[Role.OFFICER, Role.LEADER], on=on, on_label="缴付银行日期") as s:  # fmt: skip
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if not payment.handed_in_on:
            raise InvalidTransition("该笔罚款尚未交至行政机关（第七十一条）。")
        if payment.banked_on:
            raise InvalidTransition(f"该笔罚款已于 {payment.banked_on} 缴付银行。")
        if on < payment.handed_in_on:
            raise InvalidInput(f"缴付银行日期 {on} 早于交至行政机关日期 {payment.handed_in_on}。", field="on")
        payment.banked_on = on
        payment.save(update_fields=["banked_on"])
        s.close(rules.COLLECTION_BANKING, on, subject=payment)
        s.new(payment_id=payment.pk, banked_on=on, amount=payment.amount)
    return payment


def issue_demand(*, actor, case: Case, on: date, served_on: date | None = None) -> Case:
    """催告 (行政强制法 第五十四条): before applying to court. ``on``: the day the 催告书 was issued; ``served_on``: the
    day it was served on the party (default: the same day). The court may be applied to only when the party has still
    not performed ten (working) days after the 催告书 was served (第五十四条, 第六十九条) — counted from service."""
    served_on = served_on or on
    refusal = "案件当前处于“{status}”，无需催告。"
    with CASE.step(actor, case, "催告", Event.CASE_DEMAND_ISSUED, roles=[Role.OFFICER, Role.LEADER],
                   allowed={Status.SERVED}, refusal=refusal, on=on, on_label="催告日期", after="served_on") as s:  # fmt: skip
        case = s.obj
        if not case.fine_amount:
            raise InvalidTransition(refusal.format(status=case.get_status_display()))
        if case.payment_due_on is None or on <= case.payment_due_on:
            raise RuleViolation(f"缴款期限至 {case.payment_due_on} 届满，期满前不得催告（{LAW}第七十二条）。")
        if served_on < on:
            raise InvalidInput(f"催告书送达日期 {served_on} 早于催告书发出日期 {on}。", field="served_on")
        check_date(served_on, field="served_on", label="催告书送达日期")
        if deadlines.live(case, rules.COURT_AFTER_DEMAND):
            raise InvalidTransition("本案已经催告。")
        demand = s.open(rules.COURT_AFTER_DEMAND, served_on, label=case.label)
        s.new(on=on, served_on=served_on, court_from=demand.due_date)
    return case


def court_application_window(case: Case) -> tuple[date, date, str]:
    """行政强制法 第五十三条 (A16): where the party neither applied for 复议 nor sued within the statutory periods and
    did not perform, the agency may apply to the court within 3 months from the day those periods lapsed. The 诉讼
    period (行政诉讼法 第四十六条, 6 months from service) lapses last. Returns (first day, last day, citations)."""
    remedy = compute_for_rule(rules.LITIGATION_PERIOD, case.served_on, body_id=case.body_id, estimate=True)
    window = compute_for_rule(rules.COURT_APPLICATION, remedy.due, body_id=case.body_id, estimate=True)
    citations = (rule_for(rules.COURT_APPLICATION, on=remedy.due), rule_for(rules.LITIGATION_PERIOD, on=case.served_on))
    citation = "；".join(r.citation for r in citations)
    return remedy.due + timedelta(days=1), window.due, citation


def apply_to_court(*, actor, case: Case, on: date, court: str) -> Case:
    """申请人民法院强制执行 (第七十二条; 行政强制法 第五十三、五十四条): unpaid after the 催告 period, and — where the
    party brought no 复议 or 诉讼 — within 3 months after the 复议/诉讼 periods lapsed (第五十三条, A16)."""
    court = text(court, "court", "受理法院")
    with CASE.step(actor, case, "申请人民法院强制执行", Event.CASE_COURT_APPLIED, roles=[Role.LEADER],
                   to=Status.COURT, on=on, on_label="申请日期", after="served_on") as s:  # fmt: skip
        case = s.obj
        demand = deadlines.latest(case, rules.COURT_AFTER_DEMAND)
        if demand is None:
            raise RuleViolation(f"申请人民法院强制执行前，应当催告当事人履行义务（{COERCION_LAW}第五十四条）。")
        if on <= demand.due_date:
            raise RuleViolation(
                f"催告书送达十日后当事人仍未履行的，方可申请人民法院强制执行；最早 {demand.due_date} 之后（{demand.rule_citation}）。"
            )
        if case.remedies.filter(ended_on__isnull=True).exists():
            raise RuleViolation(f"复议或诉讼尚未终结，暂不申请人民法院强制执行（{COERCION_LAW}第五十三条）。")
        if not case.remedies.exists():
            first, last, citation = court_application_window(case)
            if on < first:
                raise RuleViolation(
                    f"当事人申请行政复议、提起行政诉讼的期限尚未届满，{first} 起方可申请人民法院强制执行（{citation}）。"
                )
            if on > last:
                raise RuleViolation(
                    f"申请人民法院强制执行应当自复议、诉讼期限届满之日起三个月内提出，已于 {last} 届满（{citation}）。"
                )
        case.court_applied_on = on
        s.changed("court_applied_on")
        s.close(rules.COURT_AFTER_DEMAND, on)
        s.new(on=on, court=court)
    return case


__all__ = [
    "apply_to_court",
    "bank_collection",
    "check_collection",
    "hand_in_collection",
    "approve_deferral",
    "conclude_remedy",
    "court_application_window",
    "issue_demand",
    "record_payment",
    "record_remedy",
    "surcharge_on",
]
