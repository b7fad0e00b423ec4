"""What every test under fazhi/ shares: a fast password hasher, uploads in a per-test tmp dir, and the world the
tests happen in (one builder, ``World``, in fazhi/org/tests/factories.py). App conftests keep only what is particular
to them.
"""

from types import SimpleNamespace

import pytest
from django.test.utils import override_settings

from fazhi.org.tests.factories import World

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """PBKDF2's 1,000,000 iterations cost ~0.3 s a password; tests prove behaviour, not key stretching."""
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and generated documents land in this test's own tmp dir, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- The world: 西青区 (天津市) with 辛口镇 and 张家窝镇, built by fazhi.org.tests.factories.World ----------------


@pytest.fixture
def world(db):
    """The shared builder: each body and person is made the first time the test reads it."""
    return World()


@pytest.fixture
def district(world):
    return world.district


@pytest.fixture
def town(world):
    return world.town


@pytest.fixture
def team(world):
    return world.team


@pytest.fixture
def office(world):
    return world.office


@pytest.fixture
def other_town(world):
    return world.other_town


@pytest.fixture
def leader(world):
    return world.leader


@pytest.fixture
def org(world):
    """The organisation, all made up front (so scope checks see every body): the district with its 司法局, both towns,
    their teams, 辛口镇's 党政办公室, and someone in each role — ``colleague`` is the 政务公开专员, who holds none of
    the roles org's pages are about."""
    return SimpleNamespace(
        district=world.district,
        bureau=world.bureau,
        town=world.town,
        team=world.team,
        office=world.office,
        other_town=world.other_town,
        other_team=world.other_team,
        leader=world.leader,
        admin=world.admin,
        officer=world.officer,
        colleague=world.clerk,
        outsider=world.outsider,
        other_officer=world.other_officer,
        supervisor=world.supervisor,
    )
