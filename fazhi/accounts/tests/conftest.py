from types import SimpleNamespace

import pytest
from django.test import Client

from fazhi.core.access import Role
from fazhi.org.models import BodyKind
from fazhi.org.tests.factories import BodyFactory, StaffFactory

PASSWORD = "Zhen-Hao-Mi-Ma-2024"


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    """A town with an officer, a supervisor at the district, a superuser admin and an outsider; all with PASSWORD."""
    district = BodyFactory(name="西青区", kind=BodyKind.DISTRICT, code="XQ", province="天津市")
    bureau = BodyFactory(name="西青区司法局", kind=BodyKind.UNIT, code="XQ-SFJ", parent=district)
    town = BodyFactory(name="辛口镇", kind=BodyKind.TOWN, code="XQ-XK", parent=district)
    other = BodyFactory(name="张家窝镇", kind=BodyKind.TOWN, code="XQ-ZJW", parent=district)
    return SimpleNamespace(
        town=town,
        officer=_with_password(
            StaffFactory(username="officer", last_name="张", first_name="伟", body=town, roles=[Role.OFFICER])
        ),
        supervisor=_with_password(
            StaffFactory(username="supervisor", last_name="冯", first_name="志刚", body=bureau, roles=[Role.SUPERVISOR])
        ),
        admin=_with_password(
            StaffFactory(
                username="admin", last_name="系统", first_name="管理员", body=town, is_staff=True, is_superuser=True
            )
        ),
        outsider=_with_password(
            StaffFactory(username="zjw_officer", last_name="曹", first_name="勇", body=other, roles=[Role.OFFICER])
        ),
    )


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF as a browser's requests meet it."""
    return Client(enforce_csrf_checks=True)


def login(client, username, password=PASSWORD, **extra):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.1", **extra)
