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


def test_every_page_holds_the_newest_decided_first_order_across_bodies(client, w, monkeypatch):
    """The pages are read body by body and merged (ADR 0088): concatenated, they are exactly the whole list — the later
    decision first, on the same day the later record — with three bodies' records decided on shared days."""
    from datetime import date, timedelta

    from fazhi.core import listing
    from fazhi.core.tests.listing_pages import walk_pages
    from fazhi.enforcement.models import Case
    from fazhi.publicity.models import Publication

    monkeypatch.setattr(listing.page_of, "__defaults__", (4,))
    bodies = [w.team, w.town, w.reviewer.body]
    day = date(2022, 5, 2)
    cases = Case.objects.bulk_create(
        Case(
            body=bodies[i % 3], status="decided", source="patrol", title=f"公开分页{i}", description="—", place="辛口镇",
            discovered_on=day, act_date=day, registered_by=w.officer1, party_kind="person", party_name=f"当事人{i}",
        )
        for i in range(14)
    )  # fmt: skip
    Publication.objects.bulk_create(
        Publication(
            case=case, body_id=case.body_id, kind="penalty", decision_number=f"辛口罚决字〔2022〕第{i}号",
            party_display=f"当事人{i}", violation_type="占道经营", penalty="罚款二百元",
            decided_on=day + timedelta(days=i // 3), original_text="—", original_sm3="0" * 64,
        )
        for i, case in enumerate(cases)
    )  # fmt: skip
    expected = [p.pk for p in sorted(Publication.objects.all(), key=lambda p: (p.decided_on, p.pk), reverse=True)]
    client.force_login(w.reviewer)
    assert walk_pages(client, URL, "publications") == (expected, 14)
