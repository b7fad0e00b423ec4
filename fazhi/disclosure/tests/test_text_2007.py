"""Requests received from 2019-01-01 to 2019-05-14 are handled under the 2007 条例 (国务院令第492号): 当场答复 or
15 working days, one extension of at most 15 with the office head's approval (2007 第二十四条; UNVERIFIED settings).
The text is chosen by the receipt date; steps that only the 2019 text has are refused with the reason; a request
received before 2019 is not entered at all.

Calendar (国办发明电〔2018〕15号 and the March 2019 amendment of 劳动节): 02-02 (Saturday) and 02-03 (Sunday) worked,
02-04..02-10 off (春节); 04-28 (Sunday) worked, 05-01..05-04 off, 05-05 (Sunday) worked."""

from datetime import date

import pytest

from fazhi.core.models import Deadline
from fazhi.core.services import change_setting
from fazhi.disclosure import letters, rules, services
from fazhi.disclosure.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.disclosure.models import Channel, Consultation, LetterDelivery, ThirdPartyReply
from fazhi.disclosure.steps import REQUEST_STEPS
from fazhi.disclosure.tests import factories as f
from fazhi.disclosure.tests.support import snapshot, step_data

pytestmark = pytest.mark.usefixtures("in_2019")


def answer_clock(req):
    return Deadline.objects.get(
        subject_type="disclosure.disclosurerequest", subject_id=str(req.pk), rule_key=rules.ANSWER
    )


def test_a_request_received_in_january_2019_is_answered_within_the_2007_texts_15_working_days(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 1, 28))
    assert rules.under_2007_text(req)
    clock = answer_clock(req)
    # From Monday 01-28 (not counted): 01-29..02-01 (4), Saturday 02-02 and Sunday 02-03 worked (6), 02-04..02-10
    # 春节 off, 02-11..02-15 (11), 02-18..02-21 (15). The 2019 text's 20 days would end on 02-28.
    assert clock.due_date == date(2019, 2, 21)
    assert clock.period == "15wd" and "（2007年）第二十四条" in clock.rule_citation
    assert any("未核实" in line for line in clock.explanation)


def test_the_text_is_chosen_by_the_receipt_date(world):
    last_old = f.request(world.clerk, world.town, submitted_on=date(2019, 5, 14))
    first_new = f.request(world.clerk, world.town, submitted_on=date(2019, 5, 15))
    assert answer_clock(last_old).period == "15wd" and answer_clock(first_new).period == "20wd"
    # Posted on 05-13, signed for on 05-15: received under the 2019 text.
    posted = f.request(
        world.clerk,
        world.town,
        channel=Channel.REGISTERED_POST,
        submitted_on=date(2019, 5, 13),
        received_on=date(2019, 5, 15),
    )
    assert not rules.under_2007_text(posted) and answer_clock(posted).period == "20wd"


def test_a_request_received_in_2018_is_refused_with_the_reason_and_changes_nothing(world):
    before = snapshot()
    with pytest.raises(InvalidInput) as err:
        f.request(world.clerk, world.town, submitted_on=date(2018, 12, 28))
    assert "2018-12-28 收到的申请不在本平台的登记范围" in err.value.message
    assert "2019-01-01" in err.value.message and "未录入" in err.value.message
    assert err.value.field == "submitted_on"
    assert snapshot() == before


def test_an_extension_under_the_2007_text_is_at_most_15_working_days(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 4, 22))
    # From Monday 04-22: 04-23..04-26 (4), Sunday 04-28 worked (5), 04-29, 04-30 (7), 05-01..05-04 off,
    # Sunday 05-05 worked (8), 05-06..05-10 (13), 05-13, 05-14 (15).
    assert answer_clock(req).due_date == date(2019, 5, 14)
    extension = {
        "on": date(2019, 5, 10),
        "reason": "需调阅档案",
        "approver": world.leader,
        "notified_on": date(2019, 5, 10),
    }
    for days in (16, 20):
        before = snapshot()
        with pytest.raises(InvalidTransition) as err:
            services.extend_answer(actor=world.clerk, request=req, days=days, **extension)
        assert "最长不得超过15个工作日" in err.value.message and "（2007年）第二十四条第二款" in err.value.message
        assert snapshot() == before
    services.extend_answer(actor=world.clerk, request=req, days=15, **extension)
    clock = answer_clock(req)
    # 15 more after 05-14: 05-15..05-17 (3), 05-20..05-24 (8), 05-27..05-31 (13), 06-03, 06-04 (15).
    assert clock.extension == 15 and clock.due_date == date(2019, 6, 4)


