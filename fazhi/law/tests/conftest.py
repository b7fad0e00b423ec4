import pytest

from fazhi.law.tests.factories import load_test_laws


@pytest.fixture
def laws(db):
    return load_test_laws()
