"""Sweeps as tasks: one run per (sweep, period) however many workers or schedulers there are (ADR 0069)."""

import threading
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django_tasks.backends.database.management.commands.db_worker import Worker
from django_tasks.backends.database.models import DBTaskResult

from fazhi.core.models import CalendarDay, CalendarYear
from fazhi.core.seed import seed
from fazhi.jobs import sweeps
from fazhi.jobs.models import RunState, SweepRun
from fazhi.jobs.tasks import sweep_task

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _run_workers(n: int) -> list[BaseException]:
    """n database workers at once, each working the queue until it is empty (``fazhi db_worker --batch``)."""
    barrier, errors = threading.Barrier(n), []

    def work(i):
        try:
            barrier.wait()
            Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                   max_tasks=None, worker_id=f"test-worker-{i}").run()  # fmt: skip
        except BaseException as exc:  # noqa: BLE001 — reported by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_workers_given_the_same_sweep_twice_send_the_reminders_once(world, settings):
    """learning_reminders is not idempotent on its own (each run notifies again): the run key makes it so."""
    from fazhi.core.models import Notice
    from fazhi.learning import selectors

    seed(CalendarYear, CalendarDay)
    town, admin, leader = world.town, world.admin, world.leader
    rows = [r for r in selectors.calendar(2019, None, town.pk) if r.remind_on]
    day = rows[0].remind_on
    key_dates_that_day = sum(1 for r in rows if r.remind_on == day)
    settings.FAZHI_TODAY = day
    for _ in range(2):  # enqueued twice: a manual enqueue beside the scheduled one, or two schedulers
        sweep_task.enqueue("learning_reminders", day.isoformat())

    assert _run_workers(2) == []

    # One town, its 系统管理员 and its 负责人: two notices per key date of that day, once.
    assert Notice.objects.filter(kind="pufa").count() == 2 * key_dates_that_day
    assert {admin.pk, leader.pk} == set(Notice.objects.values_list("recipient_id", flat=True))
    run = SweepRun.objects.get(sweep="learning_reminders", period=day.isoformat())
    assert (run.state, run.count) == (RunState.DONE, 2 * key_dates_that_day)
    results = sorted(r.return_value for r in DBTaskResult.objects.all())
    assert len(results) == 2 and sum("跳过" in r for r in results) == 1


@pytest.mark.django_db(transaction=True)
def test_many_threads_claiming_one_period_let_exactly_one_run_it():
    barrier, wins = threading.Barrier(4), []

    def claim(i):
        try:
            barrier.wait()
            wins.append(sweeps.claim("deadline_sweep", "2020-02-20", worker=f"w{i}"))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False, False, False, True]
    assert SweepRun.objects.filter(sweep="deadline_sweep").count() == 1


@pytest.mark.django_db
def test_a_failed_run_is_taken_again_in_the_same_period_but_a_done_one_is_not():
    assert sweeps.claim("publicity_sweep", "2020-02-20T10:00")
    sweeps.finish("publicity_sweep", "2020-02-20T10:00", error="RuntimeError: 断网")
    assert sweeps.claim("publicity_sweep", "2020-02-20T10:00")
    sweeps.finish("publicity_sweep", "2020-02-20T10:00", count=3)
    assert not sweeps.claim("publicity_sweep", "2020-02-20T10:00")
    assert SweepRun.objects.get().count == 3


@pytest.mark.django_db
def test_the_schedule_enqueues_each_due_sweep_once_per_period(settings):
    settings.FAZHI_TODAY = None
    rules = (sweeps.Rule("deadline_sweep", at=time(0, 30)), sweeps.Rule("publicity_sweep", minutes=15))
    before = datetime(2020, 2, 20, 0, 10, tzinfo=SHANGHAI)
    assert sweeps.schedule_due(now=before, rules=rules) == [("publicity_sweep", "2020-02-20T00:00")]
    after = datetime(2020, 2, 20, 0, 40, tzinfo=SHANGHAI)
    assert sweeps.schedule_due(now=after, rules=rules) == [
        ("deadline_sweep", "2020-02-20"),
        ("publicity_sweep", "2020-02-20T00:30"),
    ]
    assert sweeps.schedule_due(now=after, rules=rules) == []  # the same minute again: nothing new
    assert DBTaskResult.objects.count() == 3
    assert set(SweepRun.objects.values_list("state", flat=True)) == {RunState.QUEUED}


def test_a_rule_needs_a_known_sweep_and_an_interval_that_divides_the_day():
    with pytest.raises(ValueError):
        sweeps.Rule("no_such_sweep", minutes=10)
    with pytest.raises(ValueError):
        sweeps.Rule("publicity_sweep", minutes=7)
    with pytest.raises(ValueError):
        sweeps.Rule("publicity_sweep")
