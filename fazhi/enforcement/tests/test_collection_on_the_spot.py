"""当场收缴罚款: only on the grounds of 行政处罚法 第六十八条 and 第六十九条, with the unified receipt (第七十条), and the
money handed to the agency and paid into the bank within 2 days each (第七十一条; working days, 第八十五条)."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core import deadlines
from fazhi.core.models import DeadlineState
from fazhi.enforcement import rules, services
from fazhi.enforcement.errors import InvalidInput, RuleViolation
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at


def on_the_spot(w, *, fine, ground="", note="", on=date(2022, 3, 1), kind="person"):
    return services.decide_on_the_spot(
        actor=w.officer1, body=w.town, on=on, place="某路口", title="乱扔垃圾", facts="当场发现",
        basis="《某条例》第十条", party_kind=kind, party_name="周某" if kind == "person" else "某公司",
        officers=[w.officer1, w.officer2], penalty_kinds="罚款", fine_amount=Decimal(fine), collection_ground=ground,
        collection_note=note, receipt="津财票0001" if ground else "",
    )  # fmt: skip


def test_a_fine_of_a_hundred_yuan_or_less_may_be_collected_and_must_reach_the_agency_in_two_working_days(w):
    # 2022-03-04 (Fri) + 2 working days → 03-07 (Mon), 03-08 (Tue): due 2022-03-08.
    case = on_the_spot(w, fine="100", ground="small", on=date(2022, 3, 4))
    payment = case.payments.get()
    assert payment.collected_on_spot and case.status == "executed"
    hand_in = deadlines.latest(payment, rules.COLLECTION_HAND_IN)
    assert (hand_in.start_date, hand_in.due_date) == (date(2022, 3, 4), date(2022, 3, 8))


def test_above_a_hundred_yuan_the_small_fine_ground_is_refused(w):
    with pytest.raises(RuleViolation) as info:
        on_the_spot(w, fine="150", ground="small")
    assert "100" in info.value.message and "第六十八条" in info.value.message
    assert not Case.objects.filter(title="乱扔垃圾").exists()


def test_hard_to_enforce_later_allows_a_larger_summary_fine_with_the_reason_recorded(w):
    with pytest.raises(InvalidInput) as info:
        on_the_spot(w, fine="150", ground="hard_to_enforce")
    assert info.value.field == "collection_note" and "第六十八条第（二）项" in info.value.message
    case = on_the_spot(w, fine="150", ground="hard_to_enforce", note="当事人系外地流动摊贩，无固定住所")
    payment = case.payments.get()
    assert payment.collection_ground == "hard_to_enforce" and "流动摊贩" in payment.collection_note


def test_an_ordinary_procedure_fine_is_collected_on_the_spot_only_in_a_remote_area(w):
    case = case_at(w, "served")
    with pytest.raises(RuleViolation) as info:
        services.record_payment(actor=w.officer1, case=case, paid_on=date(2022, 3, 20), amount="600",
                                receipt="津财票0002", collection_ground="hard_to_enforce", collection_note="x")  # fmt: skip
    assert "第六十九条" in info.value.message
    services.record_payment(actor=w.officer1, case=case, paid_on=date(2022, 3, 20), amount="600", receipt="津财票0002",
                            collection_ground="remote", collection_note="当事人在远郊农田作业，往返银行确有困难，当场提出")  # fmt: skip
    payment = Case.objects.get(pk=case.pk).payments.get()
    assert deadlines.latest(payment, rules.COLLECTION_HAND_IN).state == DeadlineState.OPEN


def test_handing_in_and_banking_close_their_deadlines_and_a_late_hand_in_is_missed(w):
    case = on_the_spot(w, fine="50", ground="small", on=date(2022, 3, 4))
    payment = case.payments.get()
    # Due 2022-03-08; handed in 2022-03-09 → late. Banking: 2 working days from 03-09 → 03-11; banked 03-10 → met.
    services.hand_in_collection(actor=w.officer1, payment=payment, on=date(2022, 3, 9))
    services.bank_collection(actor=w.officer1, payment=payment, on=date(2022, 3, 10))
    hand_in = deadlines.latest(payment, rules.COLLECTION_HAND_IN)
    banking = deadlines.latest(payment, rules.COLLECTION_BANKING)
    assert (hand_in.state, hand_in.closed_on) == (DeadlineState.MISSED, date(2022, 3, 9))
    assert (banking.due_date, banking.state) == (date(2022, 3, 11), DeadlineState.MET)


def test_banking_before_handing_in_is_refused(w):
    case = on_the_spot(w, fine="50", ground="small")
    with pytest.raises(Exception) as info:
        services.bank_collection(actor=w.officer1, payment=case.payments.get(), on=date(2022, 3, 2))
    assert "第七十一条" in str(info.value)
