"""Review pages with the three users of every page: the town's reviewer (allowed), a colleague without the role, and a
reviewer of another town."""

import pytest
from django.urls import reverse

from fazhi.review import catalogue, selectors
from fazhi.review.models import CatalogueEntry, ReviewState
from fazhi.review.rules import POINT_KEYS
from fazhi.review.tests.factories import SUBJECT, submit

pytestmark = pytest.mark.django_db

TYPE, ID, LABEL = SUBJECT


def as_user(client, user):
    client.force_login(user)
    return client


def opinion_form(conclusion="agree", failing=(), opinion=""):
    form = {"conclusion": conclusion, "opinion": opinion}
    for key in POINT_KEYS:
        form[f"ok_{key}"] = "0" if key in failing else "1"
        form[f"note_{key}"] = ""
    return form


def test_pages_need_login(client, world):
    request = submit(world)
    for url in (reverse("review:queue"), reverse("review:detail", args=[request.pk]), reverse("review:catalogue")):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_queue_shows_the_pending_round_to_the_towns_reviewer_only(client, world, outside_reviewer):
    submit(world)
    assert LABEL in as_user(client, world.reviewer).get(reverse("review:queue")).content.decode()
    assert LABEL not in as_user(client, world.officer).get(reverse("review:queue")).content.decode()
    assert LABEL not in as_user(client, outside_reviewer).get(reverse("review:queue")).content.decode()


def test_round_of_another_town_is_404(client, world, outside_reviewer):
    request = submit(world)
    assert as_user(client, outside_reviewer).get(reverse("review:detail", args=[request.pk])).status_code == 404


def test_reviewer_gives_the_opinion_from_the_page(client, world):
    request = submit(world)
    url = reverse("review:detail", args=[request.pk])
    response = as_user(client, world.reviewer).post(url, opinion_form())
    assert response.status_code == 302 and response["Location"] == url
    assert selectors.has_passed(TYPE, ID)


def test_bad_opinion_rerenders_with_the_reason_and_changes_nothing(client, world):
    request = submit(world)
    response = as_user(client, world.reviewer).post(
        reverse("review:detail", args=[request.pk]), opinion_form(conclusion="problems", opinion="有问题")
    )
    assert response.status_code == 400
    assert "至少标明一项不符合的审核内容" in response.content.decode()
    request.refresh_from_db()
    assert request.state == ReviewState.PENDING


def test_colleague_without_the_role_cannot_give_the_opinion_from_the_page(client, world):
    request = submit(world)
    response = as_user(client, world.officer).post(reverse("review:detail", args=[request.pk]), opinion_form())
    assert response.status_code == 400 and "法制审核人员" in response.content.decode()
    request.refresh_from_db()
    assert request.state == ReviewState.PENDING


def test_leader_adds_a_catalogue_entry_and_a_bad_amount_is_named(client, world):
    client = as_user(client, world.leader)
    response = client.post(reverse("review:catalogue"), {"name": "较大数额罚款", "min_amount": "10000"})
    assert response.status_code == 302
    assert CatalogueEntry.objects.filter(body=world.town, name="较大数额罚款").count() == 1
    response = client.post(reverse("review:catalogue"), {"name": "另一事项", "min_amount": "一万元"})
    assert response.status_code == 400 and "涉案金额应为数字" in response.content.decode()
    assert CatalogueEntry.objects.count() == 1


def test_catalogue_entry_of_another_town_is_404_to_retire(client, world, outside_reviewer):
    entry = catalogue.add_entry(actor=world.leader, body=world.town, name="较大数额罚款", penalty_kind="罚款")
    response = as_user(client, outside_reviewer).post(reverse("review:catalogue_retire", args=[entry.pk]))
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.active
