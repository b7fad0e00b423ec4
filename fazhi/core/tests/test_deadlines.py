"""The deadline table: every transition writes one chain entry; forbidden calls change nothing."""

from datetime import date

import pytest
import time_machine

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.clock import selectors as clock_selectors
from fazhi.core import deadlines
from fazhi.core.errors import DomainError, InvalidTransition, NotPermitted
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.rules import PeriodRule, register
from fazhi.core.tests.factories import make_deadline

# Test-only rules: a pausable, extendable, restartable working-day period like 政府信息公开条例 第三十三条.
register(
    PeriodRule(
        key="test.answer",
        name="答复申请（测试）",
        unit="wd",
        count=20,
        citation="测试依据 第三十三条",
        pausable=True,
        restartable=True,
        extension_max=20,
    )
)


def entries(deadline, event):
    return ChainEntry.objects.filter(subject_type="core.deadline", subject_id=str(deadline.pk), event=event)


@pytest.mark.django_db
def test_open_deadline_computes_due_date_explanation_and_chain_entry(town):
    deadline = make_deadline(town, rule_key="enforcement.publish_other_decision", start=date(2019, 9, 20))
    assert deadline.due_date == date(2019, 10, 23)
    assert deadline.rule_citation.startswith("《国务院办公厅关于全面推行")
    assert "2019-10-01 至 2019-10-07 国庆节放假，不计入。" in deadline.explanation
    assert deadline.state == DeadlineState.OPEN
    entry = entries(deadline, Event.DEADLINE_OPENED).get()
    assert entry.body_id == town.pk and entry.payload["new"]["due_date"] == "2019-10-23"


@pytest.mark.django_db
def test_open_deadline_uses_the_rule_version_in_force_on_the_start_date(town):
    old = make_deadline(town, rule_key="enforcement.hearing_request", start=date(2019, 9, 27))
    new = make_deadline(town, rule_key="enforcement.hearing_request", start=date(2021, 9, 27))
    assert old.period == "3d" and "2017" in old.rule_citation
    assert old.due_date == date(2019, 9, 30)
    assert new.period == "5wd" and "2021" in new.rule_citation
    assert new.due_date == date(2021, 10, 9)  # 09-28, 09-29, 09-30, (国庆 10-01..07 off), 10-08 Fri, 10-09 Sat makeup


@pytest.mark.django_db
def test_pause_and_resume_extend_the_due_date(town):
    deadline = make_deadline(town, rule_key="test.answer", start=date(2019, 9, 2))
    before = deadline.due_date
    deadlines.pause_deadline(actor=None, deadline=deadline, on=date(2019, 9, 4), reason="书面征求第三方意见")
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.PAUSED
    deadlines.resume_deadline(actor=None, deadline=deadline, on=date(2019, 9, 6))
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.OPEN
    assert deadline.pauses == [{"start": "2019-09-04", "end": "2019-09-06", "reason": "书面征求第三方意见"}]
    assert deadline.due_date > before
    assert entries(deadline, Event.DEADLINE_PAUSED).count() == 1
    assert entries(deadline, Event.DEADLINE_RESUMED).count() == 1


@pytest.mark.django_db
def test_pause_is_refused_for_a_rule_without_pauses_and_nothing_changes(town):
    deadline = make_deadline(town, rule_key="enforcement.publish_other_decision")
    count = ChainEntry.objects.count()
    with pytest.raises(DomainError) as info:
        deadlines.pause_deadline(actor=None, deadline=deadline, on=date(2019, 9, 24), reason="x")
    assert "不适用期限中止" in info.value.message
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.OPEN and deadline.pauses == []
    assert ChainEntry.objects.count() == count


@pytest.mark.django_db
def test_extension_needs_a_leader_and_only_once(town, leader, clerk):
    deadline = make_deadline(town, rule_key="test.answer", start=date(2019, 9, 2))
    with pytest.raises(NotPermitted):
        deadlines.extend_deadline(actor=clerk, deadline=deadline, units=20, approver=clerk, reason="情况复杂")
    with pytest.raises(DomainError):
        deadlines.extend_deadline(actor=clerk, deadline=deadline, units=21, approver=leader, reason="情况复杂")
    deadlines.extend_deadline(actor=clerk, deadline=deadline, units=20, approver=leader, reason="情况复杂")
    deadline.refresh_from_db()
    assert deadline.extension == 20 and deadline.extension_approver == leader
    with pytest.raises(DomainError) as info:
        deadlines.extend_deadline(actor=clerk, deadline=deadline, units=1, approver=leader, reason="再延")
    assert "只能延长一次" in info.value.message
    assert entries(deadline, Event.DEADLINE_EXTENDED).count() == 1


