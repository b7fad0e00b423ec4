"""What one person's workbench shows, gathered from the apps' own selectors (read-only)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from fazhi.clock.selectors import open_deadlines_for
from fazhi.core import inbox
from fazhi.core.access import Role, has_role
from fazhi.enforcement.selectors import awaiting_approval, my_cases, review_queue
from fazhi.org.selectors import (
    certificates_expiring,
    my_certificates,
    my_training_summary,
    people_short_of_hours,
    training_years,
)

DEADLINES_SHOWN = 20
CASES_SHOWN = 15


@dataclass
class Workbench:
    year: int
    training_years: list[int]
    certificates: list
    training: dict
    expiring: list
    short_of_hours: list
    deadlines: list
    deadline_total: int
    cases: list = field(default_factory=list)
    approvals: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    sees_team: bool = field(default=False)
    inbox: list = field(default_factory=list)
    unread: int = 0


INBOX_SHOWN = 15


def workbench_for(user, *, year: int | None = None) -> Workbench:
    """One person's desk: own certificate and hours, the town's expiring certificates, open deadlines in scope,
    the officer's own cases with their next step, what waits for a leader's approval and the reviewer's queue.

    Leaders, supervisors and administrators also see who is short of training hours.
    """
    year = year or timezone.localdate().year
    years = sorted(training_years(user) | {timezone.localdate().year}, reverse=True)
    sees_team = any(has_role(user, role) for role in (Role.LEADER, Role.SUPERVISOR, Role.ADMIN))
    deadlines = open_deadlines_for(user)
    training = my_training_summary(user, year)
    training["short_by"] = max(Decimal(training["required"]) - training["hours"], Decimal(0))
    return Workbench(
        year=year,
        training_years=years,
        certificates=my_certificates(user),
        training=training,
        expiring=certificates_expiring(user),
        short_of_hours=people_short_of_hours(user, year) if sees_team else [],
        deadlines=list(deadlines[:DEADLINES_SHOWN]),
        deadline_total=deadlines.count(),
        cases=my_cases(user, limit=CASES_SHOWN),
        approvals=awaiting_approval(user, limit=CASES_SHOWN),
        reviews=review_queue(user)[:CASES_SHOWN],
        sees_team=sees_team,
        inbox=list(inbox.inbox_for(user, limit=INBOX_SHOWN)),
        unread=inbox.unread_count(user),
    )
