from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.deadlines import open_deadline, pause_deadline
from fazhi.enforcement.rules import PUBLISH_PERMIT_OR_PENALTY, SEIZURE
from fazhi.org.services import issue_certificate, record_training

pytestmark = pytest.mark.django_db


def _open(org, body, label, rule_key=PUBLISH_PERMIT_OR_PENALTY):
    return open_deadline(
        actor=None,
        subject=("enforcement.case", label, label),
        body=body,
        rule_key=rule_key,
        start_date=date(2019, 9, 27),
    )


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_sees_own_certificate_and_hours(client, org):
    today = timezone.localdate()
    issue_certificate(
        actor=None,
        holder=org.officer,
        number="津0001",
        field="综合行政执法",
        valid_from=today - timedelta(days=300),
        valid_to=today + timedelta(days=30),
    )
    record_training(actor=None, person=org.officer, on=today, topic="行政处罚法专题", hours=8)
    client.force_login(org.officer)
    response = client.get(reverse("workbench:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "津0001" in html
    assert "有效" in html
    wb = response.context["wb"]
    assert wb.training["hours"] == 8
    assert [c.number for c in wb.expiring] == ["津0001"]


def test_open_deadlines_show_due_date_and_explanation_within_scope_only(client, org):
    _open(org, org.team, "辛口镇案件A")
    _open(org, org.other_team, "张家窝镇案件B")
    client.force_login(org.officer)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "辛口镇案件A" in html
    assert "2019-10-12" in html  # 7 working days from 2019-09-27: 09-29 (Sun) worked, 10-01..07 off, 10-12 (Sat) worked
    assert "国庆节" in html
    assert "张家窝镇案件B" not in html


def test_paused_deadline_is_labelled_paused_not_overdue(client, org):
    deadline = _open(org, org.team, "查封扣押中的案件", rule_key=SEIZURE)
    pause_deadline(actor=None, deadline=deadline, on=date(2019, 9, 30), reason="检测鉴定（行政强制法第二十五条）")
    client.force_login(org.officer)
    response = client.get(reverse("workbench:home"))
    row = next(d for d in response.context["wb"].deadlines if d.pk == deadline.pk)
    assert row.derived == "paused"
    assert "已中止" in response.content.decode()


def test_supervisor_sees_deadlines_of_every_town_in_the_district(client, org):
    _open(org, org.team, "辛口镇案件A")
    _open(org, org.other_team, "张家窝镇案件B")
    client.force_login(org.supervisor)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "辛口镇案件A" in html and "张家窝镇案件B" in html


def test_leader_sees_people_short_of_hours_but_officer_does_not(client, org):
    client.force_login(org.leader)
    assert client.get(reverse("workbench:home")).context["wb"].sees_team is True
    client.force_login(org.officer)
    response = client.get(reverse("workbench:home"))
    assert response.context["wb"].sees_team is False
    assert 'data-testid="short-of-hours"' not in response.content.decode()


def test_bad_year_parameter_falls_back_to_this_year(client, org):
    client.force_login(org.officer)
    response = client.get(reverse("workbench:home"), {"year": "abc"})
    assert response.status_code == 200
    assert response.context["wb"].year == timezone.localdate().year


def test_workbench_charts_my_open_items_by_due_week_with_table_and_export(client, org):
    import io

    from openpyxl import load_workbook

    from fazhi.core.deadlines import open_deadline

    today = timezone.localdate()
    for label, start in (("早已到期", date(2019, 9, 27)), ("本周附近", today)):
        open_deadline(
            actor=None, subject=("enforcement.case", label, label), body=org.team, rule_key=SEIZURE, start_date=start
        )
    client.force_login(org.officer)
    response = client.get(reverse("workbench:home"))
    fig = response.context["wb"].due_weeks
    counts = {row[0]: row[2] for row in fig.rows}
    assert counts["已超期"] == 1 and sum(counts.values()) == 2
    assert 'data-testid="chart-due-weeks"' in response.content.decode()
    export = client.get(reverse("workbench:home"), {"format": "xlsx", "chart": "due_weeks"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("届满周", "日期", "件数") and rows[1][0] == "已超期" and rows[1][2] == 1
    client.force_login(org.other_officer)  # another town: none of ours
    other = client.get(reverse("workbench:home")).context["wb"].due_weeks
    assert sum(row[2] for row in other.rows) == 0
    client.force_login(org.colleague)  # no enforcement role: still their own desk, same scope
    assert client.get(reverse("workbench:home")).status_code == 200


def test_due_weeks_put_each_date_in_its_monday_to_sunday_week_and_fold_the_ends(org):
    """Today Thursday 2020-02-20: this week is 02-20…02-23 (its Monday 02-17 names it), then eight Monday–Sunday
    weeks up to 04-12; before today is 已超期, from Monday 04-13 on is 更晚."""
    from fazhi.clock.selectors import open_deadlines_for
    from fazhi.core.models import Deadline
    from fazhi.workbench.selectors import due_weeks_figure

    dues = {
        "2019-01-02": "已超期",
        "2020-02-19": "已超期",
        "2020-02-20": "02-17起",
        "2020-02-23": "02-17起",
        "2020-02-24": "02-24起",
        "2020-03-01": "02-24起",
        "2020-04-06": "04-06起",
        "2020-04-12": "04-06起",
        "2020-04-13": "更晚",
        "2031-12-31": "更晚",
    }
    for n, due in enumerate(dues):
        deadline = _open(org, org.team, f"期限{n}", rule_key=SEIZURE)
        Deadline.objects.filter(pk=deadline.pk).update(due_date=date.fromisoformat(due))
    figure = due_weeks_figure(open_deadlines_for(org.officer), today=date(2020, 2, 20))
    counts = {row[0]: row[2] for row in figure.rows}
    assert [row[0] for row in figure.rows][:3] == ["已超期", "02-17起", "02-24起"] and figure.rows[-1][0] == "更晚"
    assert counts == {label: list(dues.values()).count(label) for label in counts}
    assert sum(counts.values()) == len(dues) and counts["03-02起"] == 0
    assert figure.rows[1][1] == "2020-02-17 至 2020-02-23" and figure.rows[-1][1] == "2020-04-13 以后"
