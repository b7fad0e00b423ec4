"""第四十九条: last year's report is published by 31 January — an AnnualDateRule, a setting for a town (the article
names 县级以上人民政府部门; the district's day for towns is UNVERIFIED). The deadline opens with the report (counted
from the last day of the reporting year) and closes when it is published; a report published after the day is late
on the deadline table, on the chain and on the report's page."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from fazhi.audit.models import ChainEntry
from fazhi.core import deadlines
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.selectors import with_derived_state
from fazhi.core.services import change_setting
from fazhi.disclosure import rules, services
from fazhi.disclosure.steps import REPORT_STEPS
from fazhi.disclosure.tests.support import snapshot, step_data

API = "/api/v1/disclosure"


@pytest.fixture
def in_2020():
    with time_machine.travel("2020-03-02 10:00 +0800", tick=False):
        yield


def report_deadline(report) -> Deadline:
    return deadlines.of_subject(report, rules.ANNUAL_REPORT).get()


def test_the_report_of_2019_is_due_by_31_january_2020_from_the_day_it_is_created(world, in_2020):
    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    deadline = report_deadline(report)
    # Counted from 2019-12-31 (the reporting year's last day): the first 31 January after it, a Friday.
    assert (deadline.start_date, deadline.due_date) == (date(2019, 12, 31), date(2020, 1, 31))
    assert "第四十九条第一款" in deadline.rule_citation and deadline.period == "每年1月31日"
    assert any("未核实" in line for line in deadline.explanation)
    entry = ChainEntry.objects.get(event="disclosure.report_created")
    assert entry.payload["due"] == "2020-01-31"


def test_a_report_published_by_the_day_meets_its_deadline(world, in_2020):
    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    services.publish_report(actor=world.clerk, report=report, on=date(2020, 1, 31))
    deadline = report_deadline(report)
    assert (deadline.state, deadline.closed_on) == (DeadlineState.MET, date(2020, 1, 31))
    entry = ChainEntry.objects.get(event="disclosure.report_published")
    assert entry.payload["in_time"] is True and "warnings" not in entry.payload


def test_a_report_published_after_the_day_is_flagged_late(world, in_2020, client):
    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    # Unpublished on 2020-02-01: overdue on the deadline lists.
    shown = with_derived_state(Deadline.objects.filter(pk=report_deadline(report).pk), today=date(2020, 2, 1)).get()
    assert shown.derived == "overdue"
    services.publish_report(actor=world.clerk, report=report, on=date(2020, 2, 3))
    deadline = report_deadline(report)
    assert (deadline.state, deadline.closed_on) == (DeadlineState.MISSED, date(2020, 2, 3))
    entry = ChainEntry.objects.get(event="disclosure.report_published")
    assert entry.payload["in_time"] is False and entry.payload["due"] == "2020-01-31"
    assert "2020-01-31 前公布" in entry.payload["warnings"][0] and "逾期" in entry.payload["warnings"][0]
    client.force_login(world.clerk)
    page = client.get(reverse("disclosure:report_detail", args=[report.pk])).content.decode()
    assert "公布期限：2020-01-31 前" in page and "2020-02-03 公布，逾期" in page
    listed = client.get(reverse("disclosure:report_list")).content.decode()
    assert "2020-01-31 前" in listed


def test_a_towns_setting_moves_the_day_and_the_report_step_api_shows_it(world, in_2020, client):
    change_setting(actor=None, key="disclosure.annual_report_due", value="01-15", body=world.town)
    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    deadline = report_deadline(report)
    assert deadline.due_date == date(2020, 1, 15)
    assert any("本机关设置；默认为每年1月31日" in line for line in deadline.explanation)
    client.force_login(world.clerk)
    response = client.post(f"{API}/reports/{report.pk}/publish", {"on": "2020-01-20"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["due_date"] == "2020-01-15" and response.json()["deadline_state"] == "missed"


def test_the_settings_page_number_form_of_the_day_is_read_too(world, in_2020):
    change_setting(actor=None, key="disclosure.annual_report_due", value=120, body=world.town)
    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    assert report_deadline(report).due_date == date(2020, 1, 20)


def test_a_2018_report_falls_under_the_2007_text_and_is_due_by_31_march(world, in_2020):
    report = services.create_report(actor=world.clerk, body=world.town, year=2018)
    deadline = report_deadline(report)
    assert deadline.due_date == date(2019, 3, 31)
    assert "（2007年）第三十一条" in deadline.rule_citation


def test_a_publication_before_the_year_ended_or_in_the_future_is_refused_and_changes_nothing(world, in_2020):
    report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    before = snapshot()
    for day, words in ((date(2019, 12, 31), "2019年度至 2019-12-31 才结束"), (date(2020, 3, 3), "晚于今天")):
        result = REPORT_STEPS.perform("publish", actor=world.clerk, obj=report, data=step_data(on=day))
        assert not result.ok and words in result.error
    assert report_deadline(report).state == DeadlineState.OPEN
    assert snapshot() == before
