"""A window (the party's time to state a defence, a third party's time to reply) lapses; it is never overdue."""

from datetime import date

import pytest

from fazhi.clock.selectors import open_deadlines_for
from fazhi.core.deadlines import close_deadline, open_deadline, sweep_missed_deadlines
from fazhi.core.models import DeadlineState
from fazhi.enforcement.rules import PUBLISH_PERMIT_OR_PENALTY, STATEMENT

pytestmark = pytest.mark.django_db


def _open(team, rule_key):
    return open_deadline(
        actor=None, subject=("enforcement.case", "1", "案件"), body=team, rule_key=rule_key, start_date=date(2022, 3, 9)
    )


def test_lapsed_party_window_shows_as_lapsed_not_overdue(team, leader):
    window = _open(team, STATEMENT)
    assert window.is_window
    row = open_deadlines_for(leader, today=date(2022, 6, 1)).get(pk=window.pk)
    assert row.derived == "lapsed"


def test_sweep_leaves_windows_open_and_marks_obligations_missed(team):
    window = _open(team, STATEMENT)
    duty = _open(team, PUBLISH_PERMIT_OR_PENALTY)
    assert sweep_missed_deadlines(today=date(2022, 6, 1)) == 1
    window.refresh_from_db()
    duty.refresh_from_db()
    assert window.state == DeadlineState.OPEN
    assert duty.state == DeadlineState.MISSED


def test_closing_a_window_after_it_ran_counts_as_met(team):
    window = _open(team, STATEMENT)
    closed = close_deadline(actor=None, deadline=window, on=date(2022, 6, 1))
    assert closed.state == DeadlineState.MET
