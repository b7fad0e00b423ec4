"""The reads other apps make of the power list (the portal, enforcement), through law's selectors."""

import pytest

from fazhi.core.access import Role
from fazhi.law import selectors
from fazhi.law.services import create_power_item
from fazhi.law.tests.factories import staff, town
from fazhi.law.tests.test_powers import burning_spec


@pytest.fixture
def two_towns(laws):
    (xinkou, team), (other, other_team) = town("辛口镇"), town("张家窝镇")
    item = create_power_item(actor=None, body=team, code="XK-CF-001", spec=burning_spec())
    foreign = create_power_item(actor=None, body=other_team, code="ZJW-CF-001", spec=burning_spec())
    return xinkou, team, other, item, foreign


def test_power_items_under_a_town_include_its_teams_and_nothing_else(two_towns):
    xinkou, _team, other, item, foreign = two_towns
    assert list(selectors.power_items_under(xinkou)) == [item]
    assert list(selectors.power_items_under(other)) == [foreign]
    assert set(selectors.body_ids_with_power_items().values_list("body_id", flat=True)) == {
        item.body_id,
        foreign.body_id,
    }
    assert list(selectors.power_item_with_id(item.pk)) == [item]


def test_a_version_outside_the_users_scope_is_not_found_and_a_level_must_belong_to_the_version(two_towns):
    _xinkou, team, _other, item, foreign = two_towns
    officer = staff(team, Role.OFFICER)
    version, foreign_version = item.versions.get(), foreign.versions.get()
    assert selectors.power_version_visible_to(officer, version.pk) == version
    assert selectors.power_version_visible_to(officer, foreign_version.pk) is None
    level = version.benchmark_levels.first()
    assert selectors.benchmark_level_of(version, level.pk) == level
    assert selectors.benchmark_level_of(version, foreign_version.benchmark_levels.first().pk) is None
