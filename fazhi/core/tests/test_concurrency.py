"""Two sweeps at once (cron overlapping a manual run) mark each overdue deadline once, with one chain entry each."""

import threading
from datetime import date

import pytest
from django.db import connection

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core.deadlines import sweep_missed_deadlines
from fazhi.core.models import CalendarDay, CalendarYear, Deadline, DeadlineState
from fazhi.core.seed import seed
from fazhi.core.tests.factories import make_deadline, make_town

THREADS = 4


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_sweeps_mark_each_deadline_once():
    # A transactional test starts from whatever an earlier one's flush left: the calendar from migration 0002 may be
    # gone, so put it back (a no-op when it is there).
    seed(CalendarYear, CalendarDay)
    town = make_town()
    deadlines = [make_deadline(town, start=date(2019, 9, 20), label=f"事项{i}") for i in range(10)]
    barrier = threading.Barrier(THREADS)
    counts: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait()
            counts.append(sweep_missed_deadlines(today=date(2019, 11, 1)))
        except BaseException as error:  # noqa: BLE001 — reported by the main thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(counts) == len(deadlines)
    assert Deadline.objects.filter(state=DeadlineState.MISSED).count() == len(deadlines)
    assert ChainEntry.objects.filter(event=Event.DEADLINE_MISSED).count() == len(deadlines)
