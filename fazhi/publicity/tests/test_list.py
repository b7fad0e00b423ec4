"""The publication list: 执法机关 and state filters, the body column, pagination, the .xlsx export of the filtered
rows (summary fields only), scope."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.publicity.tests.factories import PARTY_ID, long_retention, open_pub

URL = reverse("publicity:list")


def sheet_rows(response) -> list[list]:
    ws = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def pubs(w):
    long_retention(w)
    return [open_pub(w), open_pub(w)]


def test_list_filters_by_body_and_state_and_shows_the_body(client, w, pubs, django_assert_max_num_queries):
    client.force_login(w.reviewer)
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"body": w.town.pk, "state": "pending"})
    assert {p.pk for p in response.context["publications"]} == {p.pk for p in pubs}
    assert f'<td data-label="执法机关">{w.town.name}</td>' in response.content.decode()
    assert list(client.get(URL, {"state": "published"}).context["publications"]) == []


def test_export_reads_back_without_the_original_text(client, w, pubs):
    client.force_login(w.reviewer)
    response = client.get(URL, {"format": "xlsx"})
    rows = sheet_rows(response)
    assert rows[0][:2] == ["决定书文号", "执法机关"]
    assert {r[0] for r in rows[1:]} == {p.decision_number for p in pubs}
    assert {r[7] for r in rows[1:]} == {"待审核公开"}
    assert not any(PARTY_ID in str(cell) for row in rows for cell in row)


def test_bad_values_are_ignored(client, w, pubs):
    client.force_login(w.reviewer)
    for params in ({"body": "1; drop"}, {"state": "x"}, {"page": "0"}, {"page": "99"}):
        response = client.get(URL, params)
        assert response.status_code == 200, params


def test_colleague_is_refused_and_outsider_sees_none(client, w, pubs):
    client.force_login(w.colleague)
    assert client.get(URL, {"format": "xlsx"}).status_code == 403
    client.force_login(w.outsider)
    assert sheet_rows(client.get(URL, {"format": "xlsx"}))[1:] == []
