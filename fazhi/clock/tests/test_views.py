"""Pages and API: an allowed user, a colleague without the role, an outsider from another town."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.selectors import get_setting
from fazhi.core.tests.factories import make_deadline

pytestmark = pytest.mark.django_db


def test_pages_need_login(client):
    for name in ("clock:calendar", "clock:due", "clock:deadlines", "clock:rules"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_calendar_page_shows_2019_holidays_makeup_days_and_notice(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("clock:calendar"), {"year": 2019})
    html = response.content.decode()
    assert response.status_code == 200
    assert "国办发明电〔2018〕15号" in html
    assert 'class="table-danger fw-bold cal-off" title="国庆节放假" data-date="2019-10-01"' in html
    assert 'class="table-primary fw-bold cal-work" title="国庆节调休上班" data-date="2019-10-12"' in html
    assert "2026" in html  # covered years listed


def test_calendar_page_warns_for_an_uncovered_year(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("clock:calendar"), {"year": 2027}).content.decode()
    assert "2027年的节假日安排尚未录入" in html


def test_due_page_computes_and_explains(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("clock:due"), {"start": "2019-09-20", "period": "20wd"})
    html = response.content.decode()
    assert '<strong data-testid="due-date">2019-10-23</strong>' in html
    assert "2019-10-01 至 2019-10-07 国庆节放假，不计入。" in html


def test_due_page_bad_input_names_the_field(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("clock:due"), {"start": "2019-02-30", "period": "20天"}).content.decode()
    assert "「起算日」：日期格式无效" in html
    assert "「期间」：期间格式无效" in html
    html = client.get(
        reverse("clock:due"), {"start": "2019-09-20", "period": "5wd", "pauses": "2019-10-08"}
    ).content.decode()
    assert "2019-10-08" in html and "due-date" in html
    html = client.get(
        reverse("clock:due"), {"start": "2019-09-20", "period": "5wd", "pauses": "10-08 to 10-09"}
    ).content.decode()
    assert "「中止期间」：中止期间格式无效" in html


def test_due_page_uncovered_year_is_an_error_unless_estimating(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("clock:due"), {"start": "2027-03-01", "period": "5wd"}).content.decode()
    assert "「起算日」：2027年的节假日安排尚未录入" in html
    html = client.get(reverse("clock:due"), {"start": "2027-03-01", "period": "5wd", "estimate": "on"}).content.decode()
    assert 'data-testid="estimate">估算' in html and "【估算】" in html


def test_deadline_list_shows_only_my_town_with_overdue_highlighted(client, clerk, outsider, town, other_town):
    ours = make_deadline(town, label="辛口镇某案公开")
    theirs = make_deadline(other_town, label="张家窝镇某案公开")
    client.force_login(clerk)
    html = client.get(reverse("clock:deadlines")).content.decode()
    assert "辛口镇某案公开" in html and "张家窝镇某案公开" not in html
    assert 'class="table-danger" data-derived="overdue"' in html
    client.force_login(outsider)
    html = client.get(reverse("clock:deadlines"), {"state": "overdue"}).content.decode()
    assert "张家窝镇某案公开" in html and "辛口镇某案公开" not in html
    assert client.get(reverse("clock:deadline", args=[ours.pk])).status_code == 404
    assert client.get(reverse("clock:deadline", args=[theirs.pk])).status_code == 200


def test_paused_deadline_is_labelled_not_overdue(client, clerk, town):
    from fazhi.core import deadlines

    deadline = make_deadline(town, rule_key="enforcement.seizure", start=date(2019, 9, 1), label="扣押某物")
    deadlines.pause_deadline(actor=None, deadline=deadline, on=date(2019, 9, 10), reason="检测鉴定")
    client.force_login(clerk)
    html = client.get(reverse("clock:deadlines"), {"state": "paused"}).content.decode()
    assert 'data-derived="paused"' in html and "已中止" in html and "table-danger" not in html
    detail = client.get(reverse("clock:deadline", args=[deadline.pk])).content.decode()
    assert "检测鉴定" in detail and "（尚未恢复）" in detail


def test_deadline_detail_shows_explanation(client, clerk, town):
    deadline = make_deadline(town, label="公开某决定")
    client.force_login(clerk)
    html = client.get(reverse("clock:deadline", args=[deadline.pk])).content.decode()
    assert "2019-10-12（星期六）为国庆节调休上班日，计入。" in html
    assert "国办发〔2018〕118号" in html


def test_rule_page_lists_citations_and_only_admins_get_setting_forms(client, clerk, admin_user):
    client.force_login(clerk)
    html = client.get(reverse("clock:rules")).content.decode()
    assert "《中华人民共和国行政处罚法》（2021年修订）第六十四条第（一）项" in html
    assert 'name="value"' not in html
    client.force_login(admin_user)
    assert 'name="value"' in client.get(reverse("clock:rules")).content.decode()


def test_setting_change_by_admin_redirects_and_applies_to_the_town(client, admin_user, town):
    client.force_login(admin_user)
    key = "enforcement.2017.hearing_request_days"
    response = client.post(reverse("clock:setting_change"), {"key": key, "value": "4", "note": "天津规定"})
    assert response.status_code == 302
    assert get_setting(key, body_id=town.pk, default=3) == 4


def test_setting_change_bad_value_names_the_field(client, admin_user):
    client.force_login(admin_user)
    key = "enforcement.2017.hearing_request_days"
    response = client.post(reverse("clock:setting_change"), {"key": key, "value": "三", "note": "x"})
    assert response.status_code == 400 and "「值」：应为数字。" in response.content.decode()
    response = client.post(reverse("clock:setting_change"), {"key": "not.a.setting", "value": "3", "note": "x"})
    assert response.status_code == 400 and "没有这个可设置的项目" in response.content.decode()


def test_setting_change_refused_for_colleague_without_role(client, clerk, town):
    client.force_login(clerk)
    key = "enforcement.2017.hearing_request_days"
    response = client.post(reverse("clock:setting_change"), {"key": key, "value": "9", "note": "x"})
    assert response.status_code == 403
    assert get_setting(key, body_id=town.pk, default=3) == 3


def test_setting_change_by_outsider_does_not_reach_my_town(client, outsider, town, other_town):
    client.force_login(outsider)
    key = "enforcement.2017.hearing_request_days"
    client.post(reverse("clock:setting_change"), {"key": key, "value": "9", "note": "x"})
    assert get_setting(key, body_id=town.pk, default=3) == 3
    assert get_setting(key, body_id=other_town.pk, default=3) == 9


def test_api_due(client, clerk):
    client.force_login(clerk)
    data = client.get("/api/v1/core/due", {"start": "2019-09-20", "period": "20wd"}).json()
    assert data["due"] == "2019-10-23" and data["is_estimate"] is False
    assert "2019-10-01 至 2019-10-07 国庆节放假，不计入。" in data["explanation"]
    bad = client.get("/api/v1/core/due", {"start": "2019-09-20", "period": "20x"})
    assert bad.status_code == 400 and "可用的写法" in bad.json()["detail"]
    uncovered = client.get("/api/v1/core/due", {"start": "2027-03-01", "period": "5wd"})
    assert uncovered.status_code == 422 and "2027年" in uncovered.json()["detail"]


def test_api_needs_login(client):
    assert client.get("/api/v1/core/due", {"start": "2019-09-20", "period": "20wd"}).status_code == 401


def test_api_deadlines_are_scoped(client, clerk, outsider, town, other_town):
    ours = make_deadline(town, label="我们的")
    make_deadline(other_town, label="他们的")
    client.force_login(clerk)
    rows = client.get("/api/v1/core/deadlines").json()
    assert [r["subject_label"] for r in rows] == ["我们的"]
    assert rows[0]["derived"] == "overdue"
    client.force_login(outsider)
    assert client.get(f"/api/v1/core/deadlines/{ours.pk}").status_code == 404


def test_api_due_with_pauses_and_estimate(client, clerk):
    client.force_login(clerk)
    data = client.get(
        "/api/v1/core/due",
        {"start": "2019-09-02", "period": "10wd", "pause": ["2019-09-04:2019-09-06"]},
    ).json()
    assert data["due"] == "2019-09-20"
    data = client.get("/api/v1/core/due", {"start": "2026-12-20", "period": "10wd", "estimate": "true"}).json()
    assert data["is_estimate"] is True and data["explanation"][0].startswith("【估算】")
