"""The period engine against the real 2019 State Council notices (国办发明电〔2018〕15号 and the 劳动节 amendment)."""

from datetime import date

import pytest

from fazhi.core.errors import CalendarNotCovered, InvalidInput
from fazhi.core.periods import (
    DayInfo,
    Pause,
    Period,
    StaticCalendar,
    add_months,
    compute_due,
    is_working_day,
    latest_day_before,
    working_days_between,
)

pytestmark = pytest.mark.django_db


def test_twenty_working_days_from_2019_09_20_skip_national_day_and_count_both_makeup_days():
    result = compute_due(date(2019, 9, 20), "20wd")
    assert result.due == date(2019, 10, 23)
    assert not result.is_estimate
    text = "\n".join(result.explanation)
    assert "起算日：2019-09-20（星期五），当日不计入" in text
    assert "2019-10-01 至 2019-10-07 国庆节放假，不计入。" in result.explanation
    assert "2019-09-29（星期日）为国庆节调休上班日，计入。" in result.explanation
    assert "2019-10-12（星期六）为国庆节调休上班日，计入。" in result.explanation
    assert result.explanation[-1] == "期限届满日：2019-10-23（星期三）。"


def test_seven_working_days_across_national_day_2019():
    # 09-27 (Fri) start: 09-29 Sun (makeup) 1, 09-30 2, 10-01..07 off, 10-08..10-11 = 3..6, 10-12 Sat (makeup) 7.
    result = compute_due(date(2019, 9, 27), "7wd")
    assert result.due == date(2019, 10, 12)
    assert "2019-10-12（星期六）为国庆节调休上班日，计入。" in result.explanation


def test_spring_festival_2019_counts_the_saturday_and_sunday_makeup_days():
    result = compute_due(date(2019, 1, 31), "3wd")
    # 02-01 Fri 1, 02-02 Sat (makeup) 2, 02-03 Sun (makeup) 3.
    assert result.due == date(2019, 2, 3)
    result = compute_due(date(2019, 1, 31), "5wd")
    # then 02-04..02-10 off: 02-11 is 4, 02-12 is 5.
    assert result.due == date(2019, 2, 12)
    assert "2019-02-04 至 2019-02-10 春节放假，不计入。" in result.explanation


def test_new_year_2019_makeup_day_is_in_the_2019_arrangement_though_dated_2018():
    assert is_working_day(date(2018, 12, 29))
    assert not is_working_day(date(2018, 12, 31))
    assert compute_due(date(2018, 12, 28), "1wd").due == date(2018, 12, 29)


def test_labour_day_2019_uses_the_amended_arrangement():
    assert is_working_day(date(2019, 4, 28)) and is_working_day(date(2019, 5, 5))
    assert not any(is_working_day(date(2019, 5, d)) for d in (1, 2, 3, 4))


def test_ninety_days_ending_on_a_holiday_rolls_over_to_the_next_working_day():
    result = compute_due(date(2019, 7, 3), "90d")
    assert result.nominal_end == date(2019, 10, 1)
    assert result.due == date(2019, 10, 8)
    assert any("2019-10-01（星期二）为国庆节放假" in line and "2019-10-08" in line for line in result.explanation)


def test_rollover_can_be_turned_off_by_the_rule():
    assert compute_due(date(2019, 7, 3), "90d", rollover=False).due == date(2019, 10, 1)


def test_three_months_from_2019_11_30_ends_on_2020_02_29_then_rolls_to_monday():
    result = compute_due(date(2019, 11, 30), "3m")
    assert result.nominal_end == date(2020, 2, 29)
    assert result.due == date(2020, 3, 2)
    assert any("该月无对应日" in line for line in result.explanation)


def test_month_arithmetic_clamps_to_the_last_day():
    assert add_months(date(2019, 1, 31), 1) == date(2019, 2, 28)
    assert add_months(date(2019, 11, 30), 3) == date(2020, 2, 29)
    assert add_months(date(2019, 12, 15), 1) == date(2020, 1, 15)
    assert add_months(date(2020, 2, 29), 12) == date(2021, 2, 28)


