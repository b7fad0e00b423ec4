"""Deadlines on a set day: an AnnualDateRule (a fixed day each year, overridable per body) and a DateRule (a day the
agency fixes within the law) sit in the deadline table like any period, but never pause, extend or move."""

from datetime import date

import pytest

from fazhi.core import deadlines
from fazhi.core.errors import DomainError, InvalidInput
from fazhi.core.models import DeadlineState
from fazhi.core.rules import AnnualDateRule, DateRule, parse_month_day, register
from fazhi.core.services import change_setting

pytestmark = pytest.mark.django_db

ANNUAL = "test.annual_day"
SET = "test.set_day"
register(
    AnnualDateRule(
        key=ANNUAL, name="公布年度报告", month=1, day=31, citation="某条例第四十九条", setting_key="test.day"
    ),
    DateRule(key=SET, name="延迟答复", citation="某条例第三十五条"),
)
SUBJECT = ("test.thing", "1", "事项")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("01-31", (1, 31)), ("1-15", (1, 15)), ("3月31日", (3, 31)), (131, (1, 31)), ("0228", (2, 28)), (331.0, (3, 31))],
)
def test_a_day_of_the_year_is_read_from_a_setting_in_the_forms_people_type(value, expected):
    assert parse_month_day(value) == expected


@pytest.mark.parametrize("value", ["02-29", "13-01", "1-32", "abc", 7, "", None, True])
def test_a_setting_that_is_not_a_day_of_every_year_is_not_a_day(value):
    assert parse_month_day(value) is None


def test_an_annual_day_falls_due_on_the_first_such_day_after_the_start(team):
    row = deadlines.open_deadline(
        actor=None, subject=SUBJECT, body=team, rule_key=ANNUAL, start_date=date(2019, 12, 31)
    )
    # 2020-01-31 is a Friday; the day is fixed, nothing is counted and nothing rolls over.
    assert row.due_date == date(2020, 1, 31)
    assert row.period == "每年1月31日" and not row.rollover and not row.is_window
    assert any("之后的第一个1月31日为 2020-01-31（星期五）" in line for line in row.explanation)
    assert deadlines.close_deadline(actor=None, deadline=row, on=date(2020, 2, 3)).state == DeadlineState.MISSED


def test_a_body_setting_moves_the_annual_day_and_the_explanation_says_so(team, town, admin_user):
    change_setting(actor=admin_user, key="test.day", value="01-15", body=town, note="区政府通知")
    row = deadlines.open_deadline(
        actor=None, subject=SUBJECT, body=team, rule_key=ANNUAL, start_date=date(2019, 12, 31)
    )
    assert row.due_date == date(2020, 1, 15)
    assert any("本机关设置；默认为每年1月31日" in line for line in row.explanation)
    change_setting(actor=admin_user, key="test.day", value=1234, body=town, note="写错了")
    rule = deadlines.rule_of(row)
    assert rule.due_in(2020, team.pk) == date(2020, 1, 31)  # not a day of the year: the default applies


def test_a_set_day_is_kept_and_explained_and_no_calendar_change_moves_it(team):
    row = deadlines.open_deadline(
        actor=None,
        subject=SUBJECT,
        body=team,
        rule_key=SET,
        start_date=date(2019, 12, 5),
        due_date=date(2020, 1, 10),
        reason="2019-12-05 确定延迟答复期限并告知申请人。",
    )
    assert row.due_date == date(2020, 1, 10) and row.period == "确定日期"
    assert "2019-12-05 确定延迟答复期限并告知申请人。" in row.explanation
    assert deadlines.recompute_for_years(actor=None, years=[2019, 2020]) == []
    row.refresh_from_db()
    assert row.due_date == date(2020, 1, 10)


def test_a_set_day_before_its_start_or_missing_is_refused(team):
    with pytest.raises(InvalidInput):
        deadlines.open_deadline(
            actor=None,
            subject=SUBJECT,
            body=team,
            rule_key=SET,
            start_date=date(2019, 12, 5),
            due_date=date(2019, 12, 1),
        )
    with pytest.raises(InvalidInput):
        deadlines.open_deadline(actor=None, subject=SUBJECT, body=team, rule_key=SET, start_date=date(2019, 12, 5))


def test_a_set_day_cannot_be_paused_or_extended(team, leader):
    row = deadlines.open_deadline(
        actor=None, subject=SUBJECT, body=team, rule_key=ANNUAL, start_date=date(2019, 12, 31)
    )
    with pytest.raises(DomainError) as err:
        deadlines.pause_deadline(actor=None, deadline=row, on=date(2020, 1, 2), reason="x")
    assert "不适用期限中止" in err.value.message
    with pytest.raises(DomainError) as err:
        deadlines.extend_deadline(actor=None, deadline=row, units=5, approver=leader, reason="x")
    assert "确定的日期，不得延长" in err.value.message
