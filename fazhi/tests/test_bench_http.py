"""The HTTP load driver (bench/bench_http.py) without a server: how it aggregates, when it fails a run, how it picks
a gunicorn configuration — and that its bare baseline views (bench/http_views.py) return the same rows as the pages
they stand for, so the real/bare ratio compares like with like."""

import re
from collections import Counter
from datetime import date, timedelta

import pytest
from django.test import override_settings

from bench import bench_http as bh


def phase(page="案件列表", kind="real", seconds=10.0, statuses=None, latency=0.01):
    ph = bh.Phase(page, kind, seconds)
    for status, n in (statuses or {200: 100}).items():
        for _ in range(n):
            ph.add("/cases/", status, latency)
    return ph


def test_percentile_is_nearest_rank_over_unsorted_values():
    values = list(range(100, 0, -1))  # 1…100, reversed
    assert bh.percentile(values, 50) == 50
    assert bh.percentile(values, 95) == 95
    assert bh.percentile(values, 99) == 99
    assert bh.percentile([7.0], 99) == 7.0
    assert bh.percentile([], 95) == 0.0


def test_throughput_counts_only_successful_responses_per_second_of_the_phase():
    ph = phase(seconds=4.0, statuses={200: 200, 302: 8})
    assert ph.count == 208
    assert ph.rps == 50.0  # 200 successes in 4 s
    assert len(ph.latencies) == 200  # latencies of the 200s only
    assert ph.errors[0] == "GET /cases/ → 302"


def test_phases_of_many_clients_merge_into_one():
    total = bh.Phase("工作台", "real", 10.0)
    for part in (phase(statuses={200: 30}, latency=0.1), phase(statuses={200: 20, 500: 1}, latency=0.3)):
        total.merge(part)
    assert total.statuses == Counter({200: 50, 500: 1})
    assert total.rps == 5.0
    assert total.ms(50) == pytest.approx(100.0)  # 30 of 50 latencies are 0.1 s
    assert total.ms(99) == pytest.approx(300.0)


def test_a_clean_run_with_a_verified_chain_passes():
    assert bh.failures([phase(), phase(kind="bare")], chain_ok=True) == []


def test_a_single_server_error_fails_the_run():
    problems = bh.failures([phase(statuses={200: 999, 502: 1})], chain_ok=True)
    assert len(problems) == 1
    assert "1 次 5xx" in problems[0]


def test_a_chain_that_does_not_verify_fails_the_run():
    problems = bh.failures([phase()], chain_ok=False, chain_output="第 17 条记录的哈希不符")
    assert problems == ["审计链校验未通过（fazhi audit_verify）：第 17 条记录的哈希不符"]


def test_connection_errors_redirects_and_empty_phases_fail_the_run():
    dropped = bh.Phase("案件页", "real", 10.0)
    dropped.add("/cases/1/", 200, 0.01)
    dropped.add("/cases/1/", 0, 0.01, "GET /cases/1/: ConnectionResetError()")
    logged_out = phase(statuses={200: 10, 302: 2})
    empty = bh.Phase("公示检索", "bare", 10.0)
    problems = bh.failures([dropped, logged_out, empty], chain_ok=True)
    assert any("连接错误" in p and "ConnectionResetError" in p for p in problems)
    assert any("非 200 响应 {302: 2}" in p for p in problems)
    assert any("公示检索（bare）" in p and "没有完成任何请求" in p for p in problems)


def test_ratio_is_real_over_bare_per_page_and_the_fastest_configuration_is_chosen():
    slow = [phase("a", "real", statuses={200: 30}), phase("a", "bare", statuses={200: 100})]
    fast = [phase("a", "real", statuses={200: 60}), phase("a", "bare", statuses={200: 150})]
    assert bh.ratios(slow) == {"a": pytest.approx(0.3)}
    assert bh.ratios(fast) == {"a": pytest.approx(0.4)}
    assert bh.choose({"sync:2": slow, "gthread:2x8": fast}) == "gthread:2x8"


def test_gunicorn_configurations_are_parsed_and_bad_ones_refused():
    assert bh.parse_config("sync:4") == ("sync", 4, 1)
    assert bh.parse_config("gthread:2x8") == ("gthread", 2, 8)
    for bad in ("eventlet:4", "sync:", "gthread:2xx", "sync:four"):
        with pytest.raises(Exception, match="gunicorn 配置"):
            bh.parse_config(bad)


# --- The bare views return the rows of the pages they stand for ------------------------------------------------------


def _ids(response) -> list[int]:
    assert response.status_code == 200
    return [int(i) for i in re.findall(r"<tr><td>(\d+)</td>", response.content.decode())]


@pytest.fixture
def cases(db):
    from fazhi.enforcement.models import Case
    from fazhi.enforcement.tests.factories import make_world

    w = make_world()
    start = date(2019, 1, 1)
    made = Case.objects.bulk_create(
        Case(
            body=w.team, status=["lead", "investigating", "closed"][i % 3], source="patrol", title=f"案件{i}",
            description="-", place="辛口镇", discovered_on=start + timedelta(days=i % 40), act_date=start,
            registered_by=w.officer1 if i % 2 else w.officer2, party_kind="person", party_name=f"当事人{i}",
        )
        for i in range(120)
    )  # fmt: skip
    Case.officers.through.objects.bulk_create(
        Case.officers.through(case_id=c.pk, user_id=w.officer1.pk) for c in made[::4]
    )
    return w, made


@override_settings(ROOT_URLCONF="bench.http_urls")
def test_bare_case_list_and_workbench_return_the_pages_rows(cases, client):
    from fazhi.enforcement import selectors

    w, _ = cases
    client.force_login(w.officer1)
    assert _ids(client.get("/_bench/cases/")) == [c.pk for c in selectors.case_list(w.officer1)[:50]]
    mine = _ids(client.get("/_bench/workbench/"))
    assert len(mine) == 50
    assert set(mine) == {row.case.pk for row in selectors.my_cases(w.officer1, limit=50)}


@override_settings(ROOT_URLCONF="bench.http_urls")
def test_bare_case_page_is_scoped_like_the_real_one(cases, client):
    w, made = cases
    client.force_login(w.officer1)
    assert _ids(client.get(f"/_bench/cases/{made[0].pk}/")) == [made[0].pk]
    client.force_login(w.outsider)  # 张家窝镇: the case is not theirs
    assert client.get(f"/_bench/cases/{made[0].pk}/").status_code == 404


@override_settings(ROOT_URLCONF="bench.http_urls")
def test_bare_portal_search_returns_the_portal_rows(cases, client):
    from fazhi.publicity import selectors
    from fazhi.publicity.models import Publication

    w, made = cases
    for n, case in enumerate(made[:30]):
        Publication.objects.create(
            case=case, body=w.team, kind="penalty", state="published" if n % 5 else "pending",
            decision_number=f"辛口罚决字〔2019〕{n}号", party_display=f"当事人{n}",
            violation_type="占道经营" if n % 2 else "违法建设", penalty="罚款二百元", decided_on=date(2019, 3, 1),
            original_text="-", original_sm3="0" * 64, reviewed_by=w.reviewer,
            published_on=date(2019, 3, 1) + timedelta(days=n) if n % 5 else None,
        )  # fmt: skip
    expected = [p.pk for p in selectors.published_search(query="占道")[:20]]
    assert len(expected) == 12  # odd n, published: 15 odd numbers below 30, less n = 5, 15, 25
    assert _ids(client.get("/_bench/search/", {"q": "占道"})) == expected
