"""Appendix A rows A1–A16 as registered rules: values, day types, versions and citations."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.rules import amount_for, annual_date_for, compute_for_rule, rule_for, rule_versions
from fazhi.enforcement import rules as r

NOW = date(2022, 1, 1)


@pytest.mark.parametrize(
    "key, count, unit, article",
    [
        (r.PUBLISH_PERMIT_OR_PENALTY, 7, "wd", "118号"),  # A1
        (r.PUBLISH_OTHER_DECISION, 20, "wd", "118号"),  # A2
        (r.HEARING_REQUEST, 5, "wd", "第六十四条"),  # A7
        (r.HEARING_NOTICE, 7, "wd", "第六十四条"),  # A7
        (r.DECISION, 90, "d", "第六十条"),  # A8
        (r.SERVICE_ABSENT_PARTY, 7, "wd", "第六十一条"),  # A9
        (r.PAYMENT, 15, "d", "第六十七条"),  # A10
        (r.WITHDRAW_PUBLICATION, 3, "wd", "第四十八条"),  # A11
        (r.LIMITATION, 2, "y", "第三十六条"),  # A12
        (r.LIMITATION_LIFE_OR_FINANCE, 5, "y", "第三十六条"),  # A12
        (r.EVIDENCE_PRESERVATION, 7, "wd", "第五十六条"),  # A13
        (r.SEIZURE, 30, "d", "第二十五条"),  # A14
        (r.COURT_AFTER_DEMAND, 10, "wd", "第五十四条"),  # A15
        (r.COURT_APPLICATION, 3, "m", "第五十三条"),  # A16
    ],
)
def test_current_periods_match_appendix_a(key, count, unit, article):
    rule = rule_for(key, on=NOW)
    assert (rule.count, rule.unit) == (count, unit)
    assert article in rule.citation


def test_seizure_extends_once_by_thirty_days_and_pauses_for_testing():
    rule = rule_for(r.SEIZURE, on=NOW)
    assert rule.extension_max == 30 and rule.pausable


@pytest.mark.parametrize(
    "key, value, unit",
    [
        (r.LEGAL_REVIEW_STAFF_SHARE, "5", "%"),  # A4
        (r.SUMMARY_FINE_CAP_INDIVIDUAL, "200", "元"),  # A5
        (r.SUMMARY_FINE_CAP_ORGANISATION, "3000", "元"),  # A5
        (r.ON_THE_SPOT_COLLECTION_CAP, "100", "元"),  # A6
        (r.LATE_SURCHARGE_RATE, "3", "%/日"),  # A10
    ],
)
def test_current_amounts_match_appendix_a(key, value, unit):
    rule = amount_for(key, on=NOW)
    assert rule.value == Decimal(value) and rule.unit == unit and rule.citation


def test_annual_statistics_due_by_31_january():  # A3
    assert annual_date_for(r.ANNUAL_STATISTICS, on=NOW).due_in(2020) == date(2020, 1, 31)


def test_2017_versions_are_unverified_and_overridable_and_end_on_2021_07_14():
    for key in (r.HEARING_REQUEST, r.SERVICE_ABSENT_PARTY, r.EVIDENCE_PRESERVATION, r.SUMMARY_FINE_CAP_INDIVIDUAL):
        old = rule_versions(key)[0]
        assert old.effective_to == date(2021, 7, 14)
        assert old.status == "UNVERIFIED" and old.setting_key
        assert rule_versions(key)[1].effective_from == date(2021, 7, 15)


@pytest.mark.django_db
def test_hearing_notice_is_counted_back_from_the_hearing():
    # Hearing on Monday 2021-10-11, counting back: 10-09 (Sat, worked) 1, 10-08 2, 国庆 10-01..07 off, 09-30 3,
    # 09-29 4, 09-28 5, 09-27 6, 09-26 (Sun, worked) 7.
    result = compute_for_rule(r.HEARING_NOTICE, date(2021, 10, 11))
    assert result.due == date(2021, 9, 26)
    assert any("最迟应于 2021-09-26" in line for line in result.explanation)


@pytest.mark.django_db
def test_decision_deadline_ninety_days_rolls_over_a_holiday():
    # 立案 2021-07-03 → day 90 is 2021-10-01 (国庆) → 2021-10-08.
    assert compute_for_rule(r.DECISION, date(2021, 7, 3)).due == date(2021, 10, 8)


@pytest.mark.django_db
def test_limitation_does_not_roll_over():
    assert compute_for_rule(r.LIMITATION, date(2021, 10, 2)).due == date(2023, 10, 2)
