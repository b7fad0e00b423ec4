# The two-town world of the core tests (towns, a team, people with and without roles), shared as it is.
from fazhi.core.tests.conftest import admin_user, clerk, leader, other_town, outsider, team, town  # noqa: F401
