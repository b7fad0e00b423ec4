from datetime import date

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.selectors import with_derived_state
from fazhi.disclosure import services
from fazhi.disclosure.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.disclosure.models import (
    ApplicantType,
    Channel,
    Correction,
    DeliveryMethod,
    DisclosureRequest,
    RequestStatus,
    ThirdPartyReply,
)
from fazhi.disclosure.tests import factories as f

pytestmark = pytest.mark.usefixtures("in_2019")


def answer_deadline(req):
    return Deadline.objects.get(subject_type="disclosure.disclosurerequest", subject_id=str(req.pk))


def events_for(req):
    return list(
        ChainEntry.objects.filter(subject_type="disclosure.disclosurerequest", subject_id=str(req.pk)).values_list(
            "event", flat=True
        )
    )


def test_in_person_request_is_received_the_same_day_and_due_20_working_days_later_across_national_day(world):
    req = f.request(world.clerk, world.town, channel=Channel.IN_PERSON, submitted_on=date(2019, 9, 20))
    assert req.status == RequestStatus.IN_PROGRESS
    assert req.received_on == date(2019, 9, 20)
    assert "第三十一条第（一）项" in req.receipt_basis
    deadline = answer_deadline(req)
    # 09-29 (Sunday) and 10-12 (Saturday) are makeup working days; 10-01..10-07 off.
    assert deadline.due_date == date(2019, 10, 23)
    assert any("10-12（星期六）为国庆节调休上班日，计入" in line for line in deadline.explanation)
    assert events_for(req) == ["disclosure.request_registered"]
    assert req.number == "辛口镇依申请〔2019〕1号"
    assert len(req.lookup_code) == 12


def test_online_request_waits_for_both_sides_to_confirm_before_the_clock_starts(world):
    req = services.register_request(
        actor=None, body=world.town, channel=Channel.ONLINE, submitted_on=date(2019, 9, 19), **f.application()
    )
    assert req.status == RequestStatus.AWAITING_RECEIPT
    assert req.received_on is None
    assert not Deadline.objects.filter(subject_id=str(req.pk)).exists()
    services.confirm_receipt(actor=world.clerk, request=req, on=date(2019, 9, 20))
    req.refresh_from_db()
    assert req.received_on == date(2019, 9, 20)
    assert "双方确认之日" in req.receipt_basis
    assert answer_deadline(req).due_date == date(2019, 10, 23)
    assert events_for(req) == ["disclosure.request_registered", "disclosure.receipt_confirmed"]


def test_registered_post_needs_the_signing_date(world):
    with pytest.raises(InvalidInput) as err:
        f.request(world.clerk, world.town, channel=Channel.REGISTERED_POST, submitted_on=date(2019, 9, 20))
    assert err.value.field == "received_on"
    assert "第三十一条第（二）项" in err.value.message
    req = f.request(
        world.clerk,
        world.town,
        channel=Channel.REGISTERED_POST,
        submitted_on=date(2019, 9, 20),
        received_on=date(2019, 9, 23),
    )
    assert req.received_on == date(2019, 9, 23)


def test_oral_request_must_be_written_down_by_the_office(world):
    with pytest.raises(InvalidInput) as err:
        f.request(world.clerk, world.town, channel=Channel.ORAL, oral_record="")
    assert err.value.field == "oral_record"
    req = f.request(world.clerk, world.town, channel=Channel.ORAL)
    assert req.received_on == req.submitted_on


@pytest.mark.parametrize(
    ("field", "value", "article"),
    [
        ("applicant_name", "", "第二十九条"),
        ("id_document_number", "", "第二十九条"),
        ("description", "", "第二十九条"),
        ("delivery_method", "", "第二十九条"),
    ],
)
def test_request_missing_a_required_field_is_refused_naming_the_field_and_article(world, field, value, article):
    with pytest.raises(InvalidInput) as err:
        f.request(world.clerk, world.town, **{field: value})
    assert err.value.field == field
    assert article in err.value.message
    assert DisclosureRequest.objects.count() == 0
    assert not ChainEntry.objects.filter(event="disclosure.request_registered").exists()


def test_request_without_any_contact_is_refused(world):
    with pytest.raises(InvalidInput) as err:
        f.request(world.clerk, world.town, phone="", address="", email="", delivery_method=DeliveryMethod.PICKUP)
    assert "联系方式" in err.value.message


def test_organisation_applicant_needs_a_contact_person(world):
    with pytest.raises(InvalidInput) as err:
        f.request(world.clerk, world.town, applicant_type=ApplicantType.BUSINESS, applicant_name="某公司")
    assert err.value.field == "contact_person"


def test_colleague_without_the_clerk_role_cannot_register(world):
    with pytest.raises(NotPermitted):
        f.request(world.colleague, world.town)
    with pytest.raises(NotPermitted):
        f.request(world.outsider, world.town)
    assert DisclosureRequest.objects.count() == 0


