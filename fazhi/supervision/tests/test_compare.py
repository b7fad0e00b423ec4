"""The comparison page: per town over a period, the numbers behind each chart, .xlsx, and scope."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.enforcement.tests.factories import case_at
from fazhi.supervision import comparison
from fazhi.supervision.overview import units_for

pytestmark = pytest.mark.django_db
URL = reverse("supervision:compare")


def test_figures_per_town(w, sup):
    case_at(w, "closed")  # filed 2022-03-03, decided 2022-03-15: 12 days
    case_at(w, "closed")
    units, label = units_for(sup)
    assert label == "镇（街）" and [u.name for u in units] == ["辛口镇", "张家窝镇"]
    rows, recorded = comparison.rows_for(sup, units, date(2022, 1, 1), date(2022, 12, 31), today=date(2026, 12, 1))
    xinkou, zhangjiawo = rows
    assert xinkou.decided == 2 and xinkou.average_days == 12.0
    assert zhangjiawo.average_days is None
    assert xinkou.officers == 4 and xinkou.certified == 3 and xinkou.certified_share == 75.0  # 3 of 4 officers
    assert recorded == {"hearings": False, "reconsiderations": False, "lawsuits": False}
    assert comparison.table(rows, recorded)[0][5] == comparison.NO_RECORD


def test_page_charts_tables_and_exports(client, w, sup):
    case_at(w, "closed")
    client.force_login(sup)
    page = client.get(URL, {"from": "2022-01-01", "to": "2022-12-31"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="chart-on_time"' in text or "chart-on_time" in text
    assert "无记录" in text
    for chart in ("days", "months"):
        response = client.get(URL, {"from": "2022-01-01", "to": "2022-12-31", "format": "xlsx", "chart": chart})
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(URL, {"format": "xlsx"}).status_code == 200
    assert client.get(URL, {"from": "2022-12-31", "to": "2022-01-01"}).status_code == 400
    assert client.get(URL, {"from": "垃圾", "to": "x"}).status_code == 200


def test_a_town_sees_its_own_bodies_only(client, w):
    client.force_login(w.outsider)
    page = client.get(URL)
    assert page.status_code == 200 and "辛口" not in page.content.decode()
    client.force_login(w.officer1)
    assert client.get(URL).status_code == 403