def test_two_years_limitation_counts_calendar_years():
    assert compute_due(date(2019, 3, 15), "2y", rollover=False).due == date(2021, 3, 15)


def test_a_pause_stops_the_working_day_clock():
    plain = compute_due(date(2019, 9, 2), "10wd")
    paused = compute_due(date(2019, 9, 2), "10wd", pauses=[Pause(date(2019, 9, 4), date(2019, 9, 6), "补正")])
    assert plain.due == date(2019, 9, 17)  # 09-13 中秋 off
    assert paused.due == date(2019, 9, 20)  # three working days later
    assert "2019-09-04 至 2019-09-06 期限中止（补正），其间的工作日不计入。" in paused.explanation


def test_a_pause_extends_a_calendar_period_by_the_paused_days():
    result = compute_due(date(2019, 7, 3), "90d", pauses=[Pause(date(2019, 8, 1), date(2019, 8, 5))])
    # 10-01 + 5 days = 10-06 (Sunday, 国庆 off) → rolls to 10-08.
    assert result.due == date(2019, 10, 8)
    assert any("中止共5日" in line for line in result.explanation)


def test_restart_counts_again_from_the_restart_date():
    result = compute_due(date(2019, 9, 2), "20wd", restart=date(2019, 9, 10))
    assert result.due == compute_due(date(2019, 9, 10), "20wd").due
    assert any("重新计算" in line for line in result.explanation)


def test_extension_adds_units_on_top():
    assert compute_due(date(2019, 9, 20), "20wd", extension=20).due == compute_due(date(2019, 9, 20), "40wd").due
    assert compute_due(date(2019, 1, 1), "30d", extension=30).due == compute_due(date(2019, 1, 1), "60d").due


def test_uncovered_year_is_refused_with_the_year_named():
    with pytest.raises(CalendarNotCovered) as info:
        compute_due(date(2026, 12, 20), "10wd")
    assert info.value.year == 2027
    assert "2027年的节假日安排尚未录入" in str(info.value)


def test_estimate_counts_weekends_only_and_marks_every_line():
    result = compute_due(date(2026, 12, 20), "10wd", estimate=True)
    assert result.is_estimate
    assert result.estimated_years == [2027]
    assert all(line.startswith("【估算】") for line in result.explanation)
    assert result.due == date(2027, 1, 1)


def test_estimate_flag_on_a_covered_year_is_exact():
    result = compute_due(date(2019, 9, 20), "20wd", estimate=True)
    assert not result.is_estimate and result.due == date(2019, 10, 23)


def test_period_syntax_errors_name_the_accepted_forms():
    with pytest.raises(InvalidInput) as info:
        Period.parse("20 days")
    assert "20wd" in info.value.message and info.value.field == "period"
    assert Period.parse(" 3M ") == Period(3, "m")


def test_static_calendar_lets_the_engine_run_without_a_database():
    cal = StaticCalendar({date(2030, 1, 1): DayInfo("off", "元旦")}, covered=[2029, 2030])
    result = compute_due(date(2029, 12, 31), "1wd", calendar=cal)
    assert result.due == date(2030, 1, 2)


def test_latest_day_before_counts_back_working_days():
    # A hearing on Monday 2019-10-14: 7 working days back are 10-12 (makeup), 10-11 … 10-08, 09-30, 09-29 (makeup).
    result = latest_day_before(date(2019, 10, 14), "7wd")
    assert result.due == date(2019, 9, 29)
    assert compute_due(result.due, "7wd").due == date(2019, 10, 14)


def test_working_days_between_counts_makeup_days():
    assert working_days_between(date(2019, 9, 27), date(2019, 10, 12)) == 7


def test_absurdly_long_periods_are_refused_with_the_limit():
    with pytest.raises(InvalidInput) as info:
        Period.parse("9999y")
    assert "期间过长" in info.value.message and info.value.field == "period"
