"""Every dated disclosure step that closes a deadline gives the same deadline rows and chain entries whether or not
``fazhi deadline_sweep`` ran first (issue 9): a row the sweep marked missed is still live, and the step closes it
with its own date — late when the date is past the due date, met when it is not."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from fazhi.audit.models import ChainEntry
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.services import change_setting
from fazhi.disclosure import rules, services
from fazhi.disclosure.errors import InvalidTransition
from fazhi.disclosure.models import CatalogueCategory, ThirdPartyReply
from fazhi.disclosure.tests import factories as f
from fazhi.disclosure.tests.support import head_seq, snapshot, step_entries

MET, MISSED = DeadlineState.MET, DeadlineState.MISSED


@pytest.fixture
def in_2021():
    with time_machine.travel("2021-12-31 10:00 +0800", tick=False):
        yield


def sweep():
    call_command("deadline_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115


def rows(obj, rule_key):
    return list(
        Deadline.objects.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk), rule_key=rule_key)
        .order_by("id")
        .values_list("state", "closed_on")
    )


def deadline_events(obj, rule_key):
    ids = [
        str(pk)
        for pk in Deadline.objects.filter(
            subject_type=obj._meta.label_lower, subject_id=str(obj.pk), rule_key=rule_key
        ).values_list("pk", flat=True)
    ]
    return list(
        ChainEntry.objects.filter(subject_type="core.deadline", subject_id__in=ids)
        .order_by("seq")
        .values_list("event", flat=True)
    )


# Each scenario prepares a record, returns (the step, the record whose deadline it closes, the rule, the expected
# (state, closed_on) of that deadline, the expected ``in_time`` of the step's chain entry or None when the step
# closes no obligation of the office).


def answer_late(w):
    req = f.request(w.clerk, w.town, submitted_on=date(2019, 9, 20))  # due 2019-10-23
    return (
        lambda: services.answer_request(
            actor=w.clerk, request=req, on=date(2019, 10, 30), outcome="disclosed.provided", content="提供"
        ),
        req,
        rules.ANSWER,
        [(MISSED, date(2019, 10, 30))],
        False,
    )


def answer_in_time_entered_late(w):
    """Entered after the sweep, but dated within the period: the dates decide, so it was met."""
    req = f.request(w.clerk, w.town, submitted_on=date(2019, 9, 20))
    return (
        lambda: services.answer_request(
            actor=w.clerk, request=req, on=date(2019, 10, 15), outcome="disclosed.provided", content="提供"
        ),
        req,
        rules.ANSWER,
        [(MET, date(2019, 10, 15))],
        True,
    )


def answer_late_after_extension_and_consultation(w):
    req = f.request(w.clerk, w.town, submitted_on=date(2019, 9, 20))
    services.start_consultation(actor=w.clerk, request=req, on=date(2019, 9, 25), third_party="某公司", matter="x")
    services.finish_consultation(actor=w.clerk, request=req, on=date(2019, 10, 10), reply=ThirdPartyReply.CONSENT)
    services.extend_answer(
        actor=w.clerk,
        request=req,
        on=date(2019, 10, 21),
        days=5,
        reason="信息量大",
        approver=w.leader,
        notified_on=date(2019, 10, 21),
    )
    return (
        lambda: services.answer_request(
            actor=w.clerk, request=req, on=date(2019, 12, 20), outcome="unable.not_exist", content="不存在"
        ),
        req,
        rules.ANSWER,
        [(MISSED, date(2019, 12, 20))],
        False,
    )


def abandoned(w):
    """The answer clock is paused by the correction: the sweep leaves it, abandonment closes it as met."""
    req = f.request(w.clerk, w.town, submitted_on=date(2019, 9, 20))
    services.request_correction(
        actor=w.clerk, request=req, on=date(2019, 9, 23), items="补充", due_on=date(2019, 10, 15)
    )
    return (
        lambda: services.mark_abandoned(actor=w.clerk, request=req, on=date(2019, 12, 2)),
        req,
        rules.ANSWER,
        [(MET, date(2019, 9, 23))],
        True,
    )


def unpaid(w):
    change_setting(actor=None, key="disclosure.fees_enabled", value=True, body=w.town)
    req = f.request(w.clerk, w.town, submitted_on=date(2021, 9, 22))
    services.issue_fee_notice(actor=w.clerk, request=req, on=date(2021, 9, 24), method="per_page", quantity=150)
    return (
        lambda: services.close_unpaid(actor=w.clerk, request=req, on=date(2021, 12, 1)),
        req,
        rules.ANSWER,
        [(MET, date(2021, 9, 24))],
        True,
    )


def third_party_silent(w):
    """The third party's 15 working days are a window: never swept, closed on its last day when they stay silent."""
    req = f.request(w.clerk, w.town, submitted_on=date(2019, 9, 20))
    consultation = services.start_consultation(
        actor=w.clerk, request=req, on=date(2019, 9, 25), third_party="某公司", matter="x"
    )
    return (
        lambda: services.finish_consultation(
            actor=w.clerk, request=req, on=date(2019, 10, 30), reply=ThirdPartyReply.SILENT
        ),
        consultation,
        rules.THIRD_PARTY_REPLY,
        [(MET, date(2019, 10, 21))],
        None,
    )


