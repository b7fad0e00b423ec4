"""公示监督's 已作出决定但尚未建立公开记录: decided cases with no publication record, in the supervisor's scope only,
found with NOT EXISTS on the record's case (ADR 0083)."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at
from fazhi.publicity.models import Publication
from fazhi.publicity.selectors import decided_without_record
from fazhi.publicity.tests.factories import open_pub

pytestmark = pytest.mark.django_db


def decided_without_opening_a_record(w, number):
    case = case_at(w, "ready")
    Case.objects.filter(pk=case.pk).update(decided_on=date(2022, 3, 20), decision_number=number)
    assert not Publication.objects.filter(case_id=case.pk).exists()
    return case


def test_only_decided_cases_without_a_record_are_listed_oldest_first(w):
    with_record = open_pub(w).case
    later = decided_without_opening_a_record(w, "辛综执罚决字〔2022〕第9号")
    earlier = decided_without_opening_a_record(w, "辛综执罚决字〔2022〕第8号")
    Case.objects.filter(pk=earlier.pk).update(decided_on=date(2022, 3, 18))
    undecided = case_at(w, "ready")
    listed = [c.pk for c in decided_without_record(w.supervisor)]
    assert listed == [earlier.pk, later.pk]
    assert with_record.pk not in listed and undecided.pk not in listed


def test_an_outsider_sees_none_of_the_towns_cases_without_a_record(client, w):
    number = "辛综执罚决字〔2022〕第7号"
    case = decided_without_opening_a_record(w, number)
    assert list(decided_without_record(w.outsider)) == []
    link = reverse("enforcement:case_detail", args=[case.pk])
    client.force_login(w.supervisor)
    page = client.get(reverse("publicity:supervision")).content.decode()
    assert link in page and number in page
    client.force_login(w.outsider)
    page = client.get(reverse("publicity:supervision")).content.decode()
    assert link not in page and number not in page
