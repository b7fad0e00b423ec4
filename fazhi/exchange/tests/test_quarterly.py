"""The quarterly statistics per body (.xlsx), from enforcement's figures for the quarter's dates."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from fazhi.enforcement.tests.factories import case_at
from fazhi.exchange.quarterly import FIGURES, quarter_dates

URL = "/exchange/quarterly/"


def _sheet(response):
    ws = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _row(rows, code):
    return next((r for r in rows if r[0] == code), None)


def test_quarter_dates():
    assert [str(d) for d in quarter_dates(2019, 1)] == ["2019-01-01", "2019-03-31"]
    assert [str(d) for d in quarter_dates(2020, 1)][1] == "2020-03-31"
    assert [str(d) for d in quarter_dates(2019, 4)] == ["2019-10-01", "2019-12-31"]


def test_a_leader_gets_the_quarters_figures_of_the_bodies_in_scope(client, w, django_assert_max_num_queries):
    case_at(w, "decided")  # 2022: inspected 03-04, decided 03-15 by ordinary procedure, fine 600 (case_at)
    client.force_login(w.leader)
    with django_assert_max_num_queries(25):  # one grouped query per figure, whatever the number of bodies
        response = client.get(URL, {"year": 2022, "quarter": 1})
    assert response.status_code == 200
    rows = _sheet(response)
    headers = rows[1]
    town = _row(rows, w.town.code)
    figure = dict(zip(headers, town, strict=False))
    assert figure["行政检查·办案中的现场检查（次）"] == 1  # case_at records one 现场检查
    assert figure["行政检查·双随机抽查（户次）"] == 0
    assert figure["行政处罚·普通程序（件）"] == 1
    assert Decimal(str(figure["罚款决定金额（元）"])) == Decimal("600")
    assert _row(rows, w.other.code) is None  # 张家窝镇 is outside 辛口镇's scope
    totals = _row(rows, "合计")
    assert totals[2 + [k for k, _ in FIGURES].index("penalties_ordinary")] == 1
    # The next quarter has none of it.
    q2 = _row(_sheet(client.get(URL, {"year": 2022, "quarter": 2})), w.town.code)
    assert q2[2:] == [0] * len(FIGURES)


def test_an_outsider_sees_only_their_own_town_and_others_are_refused(client, w):
    case_at(w, "decided")
    client.force_login(w.outsider)  # 张家窝镇's leader
    rows = _sheet(client.get(URL, {"year": 2022, "quarter": 1}))
    assert _row(rows, w.town.code) is None
    assert _row(rows, "合计")[2:] == [0] * len(FIGURES)
    client.force_login(w.officer1)  # an officer holds none of the roles the statistics are for
    assert client.get(URL, {"year": 2022, "quarter": 1}).status_code == 403
    client.logout()
    assert client.get(URL, {"year": 2022, "quarter": 1}).status_code == 302  # to the login page


def test_bad_parameters_are_400_in_chinese(client, w):
    client.force_login(w.leader)
    for params, words in (
        ({"year": "x", "quarter": 1}, "year"),
        ({"year": 2019, "quarter": 5}, "quarter"),
        ({}, "year"),
    ):
        response = client.get(URL, params)
        assert response.status_code == 400
        assert words in response.content.decode()
