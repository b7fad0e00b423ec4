import pytest

from fazhi.core.access import Role
from fazhi.core.tests.factories import make_town, make_unit, make_user


@pytest.fixture
def town(db):
    return make_town("辛口镇")


@pytest.fixture
def other_town(db):
    return make_town("张家窝镇")


@pytest.fixture
def team(town):
    return make_unit(town)


@pytest.fixture
def admin_user(town):
    return make_user(town, Role.ADMIN)


@pytest.fixture
def clerk(team):
    """A colleague in the same town without any role."""
    return make_user(team)


@pytest.fixture
def leader(town):
    return make_user(town, Role.LEADER)


@pytest.fixture
def outsider(other_town):
    return make_user(other_town, Role.ADMIN, Role.LEADER)
