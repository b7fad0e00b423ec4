"""The portal's search results read the cheap way (ADR 0084): a common word's page looked for among the newest records
first gives the same rows as the whole table; the count stops past the cap and the page says so; the 执法机关 list
holds only bodies with a record on the portal today."""

from datetime import timedelta

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.publicity import public, selectors, services
from fazhi.publicity.models import Publication
from fazhi.publicity.selectors import portal_results, published_bodies, published_search
from fazhi.publicity.tests.factories import long_retention, open_pub

SEARCH = reverse("publicity_public:search")


@pytest.fixture
def six(w):
    """Six published records, newest first in the portal's order; the word 焚烧 is in the 1st, 3rd, 4th and 6th."""
    long_retention(w)
    pubs = []
    for n in range(6):
        pub = open_pub(w)
        pubs.append(services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on + timedelta(days=1 + n)))
    newest_first = list(reversed(pubs))
    for n, pub in enumerate(newest_first):
        words = "露天焚烧秸秆" if n in (0, 2, 3, 5) else "占道经营"
        Publication.objects.filter(pk=pub.pk).update(violation_type=words, penalty="罚款", party_display=f"孙某{n}")
    return newest_first


def ids(rows) -> list[int]:
    return [p.pk for p in rows]


def test_a_common_words_page_found_in_the_newest_window_equals_the_whole_tables(six, monkeypatch):
    monkeypatch.setattr(selectors, "_window_first", lambda: True)  # PostgreSQL's path, on either database
    monkeypatch.setattr(selectors, "COMMON", 1)  # four matches make 焚烧 common here
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 4)  # the newest four records, pages up to one row
    expected = ids(published_search(query="焚烧"))
    assert expected == [six[0].pk, six[2].pk, six[3].pk, six[5].pk]
    results = portal_results(query="焚烧")
    assert ids(results[0:1]) == expected[:1]
    assert [ids(portal_results(query="焚烧")[n : n + 1]) for n in range(4)] == [[pk] for pk in expected]


def test_a_word_missing_from_the_newest_window_falls_back_to_the_whole_table(six, monkeypatch):
    monkeypatch.setattr(selectors, "_window_first", lambda: True)
    monkeypatch.setattr(selectors, "COMMON", 0)
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 4)
    Publication.objects.filter(pk__in=ids(six[:4])).update(violation_type="占道经营")  # only the two oldest burn
    assert ids(portal_results(query="焚烧")[0:1]) == [six[5].pk]
    assert ids(portal_results(query="焚烧")[0:1]) == ids(published_search(query="焚烧")[:1])


def test_the_count_stops_past_the_limit_and_an_exact_count_answers_any_limit(six):
    results = portal_results(query="焚烧")
    assert results.count_upto(3) == 3
    assert results.count_upto(10) == 4
    assert results.count_upto(2) == 2
    assert results.count() == 4
    assert portal_results(query="不存在的词").count_upto(1001) == 0


def test_the_portal_says_more_than_the_cap_and_pages_only_that_far(client, six, monkeypatch):
    monkeypatch.setattr(public, "PORTAL_SEARCH_CAP", 3)
    monkeypatch.setattr(public, "PORTAL_PAGE_SIZE", 1)
    response = client.get(SEARCH, {"q": "焚烧"})
    page = response.context["page"]
    assert response.status_code == 200
    assert page.paginator.more and page.paginator.num_pages == 3
    assert "超过 3 条" in response.content.decode()
    last = client.get(SEARCH, {"q": "焚烧", "page": 99}).context["page"]
    assert last.number == 3 and ids(last.object_list) == [six[3].pk]


def test_the_portal_gives_the_exact_count_under_the_cap(client, six):
    response = client.get(SEARCH, {"q": "占道"})
    assert response.context["page"].paginator.count == 2
    assert "共 2 条" in response.content.decode() and "超过" not in response.content.decode()


def test_a_bad_search_is_a_400_with_no_rows(client, six):
    response = client.get(SEARCH, {"date_from": "2022-13-45"})
    assert response.status_code == 400
    assert list(response.context["page"].object_list) == []


def test_the_body_list_holds_only_bodies_with_a_record_on_the_portal_today(w, six):
    assert list(published_bodies()) == [w.town]
    Publication.objects.filter(pk__in=ids(six)).update(retire_on=clock.today() - timedelta(days=1))
    assert list(published_bodies()) == []
    Publication.objects.filter(pk=six[0].pk).update(retire_on=None)
    assert list(published_bodies()) == [w.town]


def test_a_page_read_as_rows_holds_the_same_records_in_the_same_order_on_both_paths(six, monkeypatch):
    by_record = [ids(portal_results(query="焚烧")[n : n + 2]) for n in (0, 2)]
    as_rows = [portal_results(query="焚烧", rows=public._portal_rows())[n : n + 2] for n in (0, 2)]
    assert [ids(page) for page in as_rows] == by_record == [[six[0].pk, six[2].pk], [six[3].pk, six[5].pk]]
    first = as_rows[0][0]
    assert first.url == f"/gongkai/jieguo/{six[0].pk}/" and first.violation_type == "露天焚烧秸秆"
    assert first.decided_on == six[0].decided_on.isoformat() and first.body_name == six[0].body.name
    monkeypatch.setattr(selectors, "_window_first", lambda: True)  # the newest-window path reads rows the same way
    monkeypatch.setattr(selectors, "COMMON", 1)
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 4)
    assert ids(portal_results(query="焚烧", rows=public._portal_rows())[0:1]) == [six[0].pk]


def test_the_newest_window_ends_inside_a_day_of_many_records_by_their_order_not_their_date(six, monkeypatch):
    """All six published the same day: the portal orders them by id, newest first, and a window of four ends at the
    fourth of them — the two oldest are outside it even though they share its date."""
    Publication.objects.filter(pk__in=ids(six)).update(published_on=six[0].published_on)
    monkeypatch.setattr(selectors, "_window_first", lambda: True)
    monkeypatch.setattr(selectors, "COMMON", 1)
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 4)
    by_id = sorted((p.pk for p in six), reverse=True)
    burning = [pk for pk in by_id if "焚烧" in Publication.objects.get(pk=pk).violation_type]
    assert ids(published_search(query="焚烧")) == burning
    assert [ids(portal_results(query="焚烧")[n : n + 1]) for n in range(len(burning))] == [[pk] for pk in burning]


def test_the_owning_bodies_are_found_by_skipping_through_the_body_index(w, six):
    from fazhi.org.selectors import body_ids_owning

    assert body_ids_owning(Publication) == [w.town.pk]
    Publication.objects.filter(pk=six[0].pk).update(body=w.team)  # a second owner, whatever its record's state
    Publication.objects.filter(pk=six[0].pk).update(state="pending", published_on=None)
    assert body_ids_owning(Publication) == sorted([w.town.pk, w.team.pk])
    assert list(published_bodies()) == [w.town]  # the team owns a record, but none on the portal
