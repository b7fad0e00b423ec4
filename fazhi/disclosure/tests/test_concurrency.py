import threading
from datetime import date

import pytest
import time_machine
from django.db import connections

from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.tests import factories as f


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_gapless_numbers():
    """Six threads, each with its own connection, register 5 requests each: numbers 1..30, no duplicate, no gap
    (row lock on the counter on PostgreSQL; SQLite's IMMEDIATE transactions queue the writers)."""
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        world_town = f.body("并发测试镇", short_name="并发镇")
        clerk = f.staff("clerk_c", world_town, f.Role.DISCLOSURE_CLERK)
        errors = []

        def work():
            try:
                for _ in range(5):
                    f.request(clerk, world_town, submitted_on=date(2019, 9, 20))
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    numbers = sorted(
        int(n.split("〕")[1].rstrip("号")) for n in DisclosureRequest.objects.values_list("number", flat=True)
    )
    assert numbers == list(range(1, 31))
