"""Rules as data: versions by date, overridable numbers through settings, the registry's own checks."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core import services
from fazhi.core.errors import NotPermitted
from fazhi.core.rules import PeriodRule, UnknownRule, amount_for, compute_for_rule, register, rule_for
from fazhi.core.selectors import get_setting
from fazhi.core.tests.factories import make_unit


def test_hearing_request_window_changes_with_the_2021_revision():
    old = rule_for("enforcement.hearing_request", on=date(2021, 7, 14))
    new = rule_for("enforcement.hearing_request", on=date(2021, 7, 15))
    assert (old.count, old.unit) == (3, "d") and "2017" in old.citation
    assert (new.count, new.unit) == (5, "wd") and "第六十四条" in new.citation


def test_unknown_rule_and_rule_not_yet_in_force_are_refused_in_chinese():
    with pytest.raises(UnknownRule) as info:
        rule_for("no.such.rule")
    assert "未登记的规则" in info.value.message
    with pytest.raises(UnknownRule) as info:
        rule_for("enforcement.withdraw_publication", on=date(2019, 6, 1))
    assert "没有有效的版本" in info.value.message


def test_overlapping_versions_are_refused_at_registration():
    register(PeriodRule(key="test.overlap", name="x", unit="d", count=1, citation="c", effective_to=date(2020, 1, 1)))
    with pytest.raises(ValueError):
        register(
            PeriodRule(key="test.overlap", name="x", unit="d", count=2, citation="c", effective_from=date(2019, 1, 1))
        )


@pytest.mark.django_db
def test_compute_for_rule_applies_the_version_of_the_start_date_and_cites_it():
    result = compute_for_rule("enforcement.hearing_request", date(2019, 9, 27))
    assert result.due == date(2019, 9, 30)
    assert any("2017年修正" in line and "未核实" in line for line in result.explanation)


@pytest.mark.django_db
def test_setting_overrides_an_unverified_number_for_a_town_and_its_units(town, other_town, admin_user):
    team = make_unit(town)
    rule = rule_for("enforcement.hearing_request", on=date(2019, 9, 27))
    services.change_setting(actor=admin_user, key=rule.setting_key, value=4, body=town, note="据天津市规定")
    assert get_setting(rule.setting_key, body_id=team.pk, default=3) == 4
    assert get_setting(rule.setting_key, body_id=other_town.pk, default=3) == 3
    assert compute_for_rule(rule, date(2019, 9, 27), body_id=team.pk).due == date(2019, 10, 8)  # 10-01 rolls
    entry = ChainEntry.objects.filter(event=Event.SETTING_CHANGED).last()
    assert entry.payload["old"] is None and entry.payload["new"] == 4 and entry.body_id == town.pk


@pytest.mark.django_db
def test_global_setting_applies_where_no_body_value_exists(town, admin_user):
    services.change_setting(actor=None, key="test.key", value=7)
    services.change_setting(actor=None, key="test.key", value=8)
    assert get_setting("test.key", body_id=town.pk) == 8
    assert get_setting("missing.key", default="d") == "d"
    with pytest.raises(KeyError):
        get_setting("missing.key")


@pytest.mark.django_db
def test_change_setting_needs_the_admin_role(clerk):
    with pytest.raises(NotPermitted):
        services.change_setting(actor=clerk, key="test.key", value=1)
    assert get_setting("test.key", default=None) is None


@pytest.mark.django_db
def test_amount_rules_by_date():
    assert amount_for("enforcement.summary_fine_cap_individual", on=date(2022, 1, 1)).amount() == Decimal("200")
    assert amount_for("enforcement.summary_fine_cap_individual", on=date(2019, 1, 1)).amount() == Decimal("50")
