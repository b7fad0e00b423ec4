"""The pages: scope (in scope, other town, anonymous), refusals as 400 with the field's message, public 普法 list."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import Workbook

from fazhi.learning import services
from fazhi.learning.models import ActivityForm, ActivityStatus, StudyKind, StudySession


@pytest.fixture
def session(world):
    return services.record_session(
        actor=world.admin, body=world.town, kind=StudyKind.PRE_MEETING, held_on=date(2019, 3, 12),
        title="学习宪法", hours="1", attendees=[world.leader, world.officer], meeting="第3次镇长办公会",
    )  # fmt: skip


def test_session_page_in_scope_other_town_anonymous(client, world, session):
    url = reverse("learning:session", args=[session.pk])
    client.force_login(world.leader)
    page = client.get(url)
    assert page.status_code == 200 and "王建国" in page.content.decode()
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_home_lists_sessions_and_counts(client, world, session):
    client.force_login(world.admin)
    page = client.get(reverse("learning:home") + "?year=2019").content.decode()
    assert "学习宪法" in page and "不少于12次" in page


def test_record_session_through_the_form(client, world):
    client.force_login(world.admin)
    people = [world.leader, world.officer]
    response = client.post(
        reverse("learning:session_new"),
        {"kind": "lecture", "held_on": "2019-06-20", "title": "民法典讲座", "speaker": "南开大学 李教授", "hours": "2",
         "attendees": [str(p.pk) for p in people]},
    )  # fmt: skip
    assert response.status_code == 302
    assert StudySession.objects.get().attendance.count() == 2


def test_out_of_scope_attendee_is_not_offered_and_refused(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("learning:session_new"),
        {"kind": "seminar", "held_on": "2019-06-20", "title": "研讨", "hours": "1",
         "attendees": [str(world.other_officer.pk)]},
    )  # fmt: skip
    assert response.status_code == 400
    assert "所选参加人员不在可选范围内" in response.content.decode()
    assert StudySession.objects.count() == 0


def test_hours_out_of_range_shown_next_to_field(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("learning:session_new"),
        {
            "kind": "seminar",
            "held_on": "2019-06-20",
            "title": "研讨",
            "hours": "12",
            "attendees": [str(world.officer.pk)],
        },
    )
    assert response.status_code == 400
    assert "超过一次学法活动可计的8学时" in response.content.decode()


def test_officer_may_not_open_the_form(client, world):
    client.force_login(world.officer)
    assert client.get(reverse("learning:session_new")).status_code == 403


def test_activity_without_date_refused_and_public_after_review(client, world):
    client.force_login(world.admin)
    response = client.post(reverse("learning:activity_new"), {"topic": "宪法宣传", "form": "booth"})
    assert response.status_code == 400 and "请填写活动日期" in response.content.decode()
    activity = services.record_activity(
        actor=world.admin, body=world.town, held_on=date(2019, 12, 4), topic="宪法宣传周", form=ActivityForm.BOOTH,
        audience_size=200,
    )  # fmt: skip
    client.logout()
    assert client.get(reverse("pufa:activity", args=[activity.pk])).status_code == 404  # not yet reviewed
    client.force_login(world.leader)
    response = client.post(
        reverse("learning:activity_step", args=[activity.pk, "review"]), {"on": "2019-12-05", "approve": "on"}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLIC
    client.logout()
    public = client.get(reverse("pufa:index")).content.decode()
    assert "宪法宣传周" in public
    assert client.get(reverse("pufa:activity", args=[activity.pk])).status_code == 200


def test_outsider_cannot_see_activity(client, world):
    activity = services.record_activity(
        actor=world.admin, body=world.town, held_on=date(2019, 12, 4), topic="宪法宣传周", form=ActivityForm.BOOTH
    )
    client.force_login(world.outsider)
    assert client.get(reverse("learning:activity", args=[activity.pk])).status_code == 404
    assert (
        client.post(reverse("learning:activity_step", args=[activity.pk, "review"]), {"on": "2019-12-05"}).status_code
        == 404
    )


def _xlsx(rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "results.xlsx"
    return data


def test_import_page_bad_row_named_then_good_file(client, world):
    world.officer  # noqa: B018
    client.force_login(world.admin)
    header = ("姓名", "身份证号", "工号", "课程", "学时", "成绩", "完成日期")
    bad = _xlsx([header, ("张伟", "", "officer", "课程", "abc", 90, "2019-05-06")])
    response = client.post(reverse("learning:import"), {"file": bad})
    assert response.status_code == 400 and "第2行「学时」列" in response.content.decode()
    good = _xlsx(
        [header, ("张伟", "", "officer", "课程", 3, 90, "2019-05-06"), ("无名", "", "", "课程", 1, "", "2019-05-07")]
    )
    assert client.post(reverse("learning:import"), {"file": good}).status_code == 302
    page = client.get(reverse("learning:import")).content.decode()
    assert "本范围内没有名为「无名」的人员" in page


def test_report_docx(client, world):
    client.force_login(world.admin)
    response = client.get(reverse("learning:report") + "?year=2019&format=docx")
    assert response.status_code == 200
    from fazhi.core.documents import text_of

    assert "普法责任制履职报告" in text_of(response.content)


def test_shufa_page(client, world, session):
    client.force_login(world.leader)
    page = client.get(reverse("learning:shufa") + "?year=2019").content.decode()
    assert "述法：王建国 2019年" in page


def test_pages_query_bound(client, world, session, django_assert_max_num_queries):
    client.force_login(world.admin)
    for _ in range(5):
        services.record_session(
            actor=world.admin, body=world.town, kind=StudyKind.SEMINAR, held_on=date(2019, 5, 1), title="研讨",
            hours="1", attendees=[world.officer],
        )  # fmt: skip
    with django_assert_max_num_queries(20):
        client.get(reverse("learning:home") + "?year=2019")
    with django_assert_max_num_queries(25):
        client.get(reverse("learning:pufa") + "?year=2019")


def test_api_scoped_and_create_refusal(client, world, session):
    client.force_login(world.leader)
    listed = client.get("/api/v1/learning/sessions?year=2019").json()
    assert [s["id"] for s in listed] == [session.pk]
    assert sorted(listed[0]["attendees"]) == sorted([world.leader.pk, world.officer.pk])
    client.force_login(world.outsider)
    assert client.get("/api/v1/learning/sessions").json() == []
    assert client.get(f"/api/v1/learning/sessions/{session.pk}").status_code == 404
    client.force_login(world.admin)
    response = client.post(
        "/api/v1/learning/sessions",
        {"kind": "seminar", "held_on": "2019-06-20", "title": "研讨", "hours": "0", "attendees": [world.officer.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "hours"
    counts = {c["kind"]: c for c in client.get("/api/v1/learning/counts?year=2019").json()}
    assert counts["pre_meeting"]["count"] == 1 and counts["pre_meeting"]["required"] == 12


def test_key_date_edit_page(client, world):
    from fazhi.learning.models import KeyDate

    fixed = KeyDate.objects.get(key="constitution_day")
    practice = KeyDate.objects.get(key="fire_day")
    client.force_login(world.leader)
    assert client.get(reverse("learning:key_date_edit", args=[practice.pk])).status_code == 403
    client.force_login(world.admin)
    response = client.post(reverse("learning:key_date_edit", args=[fixed.pk]), {"month": 12, "day": 5, "span_days": 1})
    assert response.status_code == 400 and "由法律规定" in response.content.decode()
    response = client.post(
        reverse("learning:key_date_edit", args=[practice.pk]), {"month": 11, "day": 10, "span_days": 1, "active": "on"}
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.day == 10