@pytest.mark.django_db
def test_extension_adds_working_days(town, leader):
    deadline = make_deadline(town, rule_key="test.answer", start=date(2019, 9, 20))
    deadlines.extend_deadline(actor=leader, deadline=deadline, units=20, approver=leader, reason="情况复杂")
    deadline.refresh_from_db()
    from fazhi.core.periods import compute_due

    assert deadline.due_date == compute_due(date(2019, 9, 20), "40wd").due


@pytest.mark.django_db
def test_restart_counts_from_the_restart_date(town):
    deadline = make_deadline(town, rule_key="test.answer", start=date(2019, 9, 2))
    deadlines.pause_deadline(actor=None, deadline=deadline, on=date(2019, 9, 4), reason="补正")
    deadlines.restart_deadline(actor=None, deadline=deadline, on=date(2019, 9, 20), reason="收到补正材料")
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.OPEN
    assert deadline.restart_date == date(2019, 9, 20)
    assert deadline.due_date == date(2019, 10, 23)
    assert entries(deadline, Event.DEADLINE_RESTARTED).count() == 1


@pytest.mark.django_db
def test_close_on_time_is_met_and_late_is_missed_with_its_own_event(town):
    on_time = make_deadline(town)
    late = make_deadline(town)
    deadlines.close_deadline(actor=None, deadline=on_time, on=date(2019, 10, 23))
    deadlines.close_deadline(actor=None, deadline=late, on=date(2019, 10, 24))
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert on_time.state == DeadlineState.MET and on_time.closed_on == date(2019, 10, 23)
    assert late.state == DeadlineState.MISSED
    assert entries(on_time, Event.DEADLINE_MET).count() == 1
    # The sweep marks a row missed (deadline.missed); fulfilling it late is a different change (deadline.closed_late).
    assert entries(late, Event.DEADLINE_CLOSED_LATE).count() == 1
    assert entries(late, Event.DEADLINE_MISSED).count() == 0
    with pytest.raises(InvalidTransition):
        deadlines.close_deadline(actor=None, deadline=on_time, on=date(2019, 10, 23))


@pytest.mark.django_db
def test_sweep_is_idempotent_and_skips_paused_deadlines(town):
    overdue = make_deadline(town, start=date(2019, 9, 20))
    paused = make_deadline(town, rule_key="test.answer", start=date(2019, 9, 20))
    deadlines.pause_deadline(actor=None, deadline=paused, on=date(2019, 9, 25), reason="补正")
    future = make_deadline(town, start=date(2019, 12, 2))
    assert deadlines.sweep_missed_deadlines(today=date(2019, 11, 1)) == 1
    assert deadlines.sweep_missed_deadlines(today=date(2019, 11, 1)) == 0
    states = dict(Deadline.objects.values_list("pk", "state"))
    assert states[overdue.pk] == "missed" and states[paused.pk] == "paused" and states[future.pk] == "open"
    assert entries(overdue, Event.DEADLINE_MISSED).count() == 1


@pytest.mark.django_db
def test_swept_deadline_closed_late_stays_missed(town):
    deadline = make_deadline(town)
    deadlines.sweep_missed_deadlines(today=date(2019, 11, 1))
    deadlines.close_deadline(actor=None, deadline=deadline, on=date(2019, 11, 2))
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.MISSED and deadline.closed_on == date(2019, 11, 2)


@pytest.mark.django_db
def test_selectors_derive_overdue_and_due_soon_and_never_call_a_paused_deadline_overdue(town, other_town, clerk):
    overdue = make_deadline(town, start=date(2019, 9, 20))  # due 10-23
    soon = make_deadline(town, rule_key="enforcement.publish_permit_or_penalty", start=date(2019, 10, 18))  # 10-29
    paused = make_deadline(town, rule_key="test.answer", start=date(2019, 9, 1))
    deadlines.pause_deadline(actor=None, deadline=paused, on=date(2019, 9, 3), reason="补正")
    make_deadline(other_town, start=date(2019, 9, 20))
    with time_machine.travel(date(2019, 10, 28), tick=False):
        rows = {d.pk: d.derived for d in clock_selectors.open_deadlines_for(clerk)}
    assert rows == {overdue.pk: "overdue", soon.pk: "due_soon", paused.pk: "paused"}


@pytest.mark.django_db
def test_deadline_detail_of_another_town_is_404(town, other_town, clerk):
    from django.http import Http404

    theirs = make_deadline(other_town)
    with pytest.raises(Http404):
        clock_selectors.deadline_detail(clerk, theirs.pk)
    ours = make_deadline(town)
    assert clock_selectors.deadline_detail(clerk, ours.pk).pk == ours.pk
