# The chain world of the audit tests (two towns, people in the roles that matter, four entries), shared as it is.
from fazhi.audit.tests.conftest import town_chain  # noqa: F401