def test_the_2007_numbers_are_settings(world):
    change_setting(actor=None, key="disclosure.answer_days_2007", value=10, body=world.town)
    change_setting(actor=None, key="disclosure.extension_max_2007", value=5, body=world.town)
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 1, 28))
    # 10 working days from 01-28: ..02-03 (6), 02-11..02-14 (10).
    assert answer_clock(req).due_date == date(2019, 2, 14)
    with pytest.raises(InvalidTransition) as err:
        services.extend_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 2, 1),
            days=6,
            reason="x",
            approver=world.leader,
            notified_on=date(2019, 2, 1),
        )
    assert "最长不得超过5个工作日" in err.value.message


def test_a_2007_extension_without_the_heads_approval_cites_the_2007_article(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 1, 28))
    with pytest.raises(NotPermitted) as err:
        services.extend_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 2, 1),
            days=5,
            reason="x",
            approver=world.colleague,
            notified_on=date(2019, 2, 1),
        )
    assert "（2007年）第二十四条第二款" in err.value.message


STEPS_ONLY_IN_2019 = [
    ("correction", {"on": date(2019, 1, 30), "items": "请写明年份"}, "第三十条"),
    ("consult_agency", {"on": date(2019, 1, 30), "agency": "区民政局", "matter": "x"}, "第三十四条"),
    ("ask_reasons", {"on": date(2019, 1, 30), "grounds": "一个月内申请40件"}, "第三十五条"),
]


@pytest.mark.parametrize(("name", "values", "article"), STEPS_ONLY_IN_2019, ids=[s[0] for s in STEPS_ONLY_IN_2019])
def test_a_step_only_the_2019_text_has_is_refused_for_a_2007_request_and_changes_nothing(world, name, values, article):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 1, 28))
    availability = REQUEST_STEPS.get(name).availability(req, world.clerk)
    assert availability.state == "blocked" and article in availability.reason
    before = snapshot()
    result = REQUEST_STEPS.perform(name, actor=world.clerk, obj=req, data=step_data(**values))
    assert not result.ok
    assert "适用《中华人民共和国政府信息公开条例》（2007年）" in result.error and article in result.error
    assert snapshot() == before


def test_outcomes_only_the_2019_text_has_are_refused_for_a_2007_request(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 1, 28))
    before = snapshot()
    with pytest.raises(InvalidTransition) as err:
        services.answer_request(
            actor=world.clerk,
            request=req,
            on=date(2019, 2, 12),
            outcome="unable.unclear_after_correction",
            content="x",
        )
    assert "第三十条" in err.value.message and "2007年" in err.value.message
    assert snapshot() == before


def test_a_third_party_consulted_under_the_2007_text_pauses_the_clock_without_a_reply_window(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 1, 28))
    consultation = services.start_consultation(
        actor=world.clerk,
        request=req,
        on=date(2019, 1, 29),
        third_party="某公司",
        matter="x",
        delivery=LetterDelivery.REGISTERED_POST,
        received_on=date(2019, 1, 31),
    )
    assert consultation.reply_due is None
    assert not Deadline.objects.filter(subject_type="disclosure.consultation").exists()
    services.finish_consultation(actor=world.clerk, request=req, on=date(2019, 2, 12), reply=ThirdPartyReply.OBJECT)
    clock = answer_clock(req)
    # Paused 01-29..02-12: after 02-12, 02-13..02-15 (3), 02-18..02-22 (8), 02-25..03-01 (13), 03-04, 03-05 (15).
    assert clock.due_date == date(2019, 3, 5)
    assert Consultation.objects.get(pk=consultation.pk).replied_on == date(2019, 2, 12)


def test_the_reply_letter_of_a_2007_request_cites_the_2007_text(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 1, 28))
    answer = services.answer_request(
        actor=world.clerk, request=req, on=date(2019, 2, 12), outcome="disclosed.provided", content="现予提供。"
    )
    parts = letters.reply_letter_text(answer)
    assert parts["basis"] == "本答复依据《中华人民共和国政府信息公开条例》（2007年）第二十一条第（一）项作出。"
    assert any("依照《中华人民共和国政府信息公开条例》（2007年）办理" in line for line in parts["story"])
    assert answer_clock(req).state == "met"
