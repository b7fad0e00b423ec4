"""Reads of 学法 and 普法, scoped, set-based (one aggregate per figure, no per-row queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from fazhi.core.errors import CalendarNotCovered
from fazhi.core.periods import Period, latest_day_before
from fazhi.core.rules import amount_for
from fazhi.learning import rules
from fazhi.learning.models import (
    Activity,
    ActivityStatus,
    Attendance,
    DutyLine,
    ImportBatch,
    ImportRow,
    KeyDate,
    KeyDateKind,
    StudyKind,
    StudySession,
)
from fazhi.org import selectors as org_selectors


def _body_ids(user):
    """The ids of the bodies the user may see (a subquery: no per-row lookups)."""
    return org_selectors.visible_bodies(user).values("id")


# --- 学法 ---------------------------------------------------------------------------------------------------------


def sessions_visible_to(user) -> QuerySet[StudySession]:
    if not user.is_authenticated:
        return StudySession.objects.none()
    return StudySession.objects.filter(body_id__in=_body_ids(user))


def session_list(user, *, year: int | None = None, kind: str = "", body_id: int | None = None):
    qs = sessions_visible_to(user).select_related("body", "presenter", "law").annotate(attendees=Count("attendance"))
    if year:
        qs = qs.filter(held_on__year=year)
    if kind in StudyKind.values:
        qs = qs.filter(kind=kind)
    if body_id:
        qs = qs.filter(body_id=body_id)
    return qs.order_by("-held_on", "-id")


def session_detail(user, session_id) -> StudySession | None:
    return sessions_visible_to(user).select_related("body", "presenter", "law").filter(pk=session_id).first()


def session_attendance(session: StudySession) -> list[Attendance]:
    return list(session.attendance.select_related("person__body").order_by("person__body__code", "person__username"))


@dataclass(frozen=True)
class YearCount:
    kind: str
    label: str
    count: int
    required: int | None
    citation: str

    @property
    def short(self) -> bool:
        return self.required is not None and self.count < self.required


def _required(key: str, on: date, body_id: int) -> tuple[int | None, str]:
    try:
        rule = amount_for(key, on)
    except Exception:  # noqa: BLE001 — no version in force that year (e.g. before 2019-04-15)
        return None, ""
    return int(rule.amount(body_id)), rule.citation


def year_counts(body, year: int) -> list[YearCount]:
    """Sessions of each kind held by the body in a year against the yearly minimums (settings)."""
    counts = dict(
        StudySession.objects.filter(body=body, held_on__year=year)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    on = date(year, 12, 31)
    out = []
    for kind in StudyKind:
        required, citation = None, ""
        if kind == StudyKind.LECTURE:
            required, citation = _required(rules.LECTURES_PER_YEAR, on, body.pk)
        elif kind == StudyKind.PRE_MEETING:
            required, citation = _required(rules.PRE_MEETING_PER_YEAR, on, body.pk)
        out.append(YearCount(kind.value, kind.label, counts.get(kind.value, 0), required, citation))
    return out


def hours_from_study(person_ids, year: int) -> dict[int, Decimal]:
    """Hours per person from study sessions in a year (part of the org total, never added to it)."""
    rows = (
        Attendance.objects.filter(person_id__in=person_ids, session__held_on__year=year)
        .values("person_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    return {r["person_id"]: Decimal(r["total"] or 0).quantize(Decimal("0.1")) for r in rows}


@dataclass(frozen=True)
class Background:
    staff: int
    legal_background: int
    qualified: int

    @property
    def share(self) -> Decimal:
        return (
            (Decimal(100) * self.legal_background / self.staff).quantize(Decimal("0.1")) if self.staff else Decimal(0)
        )


def legal_background_share(user, body=None) -> Background:
    """Staff in scope (or in one body's subtree) with a legal background and with a 法律职业资格 (one query)."""
    people = org_selectors.visible_staff(user).filter(is_active=True)
    if body is not None:
        people = people.filter(body__path__startswith=body.path)
    figures = people.aggregate(
        staff=Count("pk", distinct=True),
        background=Count("pk", filter=Q(legal_background=True), distinct=True),
        qualified=Count("pk", filter=~Q(legal_qualification_number=""), distinct=True),
    )
    return Background(figures["staff"], figures["background"], figures["qualified"])


@dataclass(frozen=True)
class Shufa:
    """What one leader (第一责任人) did for the rule of law in a year, from what this module records."""

    leader: object
    year: int
    led: list[StudySession]
    attended: list[StudySession]
    counts: list[YearCount]
    hours: Decimal
    required_hours: int
    hours_citation: str
    background: Background


def shufa(user, leader, year: int) -> Shufa:
    """述法 (党政主要负责人履行推进法治建设第一责任人职责): study sessions led and attended, the body's yearly counts."""
    body = org_selectors.town_of(leader.body) or leader.body
    led = list(
        StudySession.objects.filter(presenter=leader, held_on__year=year).select_related("law").order_by("held_on")
    )
    attended = list(
        StudySession.objects.filter(attendance__person=leader, held_on__year=year)
        .select_related("law")
        .order_by("held_on")
    )
    hours = org_selectors.hours_by_person(org_selectors.visible_staff(user).filter(pk=leader.pk), year)
    requirement = org_selectors.training_requirement_for_body(leader.body, year)
    return Shufa(
        leader=leader,
        year=year,
        led=led,
        attended=attended,
        counts=year_counts(body, year),
        hours=hours.get(leader.pk, Decimal("0.0")),
        required_hours=requirement.hours,
        hours_citation=requirement.citation,
        background=legal_background_share(user, body),
    )


# --- e-learning imports -------------------------------------------------------------------------------------------


def batches_visible_to(user) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(body_id__in=_body_ids(user)).select_related("body", "imported_by")


def unmatched_rows(user) -> QuerySet[ImportRow]:
    return (
        ImportRow.objects.filter(batch__body_id__in=_body_ids(user), person__isnull=True)
        .select_related("batch")
        .order_by("batch_id", "row_number")
    )


def batch_rows(batch: ImportBatch) -> list[ImportRow]:
    return list(batch.rows.select_related("person").order_by("row_number"))


# --- 普法 ---------------------------------------------------------------------------------------------------------


def duty_lines(body_ids, year: int | None = None) -> QuerySet[DutyLine]:
    qs = DutyLine.objects.filter(body_id__in=body_ids).select_related("body")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("body__code", "year", "position", "id")


def public_duty_lines(year: int | None = None) -> QuerySet[DutyLine]:
    """The published 普法责任清单 (every body's; the portal shows them to everyone)."""
    qs = DutyLine.objects.select_related("body")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("body__code", "-year", "position", "id")


def public_activities(year: int | None = None) -> QuerySet[Activity]:
    qs = Activity.objects.filter(status=ActivityStatus.PUBLIC).select_related("body", "key_date", "duty_line")
    if year:
        qs = qs.filter(held_on__year=year)
    return qs.order_by("-held_on", "-id")


def public_activity(activity_id) -> Activity | None:
    return public_activities().prefetch_related("files").filter(pk=activity_id).first()


def activities_visible_to(user, *, year: int | None = None, status: str = "") -> QuerySet[Activity]:
    qs = Activity.objects.filter(body_id__in=_body_ids(user)).select_related("body", "key_date", "duty_line")
    if year:
        qs = qs.filter(held_on__year=year)
    if status in ActivityStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-held_on", "-id")


def activity_detail(user, activity_id) -> Activity | None:
    return activities_visible_to(user).prefetch_related("files").filter(pk=activity_id).first()


def key_dates(*, active_only: bool = True) -> QuerySet[KeyDate]:
    qs = KeyDate.objects.all()
    if active_only:
        qs = qs.filter(active=True)
    return qs.order_by("month", "day", "key")


def occurrence(kd: KeyDate, year: int) -> tuple[date, date] | None:
    """The first and last day of a key date in a year (None when the row does not name a real day)."""
    try:
        if kd.kind == KeyDateKind.NTH_WEEKDAY:
            first = date(year, kd.month, 1)
            offset = ((kd.weekday or 1) - 1 - first.weekday()) % 7
            start = first + timedelta(days=offset + 7 * ((kd.nth or 1) - 1))
            if start.month != kd.month:
                return None
        else:
            start = date(year, kd.month, kd.day or 1)
    except ValueError:
        return None
    return start, start + timedelta(days=max(kd.span_days, 1) - 1)


@dataclass(frozen=True)
class CalendarRow:
    key_date: KeyDate
    start: date
    end: date
    remind_on: date | None
    activities: int


def reminder_day(start: date, body_id: int | None = None, *, count: int | None = None, calendar=None) -> date | None:
    """N working days before a key date (setting), on the official calendar (estimated where not yet entered)."""
    if count is None:
        count = int(amount_for(rules.REMINDER_WORKING_DAYS).amount(body_id))
    try:
        return latest_day_before(start, Period(count, "wd"), calendar=calendar, estimate=True).due
    except CalendarNotCovered:
        return None


def calendar(year: int, body_ids=None, body_id: int | None = None) -> list[CalendarRow]:
    counts: dict[int, int] = {}
    if body_ids is not None:
        counts = dict(
            Activity.objects.filter(body_id__in=body_ids, held_on__year=year, key_date__isnull=False)
            .values_list("key_date_id")
            .annotate(n=Count("id"))
            .order_by()
        )
    from fazhi.core.selectors import DbCalendar

    count = int(amount_for(rules.REMINDER_WORKING_DAYS).amount(body_id))
    official = DbCalendar()  # one snapshot for every row: a few queries for the whole calendar
    rows = []
    for kd in key_dates():
        span = occurrence(kd, year)
        if span is None:
            continue
        remind = reminder_day(span[0], count=count, calendar=official)
        rows.append(CalendarRow(kd, span[0], span[1], remind, counts.get(kd.pk, 0)))
    return sorted(rows, key=lambda r: (r.start, r.key_date.key))


@dataclass(frozen=True)
class DutyReport:
    """普法责任制履职报告 of a body for a year (天津市法治宣传教育条例 第十条第三款), drafted from the records."""

    body: object
    year: int
    lines: list[DutyLine]
    activities: list[Activity]
    by_form: list[tuple[str, int, int]]  # (form label, activities, audience)
    lines_without_activity: list[DutyLine]
    key_dates_met: list[str]
    total_audience: int
    sessions: list[YearCount]


def duty_report(body, year: int) -> DutyReport:
    from fazhi.learning.models import ActivityForm

    lines = list(DutyLine.objects.filter(body=body, year=year).order_by("position", "id"))
    activities = list(
        Activity.objects.filter(body=body, held_on__year=year, status=ActivityStatus.PUBLIC)
        .select_related("key_date", "duty_line")
        .order_by("held_on", "id")
    )
    figures = {
        r["form"]: (r["n"], r["people"] or 0)
        for r in Activity.objects.filter(body=body, held_on__year=year, status=ActivityStatus.PUBLIC)
        .values("form")
        .annotate(n=Count("id"), people=Sum("audience_size"))
        .order_by()
    }
    by_form = [(f.label, *figures[f.value]) for f in ActivityForm if f.value in figures]
    fulfilled = {a.duty_line_id for a in activities if a.duty_line_id}
    met = sorted({a.key_date.name for a in activities if a.key_date_id})
    return DutyReport(
        body=body,
        year=year,
        lines=lines,
        activities=activities,
        by_form=by_form,
        lines_without_activity=[line for line in lines if line.pk not in fulfilled],
        key_dates_met=met,
        total_audience=sum(a.audience_size for a in activities),
        sessions=year_counts(body, year),
    )


@dataclass(frozen=True)
class BodyFigures:
    body_id: int
    sessions: int
    attendances: int
    people: int
    hours: Decimal


def district_figures(body, year: int) -> list[BodyFigures]:
    """Study figures of every body under ``body`` (a district or a town) in a year: sessions, attendances, distinct
    people and hours — one aggregate query (bench/bench_learning.py measures it)."""
    rows = (
        Attendance.objects.filter(session__body__path__startswith=body.path, session__held_on__year=year)
        .values("session__body_id")
        .annotate(
            sessions=Count("session_id", distinct=True),
            attendances=Count("id"),
            people=Count("person_id", distinct=True),
            hours=Sum("hours"),
        )
        .order_by("session__body_id")
    )
    return [
        BodyFigures(
            r["session__body_id"],
            r["sessions"],
            r["attendances"],
            r["people"],
            Decimal(r["hours"] or 0).quantize(Decimal("0.1")),
        )  # fmt: skip
        for r in rows
    ]


# --- the annual 法治政府建设情况报告 (read by fazhi.annual) ------------------------------------------------------------


def annual_figures(body_ids, year: int) -> dict[str, object]:
    """For the annual report: study sessions of these bodies in the year by kind, the hours their attendance
    recorded, and the 普法 activities made public (those on a key date counted apart) — three grouped queries."""
    ids = list(body_ids)
    by_kind = dict(
        StudySession.objects.filter(body_id__in=ids, held_on__year=year)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    hours = Attendance.objects.filter(session__body_id__in=ids, session__held_on__year=year).aggregate(h=Sum("hours"))
    activities = Activity.objects.filter(body_id__in=ids, held_on__year=year, status=ActivityStatus.PUBLIC).aggregate(
        all=Count("id"), key_dates=Count("id", filter=Q(key_date__isnull=False))
    )
    return {
        "pre_meeting_sessions": by_kind.get(StudyKind.PRE_MEETING, 0),
        "center_group_sessions": by_kind.get(StudyKind.CENTRE_GROUP, 0),
        "lectures": by_kind.get(StudyKind.LECTURE, 0),
        "study_hours": hours["h"] or Decimal(0),
        "pufa_activities": activities["all"] or 0,
        "key_date_activities": activities["key_dates"] or 0,
    }
