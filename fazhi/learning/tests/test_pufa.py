"""普法: 责任清单, the key-date calendar, activities (dated, reviewed before public), the yearly report."""

from datetime import date

import pytest

from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.learning import selectors, services
from fazhi.learning.models import ActivityForm, ActivityStatus, KeyDate


def _line(world, **kw):
    values = dict(
        actor=world.admin, body=world.town, year=2019, laws="《中华人民共和国城乡规划法》", audience="辖区居民、商户",
        measures="宣传摊位、以案释法", responsible_unit="综合执法大队", timing="宪法宣传周、全年",
    )  # fmt: skip
    values.update(kw)
    return services.save_duty_line(**values)


def _activity(world, **kw):
    values = dict(
        actor=world.admin, body=world.town, held_on=date(2019, 12, 4), topic="宪法宣传周集中宣传",
        form=ActivityForm.BOOTH, place="辛口镇政府广场", laws="宪法", audience_size=300,
    )  # fmt: skip
    values.update(kw)
    return services.record_activity(**values)


def test_key_dates_seeded_with_citations(db):
    days = {kd.key: kd for kd in KeyDate.objects.all()}
    assert days["constitution_day"].verified and "12月4日" in days["constitution_day"].citation
    assert not days["consumer_day"].verified


@pytest.mark.parametrize(
    ("key", "year", "start"),
    [
        ("constitution_day", 2019, date(2019, 12, 4)),
        ("national_security", 2019, date(2019, 4, 15)),
        ("environment_day", 2019, date(2019, 6, 5)),
        # September 2019 began on a Sunday: Saturdays 7, 14, 21 → the third is the 21st.
        ("defence_education", 2019, date(2019, 9, 21)),
        # September 2020 began on a Tuesday: Saturdays 5, 12, 19.
        ("defence_education", 2020, date(2020, 9, 19)),
    ],
)
def test_occurrences(db, key, year, start):
    assert selectors.occurrence(KeyDate.objects.get(key=key), year)[0] == start


def test_reminder_five_working_days_before(db):
    # 2019-12-04 is a Wednesday; 5 working days back (weekend 11-30/12-01 not counted): 11-27.
    assert selectors.reminder_day(date(2019, 12, 4)) == date(2019, 11, 27)


def test_statutory_day_cannot_be_moved_but_practice_day_can(world):
    kd = KeyDate.objects.get(key="constitution_day")
    with pytest.raises(InvalidInput, match="由法律规定"):
        services.change_key_date(actor=world.admin, key_date=kd, month=12, day=5, span_days=1, active=True)
    practice = KeyDate.objects.get(key="fire_day")
    services.change_key_date(actor=world.admin, key_date=practice, month=11, day=10, span_days=1, active=True)
    assert KeyDate.objects.get(key="fire_day").day == 10


def test_activity_needs_a_date(world):
    with pytest.raises(InvalidInput) as exc:
        _activity(world, held_on=None)
    assert exc.value.field == "held_on"


def test_activity_public_only_after_review(world):
    line = _line(world)
    kd = KeyDate.objects.get(key="constitution_week")
    activity = _activity(world, duty_line=line, key_date=kd)
    assert activity.status == ActivityStatus.DRAFT
    assert list(selectors.public_activities()) == []
    with pytest.raises(NotPermitted):
        services.review_activity(actor=world.admin, activity=activity, on=date(2019, 12, 5), approve=True)
    services.review_activity(actor=world.leader, activity=activity, on=date(2019, 12, 5), approve=True)
    assert [a.pk for a in selectors.public_activities()] == [activity.pk]
    with pytest.raises(InvalidTransition):
        services.review_activity(actor=world.leader, activity=activity, on=date(2019, 12, 6), approve=False, note="x")


def test_activity_in_other_town_refused(world):
    with pytest.raises(NotPermitted):
        _activity(world, actor=world.outsider)


def test_case_form_needs_a_case(world):
    with pytest.raises(InvalidInput) as exc:
        _activity(world, form=ActivityForm.CASE)
    assert exc.value.field == "case_id"
    with pytest.raises(InvalidInput, match="不存在"):
        _activity(world, form=ActivityForm.CASE, case_id=999999)


def test_duty_report_drafted_from_public_activities(world):
    line = _line(world)
    other = _line(world, laws="《中华人民共和国土地管理法》")
    first = _activity(world, duty_line=line, key_date=KeyDate.objects.get(key="constitution_week"))
    _activity(world, held_on=date(2019, 4, 15), topic="国家安全教育日", form=ActivityForm.NEW_MEDIA, audience_size=1200)
    services.review_activity(actor=world.leader, activity=first, on=date(2019, 12, 5), approve=True)
    report = selectors.duty_report(world.town, 2019)
    # Only the reviewed activity counts: one booth, 300 people; the 土地管理法 line has no activity yet.
    assert report.by_form == [("宣传摊位", 1, 300)]
    assert report.total_audience == 300
    assert report.lines_without_activity == [other]
    assert report.key_dates_met == ["宪法宣传周"]


def test_duty_line_requires_every_field(world):
    with pytest.raises(InvalidInput) as exc:
        _line(world, audience="")
    assert exc.value.field == "audience"


def test_reminders_go_to_the_town_admins_and_leaders(world):
    from fazhi.core.inbox import inbox_for

    world.admin, world.leader, world.outsider  # noqa: B018
    # 国家宪法日 2019-12-04 → reminder 5 working days before: 2019-11-27 (see above).
    sent = services.send_key_date_reminders(on=date(2019, 11, 27))
    # 辛口镇: admin + leader; 张家窝镇: its leader.
    assert sent == 3
    assert "国家宪法日" in inbox_for(world.admin)[0].title
    assert services.send_key_date_reminders(on=date(2019, 11, 28)) == 0
