import pytest
from django.urls import reverse

from fazhi.enforcement.tests.factories import case_at, make_world


@pytest.fixture
def w(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


def test_officer_sees_own_open_case_with_next_step_and_due_date(client, w):
    case = case_at(w, "filing")
    client.force_login(w.officer1)
    response = client.get(reverse("workbench:home"))
    rows = response.context["wb"].cases
    assert [row.case.pk for row in rows] == [case.pk]
    assert rows[0].next_step
    assert reverse("enforcement:case_detail", args=[case.pk]) in response.content.decode()


def test_leader_sees_case_waiting_for_filing_approval(client, w):
    case = case_at(w, "filing")
    client.force_login(w.leader)
    approvals = client.get(reverse("workbench:home")).context["wb"].approvals
    assert [row.case.pk for row in approvals] == [case.pk]


def test_officer_of_another_town_sees_none_of_the_cases(client, w):
    case_at(w, "filing")
    client.force_login(w.outsider)
    wb = client.get(reverse("workbench:home")).context["wb"]
    assert wb.cases == [] and wb.approvals == [] and wb.reviews == []
    assert "露天焚烧秸秆" not in client.get(reverse("workbench:home")).content.decode()


def test_colleague_without_a_role_has_no_case_panels(client, w):
    case_at(w, "filing")
    client.force_login(w.colleague)
    html = client.get(reverse("workbench:home")).content.decode()
    assert 'data-testid="my-cases"' not in html
    assert 'data-testid="awaiting-approval"' not in html
