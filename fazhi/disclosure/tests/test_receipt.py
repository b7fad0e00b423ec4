"""第三十一条第（二）项: an ordinary letter is confirmed with the applicant on the day it arrives, and that day is the
receipt day. A confirmation recorded later is kept as it happened, but never moves the receipt day — or the answer
period — later than the arrival (ADR 0012).

Calendar: 2019-09-29 (Sunday) and 10-12 (Saturday) worked; 10-01..10-07 off (国办发明电〔2018〕15号)."""

from datetime import date

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.models import Deadline
from fazhi.disclosure import services
from fazhi.disclosure.errors import InvalidInput
from fazhi.disclosure.models import Channel, RequestStatus
from fazhi.disclosure.tests import factories as f
from fazhi.disclosure.tests.support import snapshot

pytestmark = pytest.mark.usefixtures("in_2019")

# From Friday 2019-09-20 (not counted): 09-23..09-27 (5), Sunday 09-29 (6), 09-30 (7), 10-08..10-11 (11),
# Saturday 10-12 (12), 10-14..10-18 (17), 10-21..10-23 (20).
DUE_FROM_ARRIVAL = date(2019, 10, 23)


def letter(world, **kwargs):
    return f.request(world.clerk, world.town, channel=Channel.ORDINARY_POST, submitted_on=date(2019, 9, 20), **kwargs)


def answer_clock(req):
    return Deadline.objects.get(subject_type="disclosure.disclosurerequest", subject_id=str(req.pk))


def test_an_ordinary_letter_confirmed_the_day_it_arrives_is_received_that_day(world):
    req = letter(world, received_on=date(2019, 9, 20))
    assert (req.received_on, req.confirmed_on) == (date(2019, 9, 20), date(2019, 9, 20))
    assert answer_clock(req).due_date == DUE_FROM_ARRIVAL
    assert "late_confirmation" not in ChainEntry.objects.get(event="disclosure.request_registered").payload


def test_a_late_confirmation_is_recorded_but_the_letter_counts_as_received_on_arrival(world):
    req = letter(world)
    assert req.status == RequestStatus.AWAITING_RECEIPT
    services.confirm_receipt(actor=world.clerk, request=req, on=date(2019, 9, 24))
    req.refresh_from_db()
    assert req.confirmed_on == date(2019, 9, 24)
    assert req.received_on == req.clock_start == date(2019, 9, 20)
    assert "2019-09-24 才与申请人确认" in req.receipt_basis and "第三十一条第（二）项" in req.receipt_basis
    # Counted from the confirmation day it would have ended on 2019-10-25; from the arrival it ends on 10-23.
    assert answer_clock(req).due_date == DUE_FROM_ARRIVAL
    entry = ChainEntry.objects.get(event="disclosure.receipt_confirmed")
    assert entry.payload["late_confirmation"] == {"arrived_on": "2019-09-20", "confirmed_on": "2019-09-24"}
    assert entry.payload["new"]["received_on"] == "2019-09-20" and entry.payload["new"]["confirmed_on"] == "2019-09-24"


def test_a_late_confirmation_entered_at_registration_does_not_move_the_receipt_day_either(world):
    req = letter(world, received_on=date(2019, 9, 25))
    assert (req.received_on, req.confirmed_on) == (date(2019, 9, 20), date(2019, 9, 25))
    assert answer_clock(req).due_date == DUE_FROM_ARRIVAL
    entry = ChainEntry.objects.get(event="disclosure.request_registered")
    assert entry.payload["late_confirmation"]["arrived_on"] == "2019-09-20"


def test_an_online_request_is_received_the_day_both_sides_confirm(world):
    req = services.register_request(
        actor=None, body=world.town, channel=Channel.ONLINE, submitted_on=date(2019, 9, 19), **f.application()
    )
    services.confirm_receipt(actor=world.clerk, request=req, on=date(2019, 9, 20))
    req.refresh_from_db()
    assert req.received_on == req.confirmed_on == date(2019, 9, 20)
    assert answer_clock(req).due_date == DUE_FROM_ARRIVAL


def test_a_confirmation_before_the_letter_arrived_is_refused_and_changes_nothing(world):
    req = letter(world)
    before = snapshot()
    with pytest.raises(InvalidInput) as err:
        services.confirm_receipt(actor=world.clerk, request=req, on=date(2019, 9, 19))
    assert "早于" in err.value.message
    assert snapshot() == before
    with pytest.raises(InvalidInput):
        letter(world, received_on=date(2019, 9, 19))
    assert snapshot() == before
