"""学法: a study session's attendance becomes org training hours (one count), refusals name the rule."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.learning import selectors, services
from fazhi.learning.models import StudyKind
from fazhi.org import selectors as org_selectors
from fazhi.org.models import TrainingRecord, TrainingSource


def _session(world, **overrides):
    values = dict(
        actor=world.admin, body=world.town, kind=StudyKind.PRE_MEETING, held_on=date(2019, 3, 12),
        title="学习《中华人民共和国宪法》", hours="1", attendees=[world.leader, world.officer],
        meeting="2019年第3次镇长办公会", presenter=world.leader,
    )  # fmt: skip
    values.update(overrides)
    return services.record_session(**values)


def test_attendance_becomes_org_training_hours_counted_once(world):
    session = _session(world, hours="1.5")
    # Two attendees → two org training records of 1.5 hours, linked from the attendance rows.
    records = TrainingRecord.objects.filter(note=f"学法活动 #{session.pk}")
    assert records.count() == 2
    assert {r.source for r in records} == {TrainingSource.OFFLINE}
    assert set(session.attendance.values_list("training_record_id", flat=True)) == set(
        records.values_list("pk", flat=True)
    )
    # The hours the workbench and the requirement read: org's one aggregate.
    hours = org_selectors.hours_by_person(world.admin, 2019)
    assert hours[world.officer.pk] == Decimal("1.5")
    assert selectors.hours_from_study([world.officer.pk], 2019) == {world.officer.pk: Decimal("1.5")}


def test_one_chain_entry_for_the_session(world):
    people = [world.admin, world.leader, world.officer]  # made before counting
    last = ChainEntry.objects.order_by("-id").values_list("id", flat=True).first()
    session = _session(world, attendees=people[1:])
    entries = list(ChainEntry.objects.filter(id__gt=last))
    assert [e.event for e in entries] == [Event.STUDY_RECORDED]
    assert len(entries[0].payload["new"]["attendance"]) == 2
    assert entries[0].subject_id == str(session.pk)


def test_lecture_counts_as_lecture_source(world):
    session = _session(world, kind=StudyKind.LECTURE, meeting="", presenter=None, speaker="南开大学法学院 李教授")
    assert {a.training_record.source for a in session.attendance.all()} == {TrainingSource.LECTURE}


def test_attendee_out_of_scope_is_refused_and_nothing_saved(world):
    with pytest.raises(InvalidInput) as exc:
        _session(world, attendees=[world.officer, world.other_officer])
    assert exc.value.field == "attendees"
    assert "曹勇不属于" in exc.value.message
    assert TrainingRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("hours", "expected"),
    [("0", "学时必须大于0"), ("9", "超过一次学法活动可计的8学时"), ("1.25", "最多保留一位小数"), ("abc", "不是数字")],
)
def test_hours_out_of_range_refused_with_the_rule(world, hours, expected):
    with pytest.raises(InvalidInput) as exc:
        _session(world, hours=hours)
    assert exc.value.field == "hours"
    assert expected in exc.value.message


def test_pre_meeting_needs_the_meeting_and_lecture_a_speaker(world):
    with pytest.raises(InvalidInput) as exc:
        _session(world, meeting="")
    assert exc.value.field == "meeting"
    with pytest.raises(InvalidInput) as exc:
        _session(world, kind=StudyKind.LECTURE, presenter=None, speaker="")
    assert exc.value.field == "speaker"


def test_future_date_refused(world):
    with pytest.raises(InvalidInput) as exc:
        _session(world, held_on=date(2999, 1, 1))
    assert exc.value.field == "held_on"


def test_officer_may_not_record_and_outsider_gets_not_in_scope(world):
    with pytest.raises(NotPermitted):
        _session(world, actor=world.officer)
    with pytest.raises(NotPermitted):
        _session(world, actor=world.outsider)


def test_year_counts_against_minimums(world):
    # 3 会前学法 (12 required, UNVERIFIED setting) and 2 lectures (2 required, 督察规定 第八条第（七）项) in 2019.
    for month in (3, 4, 5):
        _session(world, held_on=date(2019, month, 12))
    for month in (6, 11):
        _session(world, kind=StudyKind.LECTURE, held_on=date(2019, month, 20), meeting="", speaker="外请专家")
    counts = {c.kind: c for c in selectors.year_counts(world.town, 2019)}
    assert (counts["pre_meeting"].count, counts["pre_meeting"].required, counts["pre_meeting"].short) == (3, 12, True)
    assert (counts["lecture"].count, counts["lecture"].required, counts["lecture"].short) == (2, 2, False)
    assert "第八条" in counts["lecture"].citation


def test_minimum_is_a_setting(world):
    from fazhi.core.models import Setting

    Setting.objects.create(key="learning.pre_meeting_per_year", body=world.town, value=3)
    for month in (3, 4, 5):
        _session(world, held_on=date(2019, month, 12))
    counts = {c.kind: c for c in selectors.year_counts(world.town, 2019)}
    assert (counts["pre_meeting"].required, counts["pre_meeting"].short) == (3, False)


def test_shufa_shows_sessions_led_and_attended(world):
    _session(world)
    _session(world, held_on=date(2019, 4, 9), presenter=world.admin)
    report = selectors.shufa(world.admin, world.leader, 2019)
    assert len(report.led) == 1
    assert len(report.attended) == 2
    assert report.hours == Decimal("2.0")
    assert report.required_hours == 40  # 天津市行政执法监督规定 第十条第二款 (2019, Tianjin)


def test_district_figures_one_query(world, django_assert_num_queries):
    _session(world, hours="1.5")  # 2 attendees × 1.5
    _session(world, held_on=date(2019, 4, 9), attendees=[world.officer])  # 1 attendee × 1
    with django_assert_num_queries(1):
        figures = selectors.district_figures(world.district, 2019)
    assert [(f.body_id, f.sessions, f.attendances, f.people, f.hours) for f in figures] == [
        (world.town.pk, 2, 3, 2, Decimal("4.0"))
    ]
