from types import SimpleNamespace

import pytest
import time_machine

from fazhi.core.access import Role
from fazhi.disclosure.tests import factories as f
from fazhi.org.models import BodyKind


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Staff are created with a password; the production hasher would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """西青区 → 辛口镇 (党政办公室 with the clerk; the town's leader; a colleague without the role) and 张家窝镇."""
    district = f.body("西青区", BodyKind.DISTRICT)
    town = f.body("辛口镇人民政府", BodyKind.TOWN, district, short_name="辛口镇")
    office = f.body("辛口镇党政办公室", BodyKind.UNIT, town)
    other_town = f.body("张家窝镇人民政府", BodyKind.TOWN, district, short_name="张家窝镇")
    return SimpleNamespace(
        district=district,
        town=town,
        office=office,
        other_town=other_town,
        clerk=f.staff("clerk", office, Role.DISCLOSURE_CLERK, last_name="陈", first_name="静"),
        leader=f.staff("leader", town, Role.LEADER, last_name="王", first_name="建国"),
        colleague=f.staff("colleague", office, Role.OFFICER, last_name="张", first_name="伟"),
        outsider=f.staff("outsider", other_town, Role.DISCLOSURE_CLERK, last_name="彭", first_name="红梅"),
        outside_leader=f.staff("outleader", other_town, Role.LEADER, last_name="曹", first_name="勇"),
    )


@pytest.fixture
def in_2019():
    """Freeze 'today' at the end of 2019 so services accept 2019 dates and nothing is in the future."""
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        yield
