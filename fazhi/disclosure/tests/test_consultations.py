"""Consultation (第三十二条 a third party, 第三十四条 the agencies that made the information with this one): 15 working
days from *receiving* the letter, the receipt date fixed by how the letter went (the channel rules of 第三十一条), and
the answer clock stopped from the sending to the reply or the end of those days (第三十三条第三款).

Calendar used below (国办发明电〔2018〕15号): 2019-09-13 (中秋) off; 2019-09-29 (Sunday) worked; 10-01..10-07 off;
10-12 (Saturday) worked."""

from datetime import date

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.selectors import with_derived_state
from fazhi.disclosure import rules, services
from fazhi.disclosure.errors import InvalidInput, InvalidTransition
from fazhi.disclosure.models import Consultation, ConsultationKind, LetterDelivery, RequestStatus, ThirdPartyReply
from fazhi.disclosure.tests import factories as f
from fazhi.disclosure.tests.support import snapshot

pytestmark = pytest.mark.usefixtures("in_2019")


def answer_clock(req):
    return Deadline.objects.get(
        subject_type="disclosure.disclosurerequest", subject_id=str(req.pk), rule_key=rules.ANSWER
    )


def window_of(consultation):
    return Deadline.objects.get(subject_type="disclosure.consultation", subject_id=str(consultation.pk))


def posted_consultation(world):
    """Received in person on Monday 2019-09-02; the letter to the third party posted (signed for) on 09-03."""
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 2))
    consultation = services.start_consultation(
        actor=world.clerk,
        request=req,
        on=date(2019, 9, 3),
        third_party="某建筑公司",
        matter="是否同意公开投标文件",
        delivery=LetterDelivery.REGISTERED_POST,
    )
    return req, consultation


def test_a_posted_letter_opens_no_window_until_the_third_party_signs_for_it(world):
    req, consultation = posted_consultation(world)
    assert consultation.received_on is None and consultation.reply_due is None
    assert not Deadline.objects.filter(subject_type="disclosure.consultation").exists()
    req.refresh_from_db()
    assert req.status == RequestStatus.CONSULTING
    assert answer_clock(req).state == DeadlineState.PAUSED  # paused from the sending day


def test_the_third_partys_15_working_days_run_from_the_day_it_signed_for_the_letter(world):
    req, consultation = posted_consultation(world)
    services.record_consultation_receipt(actor=world.clerk, request=req, on=date(2019, 9, 6))
    consultation.refresh_from_db()
    # From Friday 09-06 (not counted): 09-09..09-12 (4), 09-13 中秋 off, 09-16..09-20 (9), 09-23..09-27 (14),
    # Sunday 09-29 a makeup working day (15). Counted from the sending day it would have ended on 09-25.
    assert consultation.received_on == date(2019, 9, 6)
    assert consultation.reply_due == date(2019, 9, 29)
    assert "签收之日" in consultation.receipt_basis
    window = window_of(consultation)
    assert (window.start_date, window.due_date, window.is_window) == (date(2019, 9, 6), date(2019, 9, 29), True)
    entry = ChainEntry.objects.filter(event="disclosure.consultation_received").get()
    assert entry.payload["new"]["received_on"] == "2019-09-06" and entry.payload["new"]["reply_due"] == "2019-09-29"


def test_silence_before_the_15th_working_day_after_receipt_is_refused_and_changes_nothing(world):
    req, _consultation = posted_consultation(world)
    services.record_consultation_receipt(actor=world.clerk, request=req, on=date(2019, 9, 6))
    # 2019-09-26 is past 15 working days from the sending (09-25) but only the 13th after receipt.
    for day in (date(2019, 9, 26), date(2019, 9, 29)):
        before = snapshot()
        with pytest.raises(InvalidTransition) as err:
            services.finish_consultation(actor=world.clerk, request=req, on=day, reply=ThirdPartyReply.SILENT)
        assert "第三十二条" in err.value.message and "2019-09-29" in err.value.message
        assert snapshot() == before
    services.finish_consultation(actor=world.clerk, request=req, on=date(2019, 9, 30), reply=ThirdPartyReply.SILENT)


