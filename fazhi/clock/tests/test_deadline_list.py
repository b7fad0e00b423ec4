"""期限台账: the 执法机关 filter (a body and those below it), the body column, pagination, the .xlsx export of the
filtered rows, scope, and bad filter values (never a 500)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.tests.factories import make_deadline

pytestmark = pytest.mark.django_db
URL = reverse("clock:deadlines")


def sheet_rows(response) -> list[list]:
    ws = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(min_row=3, values_only=True)]


@pytest.fixture
def rows(town, team, other_town):
    return {
        "town": make_deadline(town, label="镇政府某决定公开"),
        "team": make_deadline(team, label="大队某决定公开"),
        "other": make_deadline(other_town, label="张家窝镇某决定公开"),
    }


def test_filter_by_a_body_keeps_its_subtree_and_shows_the_body_column(client, clerk, town, team, rows):
    client.force_login(clerk)
    whole = client.get(URL, {"body": town.pk}).content.decode()
    assert "镇政府某决定公开" in whole and "大队某决定公开" in whole and "<th>执法机关</th>" in whole
    only_team = client.get(URL, {"body": team.pk}).content.decode()
    assert "大队某决定公开" in only_team and "镇政府某决定公开" not in only_team
    assert f'<td data-label="执法机关">{team.name}</td>' in only_team


def test_export_reads_back_with_the_filtered_rows(client, clerk, team, rows):
    client.force_login(clerk)
    response = client.get(URL, {"body": team.pk, "state": "overdue", "format": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = sheet_rows(response)
    assert [r[2] for r in data] == ["大队某决定公开"]
    assert data[0][6] == team.name and data[0][7] == "已超期"


def test_the_page_costs_the_same_queries_for_one_row_or_many(client, clerk, team, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_deadline(team, label="事项")
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for n in range(30):
        make_deadline(team, label=f"事项{n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(URL).status_code == 200
    assert len(one.captured_queries) <= 12


def test_bad_filter_values_fall_back_to_the_default(client, clerk, rows):
    client.force_login(clerk)
    for params in ({"body": "x"}, {"body": "-1"}, {"body": "99999999999999999999"}, {"page": "-2"}, {"state": "??"}):
        response = client.get(URL, params)
        assert response.status_code == 200, params
        assert "镇政府某决定公开" in response.content.decode()


def test_outsider_sees_and_exports_only_their_town(client, outsider, town, rows):
    client.force_login(outsider)
    html = client.get(URL, {"body": town.pk}).content.decode()  # a body out of scope is ignored
    assert "张家窝镇某决定公开" in html and "大队某决定公开" not in html
    assert [r[2] for r in sheet_rows(client.get(URL, {"format": "xlsx"}))] == ["张家窝镇某决定公开"]


def test_every_page_holds_the_soonest_first_order_across_bodies_with_shared_due_dates(
    client, clerk, town, team, monkeypatch
):
    """The pages are read body by body and merged (ADR 0088): concatenated, they are exactly the whole list in
    (due date, then the earlier-opened) order, with the town's and the team's deadlines falling due on the same days."""
    from datetime import date, timedelta

    from fazhi.core import listing
    from fazhi.core.models import Deadline
    from fazhi.core.tests.listing_pages import walk_pages

    monkeypatch.setattr(listing.page_of, "__defaults__", (4,))
    for n in range(11):  # 10 working days from a start that moves one week every two deadlines: shared due dates
        make_deadline(team if n % 2 else town, start=date(2019, 9, 2) + timedelta(weeks=n // 2), label=f"事项{n}")
    expected = [d.pk for d in sorted(Deadline.objects.filter(body__in=[town, team]), key=lambda d: (d.due_date, d.pk))]
    assert len({d.due_date for d in Deadline.objects.all()}) < 11  # some fall due on the same day
    client.force_login(clerk)
    assert walk_pages(client, URL, "deadlines") == (expected, 11)
