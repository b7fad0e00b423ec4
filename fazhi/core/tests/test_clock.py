"""One clock (docs/decisions/0055): FAZHI_TODAY fixes every "today" of the application for the demo; a step dated after
it is in the future; every page says so; a served site that is not the demo refuses it."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from fazhi.core import clock, steps
from fazhi.core.errors import InvalidInput
from fazhi.demo import guard
from fazhi.disclosure.steps import REPORT_STEPS
from fazhi.disclosure.tests.support import step_data

DEMO_DAY = date(2020, 2, 20)  # annual report season: 2019 is closed, the 2019 reports are due or published
BANNER = "演示数据：系统日期为 2020年2月20日"


@pytest.fixture
def fixed(settings):
    settings.FAZHI_TODAY = DEMO_DAY
    return DEMO_DAY


def test_fazhi_today_fixes_the_one_clock_and_steps_today_is_its_alias(fixed):
    assert clock.today() == steps.today() == DEMO_DAY
    assert clock.fixed_today_label() == "2020年2月20日"


def test_without_fazhi_today_the_clock_is_the_local_calendar_day(settings):
    settings.FAZHI_TODAY = None
    assert clock.fixed_today() is None and clock.fixed_today_label() == ""
    assert clock.today() >= date(2026, 1, 1)  # the real calendar, not the demo's 2020


def test_a_step_dated_after_the_fixed_day_is_refused_as_future(fixed):
    assert steps.check_date(DEMO_DAY) == DEMO_DAY  # the fixed day itself is today
    with pytest.raises(InvalidInput) as err:
        steps.check_date(date(2020, 2, 21))  # one day after the demo's today
    assert "晚于今天" in err.value.message


def test_a_workflow_step_on_the_day_after_the_fixed_day_is_refused(world, fixed):
    from fazhi.disclosure import services

    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    result = REPORT_STEPS.perform("publish", actor=world.clerk, obj=report, data=step_data(on=date(2020, 2, 21)))
    assert not result.ok and "晚于今天" in result.error
    result = REPORT_STEPS.perform("publish", actor=world.clerk, obj=report, data=step_data(on=DEMO_DAY))
    assert result.ok, result.error


def test_every_page_shows_the_demo_date_banner(client, db, fixed, world):
    assert BANNER in client.get(reverse("login")).content.decode()  # anonymous, staff layout
    assert BANNER in client.get(reverse("portal:index")).content.decode()  # the public portal
    client.force_login(world.officer)
    assert BANNER in client.get(reverse("workbench:home")).content.decode()
    assert BANNER in client.get("/no-such-page/").content.decode()  # the error layout too


def test_no_banner_on_the_real_calendar(client, db, settings):
    settings.FAZHI_TODAY = None
    assert "演示数据" not in client.get(reverse("login")).content.decode()


def test_a_served_site_that_is_not_the_demo_refuses_a_fixed_date(db, fixed, settings, monkeypatch):
    settings.DEBUG = False
    for state in ("empty", "other"):
        monkeypatch.setattr(guard, "database_state", lambda state=state: state)
        with pytest.raises(ImproperlyConfigured) as err:
            guard.refuse_fixed_today_in_production()
        assert "FAZHI_TODAY=2020-02-20" in str(err.value) and "拒绝启动" in str(err.value)
    monkeypatch.setattr(guard, "database_state", lambda: "demo")
    guard.refuse_fixed_today_in_production()  # the demo may fix its date
    monkeypatch.setattr(guard, "database_state", lambda: "other")
    settings.DEBUG = True
    guard.refuse_fixed_today_in_production()  # so may a developer's DEBUG site
    settings.DEBUG = False
    settings.FAZHI_TODAY = None
    guard.refuse_fixed_today_in_production()  # the real calendar is always allowed


def test_an_unreadable_fazhi_today_stops_the_settings(monkeypatch):
    from fazhi.settings import env_date

    monkeypatch.setenv("FAZHI_TODAY", "2020-02-30")
    with pytest.raises(ImproperlyConfigured, match="FAZHI_TODAY"):
        env_date("FAZHI_TODAY")
    monkeypatch.setenv("FAZHI_TODAY", " 2020-02-20 ")
    assert env_date("FAZHI_TODAY") == DEMO_DAY
    monkeypatch.setenv("FAZHI_TODAY", "")
    assert env_date("FAZHI_TODAY") is None