def test_silence_recorded_late_stops_the_pause_at_the_end_of_the_window(world):
    req, consultation = posted_consultation(world)
    services.record_consultation_receipt(actor=world.clerk, request=req, on=date(2019, 9, 6))
    services.finish_consultation(actor=world.clerk, request=req, on=date(2019, 10, 10), reply=ThirdPartyReply.SILENT)
    consultation.refresh_from_db()
    assert consultation.replied_on == date(2019, 9, 29)
    clock = answer_clock(req)
    assert clock.pauses[-1]["start"] == "2019-09-03" and clock.pauses[-1]["end"] == "2019-09-29"
    # Received 09-02; paused 09-03..09-29 (both ends not counted). Counting resumes after 09-29: 09-30 (1),
    # 10-01..10-07 off, 10-08..10-11 (5), Saturday 10-12 worked (6), 10-14..10-18 (11), 10-21..10-25 (16),
    # 10-28..10-31 (20). Had the pause run to the day silence was recorded (10-10) it would be later.
    assert clock.due_date == date(2019, 10, 31)
    assert window_of(consultation).closed_on == date(2019, 9, 29)
    entry = ChainEntry.objects.filter(event="disclosure.consultation_finished").get()
    assert entry.payload["pause_ended_on"] == "2019-09-29"


def test_a_reply_ends_the_pause_on_the_day_it_came(world):
    req, _consultation = posted_consultation(world)
    services.record_consultation_receipt(actor=world.clerk, request=req, on=date(2019, 9, 6))
    services.finish_consultation(actor=world.clerk, request=req, on=date(2019, 9, 20), reply=ThirdPartyReply.OBJECT)
    assert answer_clock(req).pauses[-1]["end"] == "2019-09-20"


def test_a_letter_handed_over_is_received_the_same_day(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 2))
    consultation = services.start_consultation(
        actor=world.clerk, request=req, on=date(2019, 9, 3), third_party="甲", matter="x"
    )
    assert consultation.received_on == date(2019, 9, 3)
    assert consultation.delivery == LetterDelivery.IN_PERSON
    with pytest.raises(InvalidInput) as err:
        services.start_consultation(
            actor=world.clerk,
            request=req,
            on=date(2019, 9, 3),
            third_party="乙",
            matter="x",
            received_on=date(2019, 9, 4),
        )
    assert err.value.field == "received_on"


def test_a_receipt_date_before_the_sending_date_is_refused_and_changes_nothing(world):
    req, _consultation = posted_consultation(world)
    before = snapshot()
    with pytest.raises(InvalidInput) as err:
        services.record_consultation_receipt(actor=world.clerk, request=req, on=date(2019, 9, 2))
    assert "早于发出日期 2019-09-03" in err.value.message
    assert snapshot() == before
    other = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 2))
    before = snapshot()
    with pytest.raises(InvalidInput) as err:
        services.start_consultation(
            actor=world.clerk,
            request=other,
            on=date(2019, 9, 3),
            third_party="甲",
            matter="x",
            delivery=LetterDelivery.ORDINARY_POST,
            received_on=date(2019, 9, 2),
        )
    assert err.value.field == "received_on"
    assert snapshot() == before


def test_an_answer_while_the_letter_is_unanswered_is_refused(world):
    req, _consultation = posted_consultation(world)
    with pytest.raises(InvalidTransition) as err:
        services.answer_request(
            actor=world.clerk, request=req, on=date(2019, 9, 10), outcome="disclosed.provided", content="x"
        )
    assert "第三十二条" in err.value.message


# --- 第三十四条: the agencies that made the information with this one -------------------------------------------------


