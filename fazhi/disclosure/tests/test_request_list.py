"""The request list: 受理机关 and status filters, the body column, pagination, the .xlsx export of the filtered rows;
the clerk, a colleague without the role, and a clerk of another town."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.disclosure import services
from fazhi.disclosure.tests import factories as f

pytestmark = pytest.mark.usefixtures("in_2019")
URL = reverse("disclosure:request_list")


def sheet_rows(response) -> list[list]:
    ws = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def requests(world):
    open_one = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
    done = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 23))
    services.answer_request(
        actor=world.clerk, request=done, on=date(2019, 10, 8), outcome="disclosed.provided", content="提供"
    )
    theirs = f.request(world.outsider, world.other_town, submitted_on=date(2019, 9, 24))
    return open_one, done, theirs


def test_status_and_body_filters_with_the_body_column(client, world, requests, django_assert_max_num_queries):
    open_one, done, _ = requests
    client.force_login(world.clerk)
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"body": world.town.pk, "status": "answered"})
    assert [r.pk for r in response.context["items"]] == [done.pk]
    html = response.content.decode()
    assert "<th>受理机关</th>" in html and f'<td data-label="受理机关">{world.town.name}</td>' in html


def test_export_has_every_filtered_row_with_chinese_labels(client, world, requests):
    open_one, done, _ = requests
    client.force_login(world.clerk)
    rows = sheet_rows(client.get(URL, {"format": "xlsx"}))
    assert rows[0][:2] == ["登记号", "受理机关"]
    by_number = {r[0]: r for r in rows[1:]}
    assert set(by_number) == {open_one.number, done.number}
    assert by_number[done.number][7] == "已答复"
    assert by_number[done.number][8] == "予以公开，提供信息或告知获取方式、途径和时间"  # not disclosed.provided


def test_bad_values_fall_back_to_the_default(client, world, requests):
    client.force_login(world.clerk)
    for params in ({"body": "abc"}, {"status": "nonsense"}, {"page": "-5"}, {"body": world.other_town.pk}):
        response = client.get(URL, params)
        assert response.status_code == 200, params
        assert len(response.context["items"]) == 2


def test_colleague_without_the_role_is_refused_and_outsider_sees_only_their_town(client, world, requests):
    client.force_login(world.colleague)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "xlsx"}).status_code == 403
    client.force_login(world.outsider)
    assert [r[0] for r in sheet_rows(client.get(URL, {"format": "xlsx"}))[1:]] == [requests[2].number]
