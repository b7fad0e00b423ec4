"""第三十五条: a request clearly beyond a reasonable volume or frequency. The office asks for the reasons; reasons
found unreasonable → 不予处理 (report table 三 （五）4); reasons found reasonable but no answer possible within the
periods of 第三十三条 → a later answer date, fixed and told to the applicant, becomes the answer deadline.

Example request: received in person on Friday 2019-11-01; 20 working days (no holiday in between): 11-04..11-08 (5),
11-11..11-15 (10), 11-18..11-22 (15), 11-25..11-29 (20) → due 2019-11-29."""

from datetime import date

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core import deadlines
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.selectors import with_derived_state
from fazhi.disclosure import letters, reports, rules, selectors, services
from fazhi.disclosure.errors import InvalidInput, InvalidTransition
from fazhi.disclosure.models import ReasonsInquiry
from fazhi.disclosure.steps import REQUEST_STEPS
from fazhi.disclosure.tests import factories as f
from fazhi.disclosure.tests.support import snapshot

pytestmark = pytest.mark.usefixtures("in_2019")

STATUTORY_DUE = date(2019, 11, 29)


def asked(world):
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 11, 1))
    services.ask_reasons(
        actor=world.clerk,
        request=req,
        on=date(2019, 11, 4),
        grounds="一个月内提出40件申请，要求公开近二十年的全部会议纪要",
    )
    return req


def found(world, *, reasonable: bool):
    req = asked(world)
    extra = {"reasons_on": date(2019, 11, 8), "reasons": "撰写村史需要"} if reasonable else {}
    services.assess_reasons(
        actor=world.clerk,
        request=req,
        on=date(2019, 11, 11),
        finding="reasonable" if reasonable else "unreasonable",
        assessment="经审查",
        **extra,
    )
    return req


def rows(req):
    return {d.rule_key: d for d in deadlines.of_subject(req)}


def test_asking_for_reasons_is_on_the_chain_and_leaves_the_answer_clock_running(world):
    req = asked(world)
    entry = ChainEntry.objects.get(event="disclosure.reasons_requested")
    assert entry.payload["new"] == {"asked_on": "2019-11-04"} and "会议纪要" in entry.payload["grounds"]
    clock = rows(req)[rules.ANSWER]
    assert clock.state == DeadlineState.OPEN and clock.due_date == STATUTORY_DUE


def test_unreasonable_reasons_end_in_not_processed_counted_in_its_report_row(world):
    req = found(world, reasonable=False)
    entry = ChainEntry.objects.get(event="disclosure.reasons_assessed")
    assert entry.payload["new"]["reasonable"] is False and "不予处理" in entry.payload["warnings"][0]
    before = snapshot()
    with pytest.raises(InvalidTransition) as err:  # the finding leaves one answer
        services.answer_request(
            actor=world.clerk, request=req, on=date(2019, 11, 12), outcome="disclosed.provided", content="x"
        )
    assert "第三十五条" in err.value.message and "不予处理" in err.value.message
    assert snapshot() == before
    answer = services.answer_request(
        actor=world.clerk,
        request=req,
        on=date(2019, 11, 12),
        outcome="not_processed.excessive",
        content="本机关不予处理。",
        reasons="所述理由不合理",
    )
    assert rows(req)[rules.ANSWER].state == DeadlineState.MET
    assert any("第三十五条" in line for line in letters.reply_letter_text(answer)["story"])
    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    table = {r["key"]: r["values"] for r in reports.build_report(report).tables["applications"]["rows"]}
    assert table["not_processed.excessive"][-1] == 1 and table["not_processed"][-1] == 1
    assert table["handled"][-1] == 1


def test_not_processed_for_excess_without_the_finding_of_article_35_is_refused_and_changes_nothing(world):
    for req in (f.request(world.clerk, world.town, submitted_on=date(2019, 11, 1)), asked(world)):
        before = snapshot()
        with pytest.raises(InvalidTransition) as err:
            services.answer_request(
                actor=world.clerk,
                request=req,
                on=date(2019, 11, 12),
                outcome="not_processed.excessive",
                content="x",
                reasons="y",
            )
        assert "第三十五条" in err.value.message and "理由不合理" in err.value.message
        assert snapshot() == before


def test_reasons_the_applicant_never_gave_cannot_be_found_reasonable(world):
    req = asked(world)
    before = snapshot()
    with pytest.raises(InvalidInput) as err:
        services.assess_reasons(
            actor=world.clerk, request=req, on=date(2019, 11, 11), finding="reasonable", assessment="x"
        )
    assert err.value.field == "reasons_on" and "未说明理由" in err.value.message
    assert snapshot() == before


