"""What one person's workbench shows, gathered from the apps' own selectors (read-only)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fazhi.clock.selectors import open_deadlines_for
from fazhi.core import clock, inbox, listing
from fazhi.core.access import Role, has_role
from fazhi.enforcement.selectors import awaiting_approval, my_cases, review_queue
from fazhi.org.selectors import (
    certificates_expiring,
    my_certificates,
    my_hours_by_year,
    my_training_summary,
    people_short_of_hours,
)

DEADLINES_SHOWN = 20
WEEKS_AHEAD = 8
CASES_SHOWN = 15


@dataclass(slots=True)
class DeadlineRow:
    """One line of the workbench's open-deadline table, read as values with its link made once (ADR 0085)."""

    pk: int
    url: str
    subject_label: str
    body_name: str
    rule_name: str
    rule_citation: str
    due_date: date
    is_estimate: bool
    derived: str
    explanation: list


def deadline_rows(open_deadlines, limit: int) -> list[DeadlineRow]:
    """The first ``limit`` of ``open_deadlines`` (annotated with ``derived``) as rows: the shown columns only."""
    link = listing.pk_link("clock:deadline")
    columns = (
        "pk", "subject_label", "body__name", "rule_name", "rule_citation", "due_date", "is_estimate", "derived",
        "explanation",
    )  # fmt: skip
    return [
        DeadlineRow(pk, link(pk), label, body, name, citation, due, estimate, derived, explanation)
        for pk, label, body, name, citation, due, estimate, derived, explanation in (
            open_deadlines.values_list(*columns)[:limit]
        )
    ]


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
    due_weeks: object = None


INBOX_SHOWN = 15


def workbench_for(user, *, year: int | None = None) -> Workbench:
    """One person's desk: own certificate and hours, the town's expiring certificates, open deadlines in scope,
    the officer's own cases with their next step, what waits for a leader's approval and the reviewer's queue.

    Leaders, supervisors and administrators also see who is short of training hours. The person's scope is found
    once (kept on the user) and read inside each list's query; the open deadlines are counted by due week in one
    aggregate, whose sum is their total (ADR 0083).
    """
    year = year or clock.today().year
    hours_by_year = my_hours_by_year(user)
    years = sorted(set(hours_by_year) | {clock.today().year}, reverse=True)
    sees_team = any(has_role(user, role) for role in (Role.LEADER, Role.SUPERVISOR, Role.ADMIN))
    deadlines = open_deadlines_for(user)
    training = my_training_summary(user, year, hours_by_year=hours_by_year)
    training["short_by"] = max(Decimal(training["required"]) - training["hours"], Decimal(0))
    due_weeks = due_weeks_figure(deadlines)
    notices, unread = inbox.inbox_with_unread(user, limit=INBOX_SHOWN)
    return Workbench(
        year=year,
        training_years=years,
        certificates=my_certificates(user),
        training=training,
        expiring=certificates_expiring(user),
        short_of_hours=people_short_of_hours(user, year) if sees_team else [],
        deadlines=deadline_rows(deadlines, DEADLINES_SHOWN),
        deadline_total=sum(row[2] for row in due_weeks.rows),
        cases=my_cases(user, limit=CASES_SHOWN),
        approvals=awaiting_approval(user, limit=CASES_SHOWN),
        reviews=review_queue(user)[:CASES_SHOWN],
        sees_team=sees_team,
        inbox=notices,
        unread=unread,
        due_weeks=due_weeks,
    )


def due_weeks_figure(open_deadlines, *, today=None):
    """My open items by due week: those already overdue, each of the next weeks (Monday to Sunday, this week
    first), and later ones. One aggregate query whatever the number of deadlines: a count per due date, with the
    dates before today and beyond the last week folded into one each (at most 58 groups), bucketed here — ten
    filtered counts in SQL cost more to build in the ORM than the query took to run (ADR 0085)."""
    from bisect import bisect_right
    from datetime import timedelta

    from django.db.models import Count, Value
    from django.db.models.functions import Greatest, Least

    from fazhi.core import charts

    today = today or clock.today()
    monday = today - timedelta(days=today.weekday())
    labels = ["已超期", *[f"{(monday + timedelta(weeks=w)):%m-%d}起" for w in range(WEEKS_AHEAD)], "更晚"]
    # bucket i holds the dates d with starts[i - 1] <= d < starts[i]: 0 is overdue, WEEKS_AHEAD + 1 is later
    starts = [today, *[monday + timedelta(weeks=w) for w in range(1, WEEKS_AHEAD + 1)]]
    folded = Greatest(Least("due_date", Value(starts[-1])), Value(today - timedelta(days=1)))
    per_day = open_deadlines.order_by().annotate(day=folded).values_list("day").annotate(n=Count("pk"))
    counts = [0] * len(labels)
    for day, n in per_day:
        counts[bisect_right(starts, day)] += n
    title = "我范围内未完成的期限（按届满周）"
    svg = charts.bar_chart(labels, counts, title=title, horizontal=False, testid="chart-due-weeks")
    ranges = [
        "今天以前",
        *[
            f"{monday + timedelta(weeks=w):%Y-%m-%d} 至 {monday + timedelta(weeks=w, days=6):%Y-%m-%d}"
            for w in range(WEEKS_AHEAD)
        ],
        f"{monday + timedelta(weeks=WEEKS_AHEAD):%Y-%m-%d} 以后",
    ]
    rows = [[label, period, n] for label, period, n in zip(labels, ranges, counts, strict=True)]
    return charts.Figure("due_weeks", title, svg, ["届满周", "日期", "件数"], rows)
