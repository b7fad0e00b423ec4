import threading
import time

import pytest
from django.db import connection, transaction

from fazhi.audit import verify
from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry, ChainHead
from fazhi.audit.services import record

THREADS = 8
APPENDS = 25


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_produce_one_unbroken_chain():
    """Each thread has its own connection; the head-row lock (PostgreSQL) or the IMMEDIATE transaction (SQLite)
    turns them into a queue, so seq runs 1..N without gaps or duplicates and the chain verifies."""
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(APPENDS):
                with transaction.atomic():
                    record(
                        actor=None,
                        event=Event.SETTING_CHANGED,
                        subject=("core.setting", f"t{n}-{i}", f"线程{n}第{i}次"),
                        payload={"new": {"thread": n, "i": i}},
                    )
        except BaseException as error:  # noqa: BLE001 — reported by the main thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    total = THREADS * APPENDS
    assert list(ChainEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, total + 1))
    assert ChainEntry.objects.values("subject_id").distinct().count() == total
    assert ChainHead.objects.get(id=1).seq == total
    result = verify.verify_chain()
    assert result.ok, result.message
    assert result.count == total


SECONDS = 2.0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_writers_appending_for_two_seconds_leave_no_fork_gap_or_duplicate():
    """8 threads append as fast as they can for 2 s (the short form of bench/bench_chain_concurrency.py's 32 × 60 s).
    Most appends take the remembered-head statement and some miss it and take the locked path; either way every
    append that returned is on the chain exactly once: seq 1..N, each prev_hash the hash before it, no hash twice,
    the head on the last entry, and every hash recomputes."""
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    returned: list[tuple[int, str]] = []

    def writer(n: int) -> None:
        try:
            start.wait()
            deadline = time.monotonic() + SECONDS
            i = 0
            while time.monotonic() < deadline:
                i += 1
                with transaction.atomic():
                    entry = record(
                        actor=None,
                        event=Event.SETTING_CHANGED,
                        subject=("core.setting", f"t{n}-{i}", f"线程{n}第{i}次"),
                        payload={"new": {"thread": n, "i": i}},
                    )
                returned.append((entry.seq, entry.entry_hash))
        except BaseException as error:  # noqa: BLE001 — reported by the main thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    rows = list(ChainEntry.objects.order_by("seq").values_list("seq", "prev_hash", "entry_hash"))
    total = len(rows)
    assert total >= THREADS  # every thread got at least one append through
    assert [seq for seq, _, _ in rows] == list(range(1, total + 1))
    assert all(rows[k][1] == rows[k - 1][2] for k in range(1, total))
    assert len({digest for _, _, digest in rows}) == total
    assert sorted(returned) == [(seq, digest) for seq, _, digest in rows]
    assert ChainHead.objects.values_list("seq", "entry_hash").get(id=1) == (total, rows[-1][2])
    result = verify.verify_chain()
    assert (result.ok, result.count) == (True, total), result.message
