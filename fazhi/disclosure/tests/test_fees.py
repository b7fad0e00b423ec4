from datetime import date
from decimal import Decimal

import pytest
import time_machine

from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.services import change_setting
from fazhi.disclosure import services
from fazhi.disclosure.errors import FeesDisabled, InvalidTransition
from fazhi.disclosure.fees import compute_fee
from fazhi.disclosure.models import RequestStatus
from fazhi.disclosure.tests import factories as f


@pytest.fixture
def in_2021():
    with time_machine.travel("2021-12-31 10:00 +0800", tick=False):
        yield


@pytest.mark.parametrize(
    ("ordinal", "amount"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)],
)
def test_per_request_fee_rises_by_band(db, ordinal, amount):
    assert compute_fee(method="per_request", quantity=ordinal).amount == Decimal(amount)


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(30, 0), (31, 10), (100, 700), (150, 700 + 50 * 20), (201, 700 + 2000 + 40), (250, 700 + 2000 + 50 * 40)],
)
def test_per_page_fee_is_progressive(db, pages, amount):
    fee = compute_fee(method="per_page", quantity=pages)
    assert fee.amount == Decimal(amount)
    assert "国办函〔2020〕109号" in fee.explanation[-1]


def test_fees_are_off_by_default(world, in_2021):
    req = f.request(world.clerk, world.town, submitted_on=date(2021, 9, 20))
    with pytest.raises(FeesDisabled) as err:
        services.issue_fee_notice(actor=world.clerk, request=req, on=date(2021, 9, 23), method="per_page", quantity=150)
    assert "第四十二条" in err.value.message


def test_no_fee_before_the_fee_measures_took_effect(world, in_2021):
    change_setting(actor=None, key="disclosure.fees_enabled", value=True, body=world.town)
    req = f.request(world.clerk, world.town, submitted_on=date(2020, 9, 21))
    with pytest.raises(InvalidTransition) as err:
        services.issue_fee_notice(actor=world.clerk, request=req, on=date(2020, 9, 23), method="per_page", quantity=150)
    assert "109号" in err.value.message


def test_unpaid_fee_closes_the_request_as_other_handling(world, in_2021):
    change_setting(actor=None, key="disclosure.fees_enabled", value=True, body=world.town)
    req = f.request(world.clerk, world.town, submitted_on=date(2021, 9, 22))
    notice = services.issue_fee_notice(
        actor=world.clerk, request=req, on=date(2021, 9, 23), method="per_page", quantity=150
    )
    assert notice.amount == Decimal(1700)
    req.refresh_from_db()
    assert req.status == RequestStatus.AWAITING_FEE
    deadline = Deadline.objects.get(subject_id=str(req.pk), rule_key="disclosure.answer")
    assert deadline.state == DeadlineState.PAUSED
    with pytest.raises(InvalidTransition):
        services.close_unpaid(actor=world.clerk, request=req, on=notice.due_on)
    services.close_unpaid(actor=world.clerk, request=req, on=date(2021, 12, 1))
    req.refresh_from_db()
    assert req.status == RequestStatus.FEE_LAPSED and req.outcome == "other.fee_unpaid"
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.MET


def test_paid_fee_resumes_the_clock(world, in_2021):
    change_setting(actor=None, key="disclosure.fees_enabled", value=True, body=world.town)
    req = f.request(world.clerk, world.town, submitted_on=date(2021, 9, 22))
    services.issue_fee_notice(actor=world.clerk, request=req, on=date(2021, 9, 23), method="per_request", quantity=12)
    services.record_fee_payment(actor=world.clerk, request=req, on=date(2021, 9, 26))
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS
    deadline = Deadline.objects.get(subject_id=str(req.pk), rule_key="disclosure.answer")
    assert deadline.state == DeadlineState.OPEN and deadline.due_date > date(2021, 10, 27)
