"""Reads for core: the calendar as the period engine sees it, settings, and the deadline table's derived states.

Nothing here knows a user's scope (that is ``org``, above core): the scoped deadline lists and pages are in
``fazhi.clock``; finding one record's deadlines is ``fazhi.core.deadlines``."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When

from fazhi.core import clock
from fazhi.core.models import CalendarDay, CalendarYear, Deadline, DeadlineState, Setting
from fazhi.core.periods import DayInfo

# A deadline this many days ahead (or fewer) counts as "due soon" unless a setting overrides it.
DUE_SOON_DAYS_DEFAULT = 3


class DbCalendar:
    """The official calendar read from the database for one computation (or one batch of them).

    Covered years are read in one query on first use; exceptional days are read in blocks of four years around the
    first year asked for, so a computation normally costs two queries. Create a new instance per computation or
    batch: it is a snapshot and is never shared between requests, so a calendar import is seen at once.
    """

    BLOCK_YEARS = 4

    def __init__(self):
        self._covered: set[int] | None = None
        self._loaded_years: set[int] = set()
        self._days: dict[date, DayInfo] = {}

    def is_covered(self, year: int) -> bool:
        if self._covered is None:
            self._covered = set(CalendarYear.objects.values_list("year", flat=True))
        return year in self._covered

    def exception(self, day: date) -> DayInfo | None:
        if day.year not in self._loaded_years:
            first, last = max(day.year - 1, 1), min(day.year + self.BLOCK_YEARS - 2, 9999)
            years = [y for y in range(first, last + 1) if y not in self._loaded_years]
            rows = CalendarDay.objects.filter(date__gte=date(min(years), 1, 1), date__lte=date(max(years), 12, 31))
            for d, kind, name, notice in rows.values_list("date", "kind", "name", "notice"):
                if d.year in years:
                    self._days[d] = DayInfo(kind=kind, name=name, notice=notice)
            self._loaded_years.update(years)
        return self._days.get(day)


def covered_years() -> list[CalendarYear]:
    return list(CalendarYear.objects.order_by("year"))


def calendar_year_days(year: int) -> dict[date, CalendarDay]:
    """Exceptional days dated in ``year`` (whichever notice arranged them)."""
    return {d.date: d for d in CalendarDay.objects.filter(date__year=year)}


# --- settings -------------------------------------------------------------------------------------------------------

_MISSING = object()


def get_setting(key: str, body_id: int | None = None, default=_MISSING):
    """The value of setting ``key`` for a body: its own value, else the nearest ancestor's, else the global one.

    Falls back to ``default`` (and raises KeyError when no default is given and nothing is stored).
    """
    in_reach = Q(body__isnull=True)
    if body_id is not None:
        # The organisation tree is org's (above core): reach its table through the foreign key, never an import. The
        # body's ancestors are those whose path begins its own: found inside the same query (one round trip).
        body_model = Setting._meta.get_field("body").related_model
        own_path = body_model.objects.filter(pk=body_id, path__startswith=OuterRef("body__path"))
        in_reach |= Q(Exists(own_path))
    rows = list(Setting.objects.filter(key=key).filter(in_reach).values_list("body__path", "value"))
    if rows:
        return _nearest(rows)
    if default is _MISSING:
        raise KeyError(key)
    return default


def _nearest(rows):
    """Of (path, value) rows that all reach a body, the nearest body's value: the longest path; the global one (no
    body, no path) last."""
    return max(rows, key=lambda row: len(row[0] or ""))[1]


def setting_for_paths(key: str, paths, default=None) -> dict[str, object]:
    """``get_setting(key)`` for many bodies at once, given their tree paths: {path: value}, in one query whatever the
    number of bodies (a list of people from several towns asks it once, not once per body)."""
    rows = list(Setting.objects.filter(key=key).values_list("body__path", "value"))
    result = {}
    for path in paths:
        reaching = [row for row in rows if row[0] is None or path.startswith(row[0])]
        result[path] = _nearest(reaching) if reaching else default
    return result


# --- deadlines ------------------------------------------------------------------------------------------------------


def deadlines_of_bodies(body_ids) -> QuerySet[Deadline]:
    """Every deadline held by the given bodies (a list, set or queryset of ids): the base of the scoped lists that
    ``fazhi.clock.selectors`` builds from the user's scope."""
    return Deadline.objects.filter(body_id__in=body_ids)


def with_derived_state(qs: QuerySet[Deadline], *, today: date | None = None, soon_days: int | None = None):
    """Annotate ``derived`` = overdue / due_soon / paused / lapsed / open / met / missed.

    A paused deadline is never overdue, and neither is a window (the party's or a third party's) that has run out.
    """
    today = today or clock.today()
    soon_days = DUE_SOON_DAYS_DEFAULT if soon_days is None else soon_days
    return qs.annotate(
        derived=Case(
            When(state=DeadlineState.PAUSED, then=Value("paused")),
            When(state=DeadlineState.OPEN, is_window=True, due_date__lt=today, then=Value("lapsed")),
            When(state=DeadlineState.OPEN, due_date__lt=today, then=Value("overdue")),
            # Marked missed by the sweep but not yet fulfilled: still owed, so still overdue.
            When(state=DeadlineState.MISSED, closed_on__isnull=True, then=Value("overdue")),
            When(state=DeadlineState.OPEN, due_date__lte=today + timedelta(days=soon_days), then=Value("due_soon")),
            default="state",
        )
    )


DERIVED_LABELS = {
    "overdue": "已超期",
    "due_soon": "即将到期",
    "paused": "已中止",
    "lapsed": "期间已届满，可进行下一步",
    "open": "进行中",
    "met": "按期完成",
    "missed": "逾期",
}


def deadlines_for_subject(subject_type: str, subject_id) -> QuerySet[Deadline]:
    """Deadlines attached to one record (for the record's own page; the caller has already checked its scope)."""
    return Deadline.objects.filter(subject_type=subject_type, subject_id=str(subject_id)).order_by("due_date", "id")