def agency_consultation(world):
    """Received in person on Friday 2019-11-01; the letter to the co-producing agency sent by ordinary post on
    Monday 11-04, its receipt confirmed with that agency on Wednesday 11-06."""
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 11, 1))
    consultation = services.start_agency_consultation(
        actor=world.clerk,
        request=req,
        on=date(2019, 11, 4),
        agency="西青区农业农村委员会",
        matter="联合印发的补贴名单是否同意公开",
        delivery=LetterDelivery.ORDINARY_POST,
        received_on=date(2019, 11, 6),
    )
    return req, consultation


def test_an_agency_consulted_has_15_working_days_from_receipt_as_a_window_of_its_own(world):
    req, consultation = agency_consultation(world)
    # From Wednesday 11-06 (not counted): 11-07, 11-08 (2), 11-11..11-15 (7), 11-18..11-22 (12), 11-25..11-27 (15).
    assert consultation.kind == ConsultationKind.AGENCY
    assert consultation.reply_due == date(2019, 11, 27)
    window = window_of(consultation)
    assert window.rule_key == rules.AGENCY_REPLY and window.is_window
    assert "第三十四条" in window.rule_citation
    # Once run out, the window is 期间已届满 on the lists — never overdue for the clerk; the answer clock is paused.
    rows = with_derived_state(
        Deadline.objects.filter(pk__in=[window.pk, answer_clock(req).pk]), today=date(2019, 12, 2)
    )
    assert {d.rule_key: d.derived for d in rows} == {rules.AGENCY_REPLY: "lapsed", rules.ANSWER: "paused"}
    entry = ChainEntry.objects.filter(event="disclosure.agency_consultation_started").get()
    assert entry.payload["new"]["status"] == "consulting" and entry.payload["reply_due"] == "2019-11-27"


def test_an_agencys_silence_counts_as_consent_only_after_its_15_working_days(world):
    req, consultation = agency_consultation(world)
    before = snapshot()
    with pytest.raises(InvalidTransition) as err:
        services.finish_agency_consultation(
            actor=world.clerk, request=req, on=date(2019, 11, 27), reply=ThirdPartyReply.SILENT
        )
    assert (
        "第三十四条" in err.value.message and "视为同意公开" in err.value.message and "2019-11-27" in err.value.message
    )
    assert snapshot() == before
    services.finish_agency_consultation(
        actor=world.clerk, request=req, on=date(2019, 11, 28), reply=ThirdPartyReply.SILENT
    )
    entry = ChainEntry.objects.filter(event="disclosure.agency_consultation_finished").get()
    assert entry.payload["deemed_consent"] is True and entry.payload["reply"] == "silent"
    clock = answer_clock(req)
    # Received 11-01; paused 11-04..11-27. Before the pause only a weekend; after it: 11-28, 11-29 (2),
    # 12-02..12-06 (7), 12-09..12-13 (12), 12-16..12-20 (17), 12-23..12-25 (20).
    assert clock.state == DeadlineState.OPEN and clock.due_date == date(2019, 12, 25)
    assert window_of(consultation).state == DeadlineState.MET
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS


def test_the_third_party_step_cannot_finish_an_agency_consultation(world):
    req, _consultation = agency_consultation(world)
    before = snapshot()
    with pytest.raises(InvalidTransition) as err:
        services.finish_consultation(actor=world.clerk, request=req, on=date(2019, 11, 20), reply="consent")
    assert "第三方" in err.value.message
    assert snapshot() == before


def test_withholding_to_protect_a_third_party_needs_a_third_party_consultation_not_an_agencys(world):
    req, _consultation = agency_consultation(world)
    services.finish_agency_consultation(
        actor=world.clerk, request=req, on=date(2019, 11, 20), reply=ThirdPartyReply.OBJECT
    )
    with pytest.raises(InvalidTransition) as err:
        services.answer_request(
            actor=world.clerk,
            request=req,
            on=date(2019, 11, 21),
            outcome="withheld.third_party",
            content="不予公开",
            reasons="涉及商业秘密",
        )
    assert "第三十二条" in err.value.message
    assert Consultation.objects.filter(request=req).count() == 1
