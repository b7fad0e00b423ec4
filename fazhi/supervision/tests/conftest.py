# The chain world of the audit tests (two towns, people in the roles that matter, four entries), shared as it is,
# and the enforcement world (a town with certified officers, a power item, cases walked to any stage).
import pytest

from fazhi.audit.tests.conftest import town_chain  # noqa: F401
from fazhi.enforcement.tests.conftest import w, w_once  # noqa: F401


@pytest.fixture
def sup(w):  # noqa: F811
    """冯志刚, 监督人员 of 西青区司法局 in the enforcement world's district: sees both towns."""
    from fazhi.core.access import Role
    from fazhi.org.models import BodyKind
    from fazhi.org.tests.factories import make_body, make_person

    bureau = make_body("西青区司法局", BodyKind.UNIT, w.district)
    return make_person(bureau, Role.SUPERVISOR, last_name="冯", first_name="志刚")
