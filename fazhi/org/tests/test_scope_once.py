"""A person's scope is looked up once per user object and read inside each list's own query (ADR 0083): fewer round
trips, and still exactly their town (or district) — an outsider gets nothing of it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from fazhi.core.selectors import get_setting
from fazhi.core.services import change_setting
from fazhi.enforcement.selectors import cases_visible_to
from fazhi.org import rules, selectors
from fazhi.org.models import BodyKind, User
from fazhi.org.tests.factories import make_body

pytestmark = pytest.mark.django_db


def fresh(user):
    return User.objects.get(pk=user.pk)  # as the login middleware loads it: nothing cached, the body not loaded


def test_the_body_and_the_bodies_above_it_are_read_once_for_town_district_and_province(org, django_assert_num_queries):
    officer = fresh(org.officer)
    with django_assert_num_queries(1):
        assert selectors.scope_root(officer) == org.town
    with django_assert_num_queries(0):
        assert selectors.scope_root(officer) == org.town
        assert officer.body == org.team
        assert selectors.town_of(officer.body) == org.town
        assert selectors.district_of(officer.body) == org.district
        assert selectors.province_of(officer.body) == "天津市"


def test_the_scope_subquery_is_the_users_subtree_and_adds_no_round_trip(org, django_assert_num_queries):
    officer = fresh(org.officer)
    selectors.scope_root(officer)
    with django_assert_num_queries(1):
        ids = set(selectors.visible_body_id_query(officer).values_list("id", flat=True))
    assert ids == selectors.visible_body_ids(officer) == {org.town.pk, org.team.pk, org.office.pk}
    supervisor = fresh(org.supervisor)
    assert set(selectors.visible_body_id_query(supervisor).values_list("id", flat=True)) == set(
        selectors.subtree(org.district).values_list("id", flat=True)
    )


def test_an_outsider_a_user_without_a_body_and_an_anonymous_visitor_see_none_of_the_town(org):
    outsider = fresh(org.outsider)
    ids = set(selectors.visible_body_id_query(outsider).values_list("id", flat=True))
    assert ids == {org.other_town.pk, org.other_team.pk}
    assert not ids & {org.town.pk, org.team.pk, org.office.pk}
    nobody = User.objects.create_user("nobody", password="x-long-password-1")
    assert list(selectors.visible_body_id_query(nobody)) == []
    assert list(selectors.visible_body_id_query(AnonymousUser())) == []
    assert list(cases_visible_to(AnonymousUser())) == []


def test_a_user_moved_to_another_body_is_looked_up_afresh(org):
    officer = fresh(org.officer)
    assert selectors.scope_root(officer) == org.town
    officer.body = org.other_team
    assert selectors.scope_root(officer) == org.other_town
    assert set(selectors.visible_body_id_query(officer).values_list("id", flat=True)) == {
        org.other_town.pk,
        org.other_team.pk,
    }


def test_a_body_added_after_the_lookup_is_in_scope_at_once(org):
    officer = fresh(org.officer)
    selectors.scope_root(officer)
    unit = make_body("辛口镇新设科室", BodyKind.UNIT, org.town)
    assert unit.pk in set(selectors.visible_body_id_query(officer).values_list("id", flat=True))


def test_a_setting_is_read_in_one_query_and_the_nearest_body_wins(org, django_assert_num_queries):
    key = rules.EXPIRY_WINDOW_SETTING
    change_setting(actor=org.admin, key=key, value=90)
    change_setting(actor=org.admin, key=key, value=45, body=org.district)
    change_setting(actor=org.admin, key=key, value=30, body=org.town)
    with django_assert_num_queries(1):
        assert get_setting(key, body_id=org.team.pk) == 30
    assert get_setting(key, body_id=org.town.pk) == 30
    assert get_setting(key, body_id=org.other_team.pk) == 45
    assert get_setting(key, body_id=None) == 90
    assert get_setting(key, body_id=999_999) == 90
    assert get_setting("org.no_such_setting", body_id=org.team.pk, default=7) == 7
