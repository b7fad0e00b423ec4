"""The workbench in a fixed number of queries (ADR 0083): the scope found once, the open deadlines counted by due
week in one aggregate whose sum is the total, the inbox with its unread count in one query."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core import inbox
from fazhi.core.deadlines import open_deadline
from fazhi.enforcement.rules import SEIZURE
from fazhi.org.models import User
from fazhi.workbench.selectors import workbench_for

pytestmark = pytest.mark.django_db


def _open(body, label, start):
    return open_deadline(
        actor=None, subject=("enforcement.case", label, label), body=body, rule_key=SEIZURE, start_date=start
    )


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as ctx:
        workbench_for(User.objects.get(pk=user.pk))
    return len(ctx.captured_queries)


def test_the_workbench_reads_the_same_number_of_queries_however_many_deadlines_are_open(org):
    _open(org.team, "一件", date(2019, 9, 27))
    few = _queries(org.officer)
    today = timezone.localdate()
    for i in range(30):
        _open(org.team, f"案件{i}", today - timedelta(days=40 * i))
    assert _queries(org.officer) == few


def test_due_weeks_count_each_open_deadline_once_and_sum_to_the_total_in_scope(org):
    today = timezone.localdate()
    starts = [
        date(2019, 9, 27),
        today - timedelta(days=20),
        today,
        today + timedelta(days=30),
        today + timedelta(days=400),
    ]
    for i, start in enumerate(starts):
        _open(org.team, f"辛口镇{i}", start)
    _open(org.other_team, "张家窝镇", today)
    wb = workbench_for(User.objects.get(pk=org.officer.pk))
    counts = [row[2] for row in wb.due_weeks.rows]
    assert sum(counts) == wb.deadline_total == len(starts)
    due = sorted(d.due_date for d in wb.deadlines)
    assert counts[0] == sum(1 for d in due if d < today)
    monday = today - timedelta(days=today.weekday())
    assert counts[-1] == sum(1 for d in due if d >= monday + timedelta(weeks=8))
    outsider = workbench_for(User.objects.get(pk=org.other_officer.pk))
    assert outsider.deadline_total == 1 and [d.subject_label for d in outsider.deadlines] == ["张家窝镇"]


def test_the_unread_count_comes_with_the_inbox_and_is_the_users_own(org):
    officer = User.objects.get(pk=org.officer.pk)
    assert workbench_for(officer).unread == 0 and workbench_for(officer).inbox == []
    for i in range(3):
        inbox.notify(recipients=[officer], kind="approval", subject=org.team, title=f"待审批{i}", url="/")
    inbox.notify(recipients=[org.other_officer], kind="approval", subject=org.team, title="别人的", url="/")
    first = inbox.inbox_for(officer)[0]
    inbox.open_notice(officer, first.pk)
    wb = workbench_for(officer)
    assert wb.unread == inbox.unread_count(officer) == 2
    assert [n.title for n in wb.inbox] == ["待审批2", "待审批1", "待审批0"]
    assert inbox.inbox_with_unread(officer, limit=1)[1] == 2  # counts all unread, not only those shown
