import pytest

from fazhi.conftest import copy_or_build, once_per_module
from fazhi.law.tests.factories import load_test_laws

laws_once = once_per_module("laws", load_test_laws)


@pytest.fixture
def laws(db, laws_once):
    return copy_or_build(laws_once, load_test_laws)
