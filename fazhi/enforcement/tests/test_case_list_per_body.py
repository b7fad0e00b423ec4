"""The case list's pages read body by body (ADR 0088): every page holds exactly the rows of the plain order — newest
discovered first, then the later-registered first — across bodies, with ties on the date, with the state and
执法机关 filters, and above the branch limit; the total is the same whether counted per body or by the query."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core import listing
from fazhi.core.tests.listing_pages import walk_pages
from fazhi.enforcement.models import Case

URL = reverse("enforcement:case_list")
PER_PAGE = 5


@pytest.fixture
def spread(w, monkeypatch):
    """23 cases over three bodies of 辛口镇 (the team, the town, the 司法所), their dates interleaved and often shared,
    every third one still a lead; and three of 张家窝镇, which 辛口镇's officer never sees."""
    monkeypatch.setattr(listing.page_of, "__defaults__", (PER_PAGE,))
    bodies = [w.team, w.town, w.reviewer.body]
    start = date(2022, 3, 1)
    rows = [
        Case(
            body=bodies[i % 3], status="lead" if i % 3 == 0 else "investigating", source="patrol",
            title=f"分页案件{i}", description="—", place="辛口镇", discovered_on=start + timedelta(days=i // 4),
            act_date=start, registered_by=w.officer1, party_kind="person", party_name=f"当事人{i}",
        )
        for i in range(23)
    ] + [
        Case(
            body=w.other, status="lead", source="patrol", title=f"他镇案件{i}", description="—", place="张家窝镇",
            discovered_on=start + timedelta(days=30), act_date=start, registered_by=w.outsider, party_kind="person",
            party_name=f"他镇当事人{i}",
        )
        for i in range(3)
    ]  # fmt: skip
    Case.objects.bulk_create(rows)
    return Case.objects.filter(title__startswith="分页案件")


def newest_first(cases) -> list[int]:
    """The list's order as the page promises it: the later discovery first, and on the same day the later case."""
    return [c.pk for c in sorted(cases, key=lambda c: (c.discovered_on, c.pk), reverse=True)]


def all_pages(client, **params) -> tuple[list[int], int]:
    return walk_pages(client, URL, "cases", **params)


def test_every_page_holds_the_newest_first_order_across_bodies_with_shared_dates(w, client, spread):
    client.force_login(w.officer1)
    ids, total = all_pages(client)
    assert ids == newest_first(spread)
    assert total == 23


def test_the_state_and_body_filters_page_the_same_order_and_count_only_their_rows(w, client, spread):
    client.force_login(w.officer1)
    leads = [c for c in spread if c.status == "lead"]
    assert all_pages(client, status="lead") == (newest_first(leads), 8)  # i = 0, 3, …, 21
    team = [c for c in spread if c.body_id == w.team.pk]
    assert all_pages(client, body=w.team.pk) == (newest_first(team), 8)  # i = 0, 3, …, 21: the team's share


def test_a_page_reads_each_body_holding_cases_on_its_own_branch(w, client, spread):
    client.force_login(w.officer1)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"page": 2})
    rows_query = [
        q["sql"] for q in queries.captured_queries if '"title"' in q["sql"] and "enforcement_case" in q["sql"]
    ]
    assert len(rows_query) == 1
    assert rows_query[0].count("UNION ALL") == 2  # three bodies hold 辛口镇's cases
    assert f"LIMIT {2 * PER_PAGE}" in rows_query[0]  # each branch stops at the end of page 2


def test_above_the_branch_limit_the_plain_order_gives_the_same_pages(w, client, spread, monkeypatch):
    monkeypatch.setattr(listing.PerBodyPages, "MAX_BRANCHES", 2)
    client.force_login(w.officer1)
    ids, total = all_pages(client)
    assert ids == newest_first(spread)
    assert total == 23


def test_the_outsider_pages_only_their_own_towns_cases(w, client, spread):
    client.force_login(w.outsider)
    ids, total = all_pages(client)
    assert total == 3
    assert set(ids) == set(Case.objects.filter(title__startswith="他镇案件").values_list("pk", flat=True))


def test_a_filter_matching_nothing_gives_an_empty_page_not_an_error(w, client, spread):
    client.force_login(w.officer1)
    for params in ({"status": "court"}, {"q": "没有这个词"}, {"year": 1999}, {"body": w.team.pk, "status": "closed"}):
        response = client.get(URL, params)
        assert response.status_code == 200, params
        assert response.context["total"] == 0 and list(response.context["cases"]) == []
        assert "没有符合条件的案件。" in response.content.decode()