def test_correction_pauses_the_clock_and_receipt_restarts_it(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    correction = services.request_correction(
        actor=world.clerk, request=req, on=date(2019, 9, 24), items="请写明所需信息的时间范围"
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.AWAITING_CORRECTION
    assert correction.due_on > date(2019, 9, 24)
    deadline = answer_deadline(req)
    assert deadline.state == DeadlineState.PAUSED
    # A paused request is never shown as overdue, even long after its original due date.
    shown = with_derived_state(Deadline.objects.filter(pk=deadline.pk), today=date(2019, 12, 1)).get()
    assert shown.derived == "paused"

    services.receive_correction(actor=world.clerk, request=req, on=date(2019, 10, 8))
    req.refresh_from_db()
    deadline.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS
    assert req.clock_start == date(2019, 10, 8)
    assert deadline.state == DeadlineState.OPEN
    # 20 working days counted again from 2019-10-08 (10-12 Saturday is a makeup working day).
    assert deadline.due_date == date(2019, 11, 4)
    assert events_for(req)[-2:] == ["disclosure.correction_requested", "disclosure.correction_received"]


def test_second_correction_request_is_refused_and_changes_nothing(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.request_correction(actor=world.clerk, request=req, on=date(2019, 9, 23), items="补充文号")
    services.receive_correction(actor=world.clerk, request=req, on=date(2019, 9, 25))
    before = ChainEntry.objects.count()
    with pytest.raises(InvalidTransition) as err:
        services.request_correction(actor=world.clerk, request=req, on=date(2019, 9, 26), items="再次补正")
    assert "一次性" in err.value.message and "第三十条" in err.value.message
    assert ChainEntry.objects.count() == before
    assert Correction.objects.filter(request=req).count() == 1


def test_correction_later_than_7_working_days_after_receipt_is_refused(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    # 7 working days from 2019-09-20 end on 2019-09-30 (09-29 Sunday worked).
    with pytest.raises(InvalidTransition) as err:
        services.request_correction(actor=world.clerk, request=req, on=date(2019, 10, 8), items="补充")
    assert "7个工作日" in err.value.message and "2019-09-30" in err.value.message
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS


def test_no_correction_in_time_marks_the_request_abandoned_without_a_missed_deadline(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.request_correction(
        actor=world.clerk, request=req, on=date(2019, 9, 23), items="补充", due_on=date(2019, 10, 15)
    )
    with pytest.raises(InvalidTransition):
        services.mark_abandoned(actor=world.clerk, request=req, on=date(2019, 10, 15))
    services.mark_abandoned(actor=world.clerk, request=req, on=date(2019, 10, 16))
    req.refresh_from_db()
    assert req.status == RequestStatus.ABANDONED
    assert req.outcome == "other.no_correction"
    assert req.closed_on == date(2019, 10, 16)
    assert answer_deadline(req).state == DeadlineState.MET


def test_late_correction_needs_a_good_reason(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.request_correction(
        actor=world.clerk, request=req, on=date(2019, 9, 23), items="补充", due_on=date(2019, 10, 15)
    )
    with pytest.raises(InvalidInput) as err:
        services.receive_correction(actor=world.clerk, request=req, on=date(2019, 10, 18))
    assert err.value.field == "late_reason"
    services.receive_correction(actor=world.clerk, request=req, on=date(2019, 10, 18), late_reason="申请人住院")
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS


def test_third_party_consultation_stops_the_clock_for_its_duration(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    consultation = services.start_consultation(
        actor=world.clerk, request=req, on=date(2019, 9, 25), third_party="某村民委员会", matter="是否同意公开合同"
    )
    assert consultation.reply_due == date(2019, 10, 21)
    req.refresh_from_db()
    assert req.status == RequestStatus.CONSULTING
    assert answer_deadline(req).state == DeadlineState.PAUSED
    third_party_clock = Deadline.objects.get(subject_type="disclosure.consultation")
    assert third_party_clock.due_date == date(2019, 10, 21)

    with pytest.raises(InvalidTransition):
        services.answer_request(
            actor=world.clerk, request=req, on=date(2019, 10, 9), outcome="disclosed.provided", content="提供"
        )
    services.finish_consultation(
        actor=world.clerk, request=req, on=date(2019, 10, 10), reply=ThirdPartyReply.OBJECT, note="涉及商业秘密"
    )
    deadline = answer_deadline(req)
    assert deadline.state == DeadlineState.OPEN
    # Paused 09-25..10-10: the working days in between are not counted, so the due date moves past 10-23.
    assert deadline.due_date > date(2019, 10, 23)
    assert any("期限中止" in line for line in deadline.explanation)


def test_silence_can_only_be_recorded_after_the_third_partys_15_working_days(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.start_consultation(actor=world.clerk, request=req, on=date(2019, 9, 25), third_party="某公司", matter="x")
    with pytest.raises(InvalidTransition) as err:
        services.finish_consultation(
            actor=world.clerk, request=req, on=date(2019, 10, 21), reply=ThirdPartyReply.SILENT
        )
    assert "第三十二条" in err.value.message
    services.finish_consultation(actor=world.clerk, request=req, on=date(2019, 10, 22), reply=ThirdPartyReply.SILENT)


def test_extension_once_up_to_20_working_days_with_the_leaders_approval(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.extend_answer(
        actor=world.clerk,
        request=req,
        on=date(2019, 10, 21),
        days=20,
        reason="信息量大，需要调取档案",
        approver=world.leader,
        notified_on=date(2019, 10, 21),
    )
    deadline = answer_deadline(req)
    assert deadline.extension == 20
    assert deadline.due_date == date(2019, 11, 20)
    assert deadline.extension_approver == world.leader
    req.refresh_from_db()
    assert req.extension_notified_on == date(2019, 10, 21)

    before = ChainEntry.objects.count()
    with pytest.raises(InvalidTransition) as err:
        services.extend_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 10, 22),
            days=5,
            reason="再延",
            approver=world.leader,
            notified_on=date(2019, 10, 22),
        )
    assert "只能延长一次" in err.value.message and "第三十三条第二款" in err.value.message
    assert ChainEntry.objects.count() == before


def test_extension_beyond_20_working_days_is_refused(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    with pytest.raises(InvalidTransition) as err:
        services.extend_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 10, 21),
            days=21,
            reason="x",
            approver=world.leader,
            notified_on=date(2019, 10, 21),
        )
    assert "最长不得超过20个工作日" in err.value.message
    req.refresh_from_db()
    assert req.extension_days == 0
    assert answer_deadline(req).extension == 0


def test_extension_needs_a_leader_of_the_same_town(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    for approver in (world.colleague, world.outside_leader, None):
        with pytest.raises(NotPermitted):
            services.extend_answer(
                actor=world.clerk,
                request=req,
                on=date(2019, 10, 21),
                days=10,
                reason="x",
                approver=approver,
                notified_on=date(2019, 10, 21),
            )


def test_extension_after_the_due_date_is_refused(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    with pytest.raises(InvalidTransition) as err:
        services.extend_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 10, 24),
            days=10,
            reason="x",
            approver=world.leader,
            notified_on=date(2019, 10, 24),
        )
    assert "届满" in err.value.message


def test_answer_closes_the_request_and_meets_the_deadline(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    answer = services.answer_request(
        actor=world.clerk, request=req, on=date(2019, 10, 15), outcome="disclosed.provided", content="现提供该信息。"
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.ANSWERED
    assert req.outcome == "disclosed.provided"
    assert answer.letter_number == "辛口镇信公答〔2019〕1号"
    assert answer_deadline(req).state == DeadlineState.MET
    assert events_for(req)[-1] == "disclosure.answered"


def test_late_answer_is_recorded_as_a_missed_deadline(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.answer_request(
        actor=world.clerk,
        request=req,
        on=date(2019, 10, 24),
        outcome="unable.not_exist",
        content="经检索，信息不存在。",
    )
    assert answer_deadline(req).state == DeadlineState.MISSED


def test_withholding_needs_reasons(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    with pytest.raises(InvalidInput) as err:
        services.answer_request(
            actor=world.clerk, request=req, on=date(2019, 10, 8), outcome="withheld.process_info", content="不予公开"
        )
    assert err.value.field == "reasons" and "第三十六条第（三）项" in err.value.message


@pytest.mark.parametrize(
    ("outcome", "article"),
    [
        ("unable.unclear_after_correction", "第三十条"),
        ("withheld.third_party", "第三十二条"),
        ("other.no_correction", "第三十条"),
    ],
)
def test_answer_type_that_does_not_fit_the_request_is_refused(world, outcome, article):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    with pytest.raises(InvalidTransition) as err:
        services.answer_request(
            actor=world.clerk, request=req, on=date(2019, 10, 8), outcome=outcome, content="x", reasons="y"
        )
    assert article in err.value.message
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS and req.outcome == ""


def test_answer_while_waiting_for_correction_is_refused_with_the_article(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.request_correction(actor=world.clerk, request=req, on=date(2019, 9, 23), items="补充")
    with pytest.raises(InvalidTransition) as err:
        services.answer_request(
            actor=world.clerk, request=req, on=date(2019, 9, 24), outcome="disclosed.provided", content="x"
        )
    assert "第三十条" in err.value.message


def test_second_answer_is_refused(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.answer_request(
        actor=world.clerk, request=req, on=date(2019, 9, 20), outcome="disclosed.published", content="x"
    )
    with pytest.raises(InvalidTransition) as err:
        services.answer_request(
            actor=world.clerk, request=req, on=date(2019, 9, 21), outcome="disclosed.provided", content="x"
        )
    assert "第三十六条第（六）项" in err.value.message


def test_unclear_after_correction_fits_once_the_correction_arrived(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    services.request_correction(actor=world.clerk, request=req, on=date(2019, 9, 23), items="补充")
    services.receive_correction(actor=world.clerk, request=req, on=date(2019, 9, 25))
    services.answer_request(
        actor=world.clerk,
        request=req,
        on=date(2019, 10, 8),
        outcome="unable.unclear_after_correction",
        content="补正后仍不明确。",
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.ANSWERED


def test_dates_in_the_future_are_refused(world):
    with pytest.raises(InvalidInput) as err:
        f.request(world.clerk, world.town, submitted_on=date(2020, 1, 2))
    assert err.value.field == "submitted_on"
