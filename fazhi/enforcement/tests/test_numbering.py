"""One counter per (body, series, year), taken inside the issuing transaction: unique and gap-free."""

import threading

import pytest
from django.db import connection, transaction

from fazhi.core.numbering import DocumentCounter, issue_number
from fazhi.enforcement.tests.factories import make_world

THREADS = 8
EACH = 10


def test_numbers_restart_each_year_and_series(w):
    with transaction.atomic():
        a = issue_number(body=w.town, series="罚决", year=2019, prefix="辛口综执")
        b = issue_number(body=w.town, series="罚决", year=2019, prefix="辛口综执")
        c = issue_number(body=w.town, series="罚决", year=2020, prefix="辛口综执")
        d = issue_number(body=w.town, series="立", year=2019, prefix="辛口综执")
    assert [a.text, b.text, c.text, d.text] == [
        "辛口综执罚决字〔2019〕第1号",
        "辛口综执罚决字〔2019〕第2号",
        "辛口综执罚决字〔2020〕第1号",
        "辛口综执立字〔2019〕第1号",
    ]


def test_a_failed_issue_leaves_no_gap(w):
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_number(body=w.town, series="罚决", year=2019)
        raise RuntimeError("签发失败")
    with transaction.atomic():
        assert issue_number(body=w.town, series="罚决", year=2019).number == 1


@pytest.mark.django_db(transaction=True)
def test_issue_outside_a_transaction_is_refused():
    from fazhi.org.models import BodyKind
    from fazhi.org.services import create_body

    body = create_body(actor=None, name="测试镇", kind=BodyKind.TOWN, code="N-T")
    with pytest.raises(RuntimeError):
        issue_number(body=body, series="罚决", year=2019)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_get_unique_gap_free_numbers():
    world = make_world()
    start = threading.Barrier(THREADS)
    got: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def issuer() -> None:
        try:
            start.wait()
            for i in range(EACH):
                try:
                    with transaction.atomic():
                        number = issue_number(body=world.town, series="罚决", year=2019).number
                        if i % 5 == 4:
                            raise ValueError("回滚：此次签发失败")  # a failed issue must give its number back
                    with lock:
                        got.append(number)
                except ValueError:
                    pass
        except BaseException as error:  # noqa: BLE001 — reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issuer) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    kept = THREADS * (EACH - EACH // 5)
    assert sorted(got) == list(range(1, kept + 1))
    assert DocumentCounter.objects.get(body=world.town, series="罚决", year=2019).last_number == kept
