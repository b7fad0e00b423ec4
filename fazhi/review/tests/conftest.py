import pytest

from fazhi.core.access import Role


@pytest.fixture
def reviewer(world):
    """辛口镇's 法制审核人员 (司法所)."""
    return world.reviewer


@pytest.fixture
def outside_reviewer(world):
    """张家窝镇's 法制审核人员: the role, but not the town."""
    return world.person(world.other_town, Role.LEGAL_REVIEWER, username="zjw_reviewer", last_name="孙")
