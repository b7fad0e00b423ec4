"""A concluded round closes its clock through the deadline module (also after the sweep), and the statistics count
reviewed subjects per body through review's selectors."""

from datetime import date

import pytest

from fazhi.core import deadlines
from fazhi.core.access import Role
from fazhi.core.models import DeadlineState
from fazhi.core.tests.factories import make_town, make_unit
from fazhi.org.tests.factories import make_person as make_user
from fazhi.review import selectors
from fazhi.review.rules import POINT_KEYS
from fazhi.review.services import give_opinion, submit

pytestmark = pytest.mark.django_db

ALL_OK = {key: (True, "") for key in POINT_KEYS}


def _submit(body, subject_id, on):
    return submit(
        actor=make_user(body, Role.OFFICER),
        subject=("test.case", subject_id, f"测试案件{subject_id}"),
        body=body,
        kind="enforcement_decision",
        summary="案卷材料",
        submitted_on=on,
        rule_key="enforcement.legal_review",
    )


def test_a_round_concluded_after_the_sweep_closes_its_clock_late_with_the_date():
    team = make_unit(make_town())
    reviewer = make_user(team, Role.LEGAL_REVIEWER)
    request = _submit(team, "1", date(2019, 9, 2))
    (clock,) = deadlines.live(request)
    assert clock.due_date < date(2019, 10, 1)
    deadlines.sweep_missed_deadlines(today=date(2019, 10, 1))
    clock.refresh_from_db()
    assert clock.state == DeadlineState.MISSED and clock.closed_on is None
    give_opinion(actor=reviewer, request=request, points=ALL_OK, conclusion="agree", opinion="", on=date(2019, 10, 8))
    clock.refresh_from_db()
    assert clock.state == DeadlineState.MISSED and clock.closed_on == date(2019, 10, 8)
    assert deadlines.live(request) == []


def test_reviewed_subjects_are_counted_once_per_body_in_the_period():
    town = make_town()
    team, other = make_unit(town), make_unit(make_town("张家窝镇"))
    reviewer = make_user(team, Role.LEGAL_REVIEWER)
    first = _submit(team, "1", date(2019, 3, 1))
    give_opinion(
        actor=reviewer,
        request=first,
        points={**ALL_OK, "documents": (False, "缺签名")},
        conclusion="problems",
        opinion="请补正",
        on=date(2019, 3, 4),
    )
    give_opinion(
        actor=reviewer,
        request=_submit(team, "1", date(2019, 3, 5)),
        points=ALL_OK,
        conclusion="agree",
        opinion="",
        on=date(2019, 3, 6),
    )
    give_opinion(
        actor=reviewer,
        request=_submit(team, "2", date(2019, 12, 30)),
        points=ALL_OK,
        conclusion="agree",
        opinion="",
        on=date(2020, 1, 2),
    )
    _submit(other, "3", date(2019, 6, 1))  # pending: not reviewed
    counts = selectors.reviewed_subject_counts("test.case", date(2019, 1, 1), date(2019, 12, 31))
    assert counts == {team.pk: 1}