def test_a_later_answer_date_becomes_the_answer_deadline_with_its_explanation(world):
    req = found(world, reasonable=True)
    services.delay_answer(
        actor=world.clerk,
        request=req,
        on=date(2019, 11, 15),
        delayed_to=date(2019, 12, 20),
        reason="需调阅二十年档案逐件审查",
        notified_on=date(2019, 11, 15),
    )
    by_rule = rows(req)
    # The 第三十三条 period ends met (the office acted within it); the later date is now the deadline.
    assert (by_rule[rules.ANSWER].state, by_rule[rules.ANSWER].closed_on) == (DeadlineState.MET, date(2019, 11, 15))
    delayed = by_rule[rules.DELAYED_ANSWER]
    assert (delayed.start_date, delayed.due_date, delayed.period) == (
        date(2019, 11, 15),
        date(2019, 12, 20),
        "确定日期",
    )
    assert "第三十五条" in delayed.rule_citation
    assert any(
        "无法在第三十三条规定的期限（2019-11-29）内答复，确定延迟至 2019-12-20 答复" in x for x in delayed.explanation
    )
    entry = ChainEntry.objects.get(event="disclosure.answer_delayed")
    assert entry.payload["old"] == {"answer_due": "2019-11-29"} and entry.payload["in_time"] is True
    assert entry.payload["new"] == {"delayed_to": "2019-12-20", "notified_on": "2019-11-15"}
    # Lists and the request's API show the later date; past the statutory date it is not overdue.
    listed = {r.pk: r for r in selectors.request_list(world.clerk)}[req.pk]
    assert listed.answer_deadline.due_date == date(2019, 12, 20)
    shown = with_derived_state(Deadline.objects.filter(pk=delayed.pk), today=date(2019, 12, 2)).get()
    assert shown.derived == "open"
    assert selectors.public_status(req.lookup_code)["due_date"] == date(2019, 12, 20)
    # The answer closes the later deadline.
    services.answer_request(
        actor=world.clerk, request=req, on=date(2019, 12, 18), outcome="disclosed.provided", content="现予提供。"
    )
    delayed.refresh_from_db()
    assert (delayed.state, delayed.closed_on) == (DeadlineState.MET, date(2019, 12, 18))
    assert ChainEntry.objects.get(event="disclosure.answered").payload["in_time"] is True


@pytest.mark.parametrize("later", [date(2019, 11, 28), STATUTORY_DUE], ids=["before", "on_the_statutory_due_date"])
def test_a_later_date_not_after_the_statutory_due_date_is_refused_and_changes_nothing(world, later):
    req = found(world, reasonable=True)
    before = snapshot()
    with pytest.raises(InvalidInput) as err:
        services.delay_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 11, 15),
            delayed_to=later,
            reason="x",
            notified_on=date(2019, 11, 15),
        )
    assert err.value.field == "delayed_to"
    assert "不晚于按第三十三条计算的答复期限 2019-11-29" in err.value.message and "第三十五条" in err.value.message
    assert snapshot() == before


def test_a_delay_decided_after_the_statutory_period_ran_out_is_refused(world):
    req = found(world, reasonable=True)
    before = snapshot()
    with pytest.raises(InvalidTransition) as err:
        services.delay_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 12, 2),
            delayed_to=date(2019, 12, 20),
            reason="x",
            notified_on=date(2019, 12, 2),
        )
    assert "2019-11-29 届满" in err.value.message
    assert snapshot() == before


def test_no_delay_without_reasons_found_reasonable(world):
    req = found(world, reasonable=False)
    before = snapshot()
    with pytest.raises(InvalidTransition) as err:
        services.delay_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 11, 15),
            delayed_to=date(2019, 12, 20),
            reason="x",
            notified_on=date(2019, 11, 15),
        )
    assert "认定申请理由合理" in err.value.message
    assert snapshot() == before
    assert REQUEST_STEPS.get("delay_answer").availability(req, world.clerk).state == "hidden"


def test_after_a_delay_the_answer_period_is_not_extended_under_article_33(world):
    req = found(world, reasonable=True)
    services.delay_answer(
        actor=world.clerk,
        request=req,
        on=date(2019, 11, 15),
        delayed_to=date(2019, 12, 20),
        reason="x",
        notified_on=date(2019, 11, 15),
    )
    availability = REQUEST_STEPS.get("extend").availability(req, world.clerk)
    assert availability.state == "blocked" and "第三十五条" in availability.reason
    before = snapshot()
    with pytest.raises(InvalidTransition):
        services.extend_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 11, 20),
            days=5,
            reason="x",
            approver=world.leader,
            notified_on=date(2019, 11, 20),
        )
    assert snapshot() == before
    assert ReasonsInquiry.objects.get(request=req).delayed_to == date(2019, 12, 20)
