import pytest
import time_machine

from fazhi.mediation.tests import support


@pytest.fixture(autouse=True)
def in_2019():
    """'Today' is the end of 2019, so 2019 step dates are accepted and none is in the future."""
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        yield


@pytest.fixture
def m(world):
    return support.build(world)
