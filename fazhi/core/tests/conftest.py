"""Core's people: ``town``, ``other_town``, ``team`` and ``leader`` come from fazhi/conftest.py."""

import pytest

from fazhi.core.access import Role


@pytest.fixture
def admin_user(world):
    return world.admin


@pytest.fixture
def clerk(world):
    """A colleague in the same town without any role."""
    return world.person(world.team, last_name="王", first_name="测")


@pytest.fixture
def outsider(world):
    """张家窝镇's administrator and leader: every role core's pages ask for, in the other town."""
    return world.person(world.other_town, Role.ADMIN, Role.LEADER)
