from types import SimpleNamespace

import pytest
import time_machine

from fazhi.core.access import Role


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Staff are created with a password; the production hasher would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(world):
    """辛口镇 (党政办公室 with the clerk; the town's leader; a colleague without the clerk's role) and 张家窝镇 (its own
    clerk and leader), from the shared world of fazhi/conftest.py."""
    return SimpleNamespace(
        district=world.district,
        town=world.town,
        office=world.office,
        other_town=world.other_town,
        clerk=world.clerk,
        leader=world.leader,
        colleague=world.officer,
        outsider=world.person(
            world.other_town, Role.DISCLOSURE_CLERK, username="outsider", last_name="曹", first_name="勇"
        ),
        outside_leader=world.outsider,
    )


@pytest.fixture
def in_2019():
    """Freeze 'today' at the end of 2019 so services accept 2019 dates and nothing is in the future."""
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        yield