def catalogue_late(w):
    entry = services.add_catalogue_entry(
        actor=w.clerk,
        body=w.town,
        title="2019年农田水利工程建设计划",
        summary="工程名称、地点、资金",
        generated_on=date(2019, 6, 3),
        category=CatalogueCategory.A21_IRRIGATION,
    )
    return (
        lambda: services.publish_catalogue_entry(actor=w.clerk, entry=entry, on=date(2019, 8, 1)),
        entry,
        rules.PROACTIVE,
        [(MISSED, date(2019, 8, 1))],
        False,
    )


def catalogue_in_time(w):
    entry = services.add_catalogue_entry(
        actor=w.clerk,
        body=w.town,
        title="镇政府机构设置",
        summary="内设机构",
        generated_on=date(2019, 6, 3),
        category=CatalogueCategory.A20_2,
    )
    return (
        lambda: services.publish_catalogue_entry(actor=w.clerk, entry=entry, on=date(2019, 6, 10)),
        entry,
        rules.PROACTIVE,
        [(MET, date(2019, 6, 10))],
        True,
    )


SCENARIOS = [
    answer_late,
    answer_in_time_entered_late,
    answer_late_after_extension_and_consultation,
    abandoned,
    unpaid,
    third_party_silent,
    catalogue_late,
    catalogue_in_time,
]


@pytest.mark.parametrize("swept", [False, True], ids=["without_sweep", "after_sweep"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.__name__ for s in SCENARIOS])
def test_a_dated_step_closes_its_deadline_the_same_way_whether_or_not_the_sweep_ran(world, in_2021, scenario, swept):
    run, subject, rule_key, expected, in_time = scenario(world)
    if swept:
        sweep()
        (state, closed_on) = rows(subject, rule_key)[-1]
        assert closed_on is None  # swept or not, the obligation is still live
    since = head_seq()
    run()
    assert rows(subject, rule_key) == expected
    (entry,) = step_entries(since)
    if in_time is None:
        assert "in_time" not in entry.payload
    else:
        assert entry.payload["in_time"] is in_time
    events = deadline_events(subject, rule_key)
    closing = "deadline.met" if expected[-1][0] == MET else "deadline.closed_late"
    assert events[-1] == closing
    if swept and expected[-1][0] == MISSED:
        assert events[-2] == "deadline.missed"  # the sweep's entry, then the late close with its date


def test_answer_after_the_sweep_records_the_answer_date_on_the_deadline(world, in_2021):
    """The defect of issue 9: after the sweep, the answer left ``closed_on`` empty."""
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    sweep()
    deadline = Deadline.objects.get(subject_type="disclosure.disclosurerequest", subject_id=str(req.pk))
    assert deadline.state == MISSED and deadline.closed_on is None
    services.answer_request(
        actor=world.clerk, request=req, on=date(2019, 11, 5), outcome="disclosed.provided", content="提供"
    )
    deadline.refresh_from_db()
    assert (deadline.state, deadline.closed_on) == (MISSED, date(2019, 11, 5))
    entry = ChainEntry.objects.filter(event="disclosure.answered").get()
    assert entry.payload["in_time"] is False
    # Sweeping again changes nothing: the row is closed.
    before = snapshot()
    sweep()
    assert snapshot() == before


def test_extension_after_the_due_date_is_refused_after_the_sweep_too(world, in_2021):
    """Before, a swept deadline was not found: the extension was recorded on the request but not on the clock."""
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    sweep()
    before = snapshot()
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
    assert "届满" in err.value.message and "第三十三条第二款" in err.value.message
    assert snapshot() == before
