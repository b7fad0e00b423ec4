# The two-town world of the core tests: ``town``, ``other_town``, ``team`` and ``leader`` come from fazhi/conftest.py,
# the rest of core's cast from core's conftest.
from fazhi.core.tests.conftest import admin_user, clerk, outsider  # noqa: F401
