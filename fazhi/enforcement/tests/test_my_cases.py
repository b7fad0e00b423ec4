"""my_cases(officer): the officer's open cases, handled or registered by them, newest first, cut at the limit —
built from two index-ordered halves merged (ADR 0066), so it must give exactly what the one "… OR …" query gave."""

from datetime import date, timedelta

from fazhi.enforcement.models import Case
from fazhi.enforcement.selectors import my_cases


def bulk(w, n, *, registered_by, status="investigating", start=date(2019, 1, 1)):
    rows = [
        Case(
            body=w.town, status=status, source="patrol", title=f"案件{i}", description="批量", place="辛口镇",
            discovered_on=start + timedelta(days=i), act_date=start, registered_by=registered_by,
            party_kind="person", party_name=f"当事人{i}",
        )
        for i in range(n)
    ]  # fmt: skip
    return Case.objects.bulk_create(rows)


def test_handled_and_registered_halves_merge_newest_first_and_stop_at_the_limit(w):
    mine = bulk(w, 6, registered_by=w.officer1, start=date(2019, 1, 1))  # 1–6 January
    theirs = bulk(w, 6, registered_by=w.officer2, start=date(2019, 2, 1))  # 1–6 February, none registered by me
    Case.officers.through.objects.bulk_create(
        [Case.officers.through(case_id=c.pk, user_id=w.officer1.pk) for c in theirs[::2]]  # I handle 1, 3, 5 Feb
    )
    bulk(w, 3, registered_by=w.officer1, status="closed", start=date(2019, 3, 1))  # closed: never listed
    bulk(w, 3, registered_by=w.officer2, start=date(2019, 4, 1))  # neither mine nor handled by me
    expected = sorted([*mine, *theirs[::2]], key=lambda c: (c.discovered_on, c.pk), reverse=True)
    rows = my_cases(w.officer1, limit=50)
    assert sorted(r.case.pk for r in rows) == sorted(c.pk for c in expected)
    # limit 4: the 3 handled February cases and the newest case I registered (6 January).
    assert {r.case.pk for r in my_cases(w.officer1, limit=4)} == {c.pk for c in expected[:4]}
    assert {r.case.pk for r in my_cases(w.officer1, limit=4)} == {*(c.pk for c in theirs[::2]), mine[-1].pk}
    assert my_cases(w.outsider) == []


def test_a_case_both_handled_and_registered_by_me_is_listed_once(w):
    (case,) = bulk(w, 1, registered_by=w.officer1)
    Case.officers.through.objects.create(case_id=case.pk, user_id=w.officer1.pk)
    assert [r.case.pk for r in my_cases(w.officer1)] == [case.pk]


def test_queries_do_not_grow_with_the_cases(w):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.org.models import User

    def officer():  # a fresh user object, as each request loads it: both calls look the scope up (ADR 0083)
        return User.objects.get(pk=w.officer1.pk)

    bulk(w, 2, registered_by=w.officer1)
    with CaptureQueriesContext(connection) as few:
        my_cases(officer())
    bulk(w, 120, registered_by=w.officer1, start=date(2019, 6, 1))
    with CaptureQueriesContext(connection) as many:
        assert len(my_cases(officer())) == 50
    assert len(many.captured_queries) == len(few.captured_queries)
