import threading

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
