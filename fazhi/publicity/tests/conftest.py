import pytest

from fazhi.publicity.tests.factories import make_pworld


@pytest.fixture
def w(db):
    return make_pworld()
