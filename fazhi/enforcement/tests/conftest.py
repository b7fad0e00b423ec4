import pytest

from fazhi.conftest import copy_or_build, once_per_module
from fazhi.enforcement.tests.factories import make_world

w_once = once_per_module("w", make_world)


@pytest.fixture
def w(db, w_once):
    return copy_or_build(w_once, make_world)


@pytest.fixture
def login(client):
    """Log ``user`` in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
