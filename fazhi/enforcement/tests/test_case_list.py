"""The case list: 执法机关 and state filters, the body column, pagination, the .xlsx export of the filtered rows, and
scope (an officer, a colleague without the officer role, an outsider from another town)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.enforcement.tests.factories import case_at

URL = reverse("enforcement:case_list")


def sheet_rows(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def cases(w):
    return [case_at(w, "investigating"), case_at(w, "investigating"), case_at(w, "lead")]


def test_list_shows_the_body_column_and_filters_by_body_and_state(w, client, cases, django_assert_max_num_queries):
    client.force_login(w.officer1)
    # A fixed number of queries (session, user, scope, the body select, count, page): none per row.
    with django_assert_max_num_queries(12):
        page = client.get(URL, {"body": w.town.pk, "status": "investigating"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "<th>执法机关</th>" in text and w.town.name in text
    assert len(page.context["cases"]) == 2
    choices = [c.id for c in page.context["body_filter"].choices]
    assert w.town.pk in choices and w.other.pk not in choices  # only bodies in scope that hold cases


def test_a_body_outside_scope_or_garbage_is_ignored_not_a_500(w, client, cases):
    client.force_login(w.officer1)
    # (A year out of range is refused with a 400 naming 年度: test_bad_input.py.)
    for params in ({"body": w.other.pk}, {"body": "abc"}, {"page": "-3"}, {"page": "x"}):
        response = client.get(URL, params)
        assert response.status_code == 200, params
        assert response.context["total"] == 3


def test_export_holds_every_filtered_row_not_just_the_page(w, client, cases):
    client.force_login(w.officer1)
    rows = sheet_rows(client.get(URL, {"status": "investigating", "format": "xlsx"}))
    assert rows[0][:3] == ["案号", "决定书文号", "执法机关"]
    assert len(rows[1:]) == 2
    assert {r[2] for r in rows[1:]} == {w.town.name}
    assert all(r[8] == "调查取证" or r[8] for r in rows[1:])


def test_pagination_splits_fifty_a_page(w, client, monkeypatch, cases):
    from fazhi.core import listing

    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    monkeypatch.setattr(listing.page_of, "__defaults__", (2,))
    client.force_login(w.officer1)
    first, second = client.get(URL), client.get(URL, {"page": 2})
    assert len(first.context["cases"]) == 2 and len(second.context["cases"]) == 1
    assert "第 1 / 2 页" in first.content.decode()


def test_colleague_without_the_role_reads_the_list_and_the_outsider_sees_none(w, client, cases):
    client.force_login(w.colleague)
    assert client.get(URL).context["total"] == 3
    client.force_login(w.outsider)
    response = client.get(URL)
    assert response.context["total"] == 0
    assert sheet_rows(client.get(URL, {"format": "xlsx"}))[1:] == []
