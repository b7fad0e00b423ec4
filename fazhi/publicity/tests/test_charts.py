"""Charts on the statistics and supervision pages: per town (every town in scope, zeros included), per month, the
on-time rate; each with its numbers in a table and an .xlsx of those numbers; the page opens on the latest year
with data. The leader (allowed), a colleague without the role, and an outsider from another town."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.access import Role
from fazhi.enforcement.tests.factories import case_at, person

STATISTICS = reverse("publicity:statistics")
SUPERVISION = reverse("publicity:supervision")


def sheet(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = []
    for row in load_workbook(BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True):
        if all(v is None for v in row):
            break  # a note follows the table
        rows.append(list(row))
    return rows


@pytest.fixture
def decided(w):
    case_at(w, "executed", fine=Decimal("600"))
    case_at(w, "decided", fine=Decimal("900"))
    w.district_supervisor = person(w.district, Role.SUPERVISOR, name="冯")
    return w


def test_statistics_open_on_the_latest_year_with_decisions_not_the_empty_current_one(client, decided):
    client.force_login(decided.leader)
    response = client.get(STATISTICS)
    assert response.status_code == 200
    assert response.context["year"] == 2022
    html = response.content.decode()
    assert 'data-testid="chart-towns"' in html and 'data-testid="chart-months"' in html
    assert 'aria-label="2022年各月行政处罚决定数（件）"' in html


def test_per_town_chart_has_every_town_in_the_district_and_its_table_exports(client, decided):
    w = decided
    client.force_login(w.district_supervisor)
    response = client.get(STATISTICS, {"year": 2022})
    towns = response.context["figures"][0]
    by_town = {row[0]: row[1:] for row in towns.rows}
    assert by_town == {"张家窝镇": [0, 0, 0], "辛口镇": [0, 2, 2]}  # 张家窝镇 with zero, too
    rows = sheet(client.get(STATISTICS, {"year": 2022, "format": "xlsx", "chart": "towns"}))
    assert rows[0] == ["镇（街）", "简易程序", "普通程序", "合计"]
    assert sorted(rows[1:]) == [["张家窝镇", 0, 0, 0], ["辛口镇", 0, 2, 2]]


def test_per_month_chart_counts_by_decision_date(client, decided):
    client.force_login(decided.leader)
    months = client.get(STATISTICS, {"year": 2022}).context["figures"][1]
    by_month = {row[0]: row[1] for row in months.rows}
    assert sum(by_month.values()) == 2 and len(by_month) == 12
    exported = sheet(client.get(STATISTICS, {"year": 2022, "format": "xlsx", "chart": "months"}))
    assert exported[0] == ["月份", "辛口镇"] and len(exported) == 13


def test_statistics_charts_are_refused_to_a_colleague_and_empty_for_an_outsider(client, decided):
    w = decided
    client.force_login(w.colleague)
    assert client.get(STATISTICS, {"format": "xlsx", "chart": "towns"}).status_code == 403
    client.force_login(w.outsider)
    response = client.get(STATISTICS, {"year": 2022, "format": "xlsx", "chart": "towns"})
    assert sheet(response)[1:] == [["张家窝镇", 0, 0, 0]]


def test_supervision_has_a_row_per_town_with_its_on_time_rate_and_an_export(client, decided):
    w = decided
    client.force_login(w.district_supervisor)
    response = client.get(SUPERVISION)
    assert response.status_code == 200
    rows = {r["body"]: r for r in response.context["rows"]}
    assert set(rows) == {"辛口镇", "张家窝镇"}
    assert rows["张家窝镇"]["due"] == 0 and rows["张家窝镇"]["rate"] is None
    html = response.content.decode()
    assert (
        'data-testid="chart-on-time"' in html
        and "按期公开率" in html
        and '<th scope="row" class="fw-normal">张家窝镇</th>' in html
    )
    exported = sheet(client.get(SUPERVISION, {"format": "xlsx", "chart": "on_time"}))
    assert exported[0][-1] == "按期公开率（%）" and {r[0] for r in exported[1:]} == {"辛口镇", "张家窝镇"}


def test_supervision_for_a_colleague_and_an_outsider(client, decided):
    w = decided
    client.force_login(w.colleague)
    assert client.get(SUPERVISION, {"format": "xlsx", "chart": "on_time"}).status_code == 403
    client.force_login(w.outsider)
    assert {r["body"] for r in client.get(SUPERVISION).context["rows"]} == {"张家窝镇"}
