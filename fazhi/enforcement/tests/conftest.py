import pytest

from fazhi.enforcement.tests.factories import make_world


@pytest.fixture
def w(db):
    return make_world()
