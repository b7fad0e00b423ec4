from datetime import date

import pytest
import time_machine

from fazhi.core.access import Role
from fazhi.counsel import services
from fazhi.counsel.models import EngagementKind


@pytest.fixture
def in_2019():
    """'Today' at the end of 2019, so 2019 dates are accepted and nothing is in the future."""
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        yield


@pytest.fixture
def firm(world, in_2019):
    """辛口镇 engages 天津某律师事务所 (two lawyers) for 2019, 60,000 元."""
    _ = world.team, world.justice, world.office, world.other_team  # every body first, so cached scopes see them
    return services.engage(
        actor=world.leader,
        body=world.town,
        kind=EngagementKind.LAW_FIRM,
        adviser="天津津西律师事务所",
        lawyers="李明、周红",
        term_start=date(2019, 1, 1),
        term_end=date(2019, 12, 31),
        fee="60000",
        scope="重大决策、重大执法决定、合同审查的法律意见",
    )


@pytest.fixture
def asker(world):
    return world.officer


@pytest.fixture
def recorder(world):
    return world.reviewer


@pytest.fixture
def outsider_officer(world):
    return world.other_officer


@pytest.fixture
def staff_without_role(world):
    return world.person(world.office, Role.MEDIATOR, username="mediator")
