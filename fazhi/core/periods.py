"""The statutory period engine: pure functions over a working-day calendar, each result explained in Chinese.

Rules applied (and cited in the explanation):

- The start day is not counted (民事诉讼法 第八十五条第二款, imported by 行政诉讼法 第一百零一条; for administrative
  procedures generally it is settled practice).
- Working-day periods (``wd``) count only working days: Monday–Friday and 调休 makeup days, minus the days off set by
  the State Council notice of the year (行政处罚法 第八十五条, 行政强制法 第六十九条, 政府信息公开条例 "个工作日").
- Calendar periods (``d``, ``m``, ``y``) count every day; when the last day is a rest day the period ends on the next
  working day (民事诉讼法 第八十五条第三款) unless the rule turns ``rollover`` off.
- Months and years end on the same day number in the target month, or on that month's last day when it has no such
  day (2019-11-30 + 3 months → 2020-02-29).
- Pauses (中止: 补正 excluded time, third-party consultation, testing, …) stop the clock. For working-day periods a
  working day inside a pause is not counted. For calendar periods the end is extended by the number of paused days
  that fall inside the running period (a day counts once even when pauses overlap).
- A restart (e.g. 补正 under 政府信息公开条例 第三十条) makes the count start again from the restart date, which is itself
  not counted; pauses before the restart no longer matter.
- An extension adds units on top of the period (same unit unless given otherwise).

A year with no ``CalendarYear`` is *not covered*: the engine raises ``CalendarNotCovered`` naming the year, unless
``estimate=True``, in which case that year counts weekends only and every explanation line is marked 估算.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from fazhi.core.errors import CalendarNotCovered, InvalidInput

WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
UNIT_NAMES = {"wd": "个工作日", "d": "日", "m": "个月", "y": "年"}
MAX_COUNTS = {"wd": 2500, "d": 36600, "m": 1200, "y": 100}
UNIT_LABELS = {"wd": "工作日", "d": "日（自然日）", "m": "月", "y": "年"}
ROLLOVER_CITATION = "《中华人民共和国民事诉讼法》第八十五条，经《中华人民共和国行政诉讼法》第一百零一条适用"
START_CITATION = "依《中华人民共和国民事诉讼法》第八十五条，期间开始的日不计算在期间内"
ESTIMATE_MARK = "【估算】"
PERIOD_FORMS = "20wd（工作日）、90d（日）、3m（月）、2y（年）"

_PERIOD_RE = re.compile(r"^\s*(\d{1,4})\s*(wd|d|m|y)\s*$", re.IGNORECASE)


def iso_day(d: date) -> str:
    return f"{d.isoformat()}（{WEEKDAYS[d.weekday()]}）"


@dataclass(frozen=True)
class Period:
    count: int
    unit: str  # "wd" | "d" | "m" | "y"

    def __post_init__(self):
        if self.unit not in UNIT_NAMES:
            raise InvalidInput(f"期间单位无效：{self.unit}。可用的写法：{PERIOD_FORMS}。", field="period")
        if self.count < 0:
            raise InvalidInput("期间不能为负数。", field="period")
        if self.count > MAX_COUNTS[self.unit]:
            raise InvalidInput(
                f"期间过长：{self.count}{UNIT_NAMES[self.unit]}，最多{MAX_COUNTS[self.unit]}。", field="period"
            )

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    @property
    def label(self) -> str:
        return f"{self.count}{UNIT_NAMES[self.unit]}"

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """Parse "20wd", "7wd", "90d", "3m", "2y"; anything else → InvalidInput naming the accepted forms."""
        if isinstance(text, Period):
            return text
        match = _PERIOD_RE.match(text or "")
        if not match:
            raise InvalidInput(f"期间格式无效：“{text}”。可用的写法：{PERIOD_FORMS}。", field="period")
        return cls(int(match.group(1)), match.group(2).lower())


@dataclass(frozen=True)
class Pause:
    """A stretch of days (both ends included) during which the clock stops."""

    start: date
    end: date
    reason: str = ""

    def __post_init__(self):
        if self.end < self.start:
            raise InvalidInput(f"中止期间的结束日 {self.end} 早于开始日 {self.start}。", field="pauses")

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    @property
    def label(self) -> str:
        reason = f"（{self.reason}）" if self.reason else ""
        if self.start == self.end:
            return f"{self.start.isoformat()} 期限中止{reason}"
        return f"{self.start.isoformat()} 至 {self.end.isoformat()} 期限中止{reason}"

    @classmethod
    def parse(cls, text: str) -> Pause:
        """Parse "2019-10-08:2019-10-10" (or a single date)."""
        parts = [p.strip() for p in (text or "").split(":")]
        try:
            if len(parts) == 1:
                day = date.fromisoformat(parts[0])
                return cls(day, day)
            if len(parts) == 2:
                return cls(date.fromisoformat(parts[0]), date.fromisoformat(parts[1]))
        except ValueError:
            pass
        raise InvalidInput(
            f"中止期间格式无效：“{text}”。应写作 开始日:结束日，如 2019-10-08:2019-10-10。", field="pauses"
        )


@dataclass(frozen=True)
class DayInfo:
    """An exception to the Monday–Friday week, from the State Council notice."""

    kind: str  # "off" | "work"
    name: str = ""
    notice: str = ""


class Calendar(Protocol):
    """A working-day calendar: covered years and their exceptional days (StaticCalendar, selectors.DbCalendar)."""

    def is_covered(self, year: int) -> bool: ...

    def exception(self, day: date) -> DayInfo | None: ...


class StaticCalendar:
    """A calendar held in memory: ``days`` maps dates to DayInfo, ``covered`` lists the covered years."""

    def __init__(self, days: dict[date, DayInfo] | None = None, covered: Iterable[int] = ()):
        self.days = dict(days or {})
        self.covered = set(covered)

    def is_covered(self, year: int) -> bool:
        return year in self.covered

    def exception(self, day: date) -> DayInfo | None:
        return self.days.get(day)


@dataclass
class DueResult:
    start: date
    period: Period
    due: date
    is_estimate: bool
    explanation: list[str] = field(default_factory=list)
    counted_from: date | None = None
    nominal_end: date | None = None  # the last day before any rollover
    estimated_years: list[int] = field(default_factory=list)

    @property
    def due_display(self) -> str:
        return f"{iso_day(self.due)}{'（估算）' if self.is_estimate else ''}"


def add_months(day: date, months: int) -> date:
    """Same day number ``months`` later; clamped to the last day of the target month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


class _Walker:
    """Reads the calendar for one computation and remembers which uncovered years it had to estimate."""

    def __init__(self, calendar: Calendar, estimate: bool):
        self.calendar = calendar
        self.estimate = estimate
        self.estimated_years: set[int] = set()

    def check(self, day: date) -> bool:
        """True if the day's year is covered; raises CalendarNotCovered unless estimating."""
        if self.calendar.is_covered(day.year):
            return True
        if not self.estimate:
            raise CalendarNotCovered(day.year)
        self.estimated_years.add(day.year)
        return False

    def info(self, day: date) -> DayInfo | None:
        if not self.check(day):
            return None
        return self.calendar.exception(day)

    def is_working(self, day: date) -> bool:
        info = self.info(day)
        if info is not None:
            return info.kind == "work"
        return day.weekday() < 5


def _group_runs(events: list[tuple[date, str]]) -> list[tuple[date, date, str]]:
    """Merge consecutive days with the same label into (first, last, label) runs."""
    runs: list[tuple[date, date, str]] = []
    for day, label in events:
        if runs and runs[-1][2] == label and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day, label)
        else:
            runs.append((day, day, label))
    return runs


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"


def compute_due(
    start: date,
    period: Period | str,
    *,
    calendar: Calendar | None = None,
    pauses: Sequence[Pause] = (),
    restart: date | None = None,
    extension: int | Period = 0,
    rollover: bool = True,
    estimate: bool = False,
    citation: str = "",
) -> DueResult:
    """Compute the last day of ``period`` counted from ``start`` (not counted), with its explanation.

    ``calendar`` defaults to the database calendar (fazhi.core.selectors.DbCalendar). ``extension`` is a number of
    the period's own units, or a Period of another unit counted on after the main period.
    """
    if calendar is None:
        from fazhi.core.selectors import DbCalendar

        calendar = DbCalendar()
    period = Period.parse(period)
    if restart is not None and restart < start:
        raise InvalidInput(f"重新起算日 {restart} 早于起算日 {start}。", field="restart")
    if isinstance(extension, int) and extension < 0:
        raise InvalidInput("延长期间不能为负数。", field="extension")
    walker = _Walker(calendar, estimate)
    walker.check(start)
    origin = restart or start
    active_pauses = sorted((p for p in pauses if p.end > origin), key=lambda p: p.start)
    lines: list[str] = [f"起算日：{iso_day(start)}，当日不计入，自次日起计算。{START_CITATION}。"]
    if citation:
        lines.append(f"依据：{citation}。")
    if restart is not None:
        lines.append(
            f"{iso_day(restart)} 起重新计算期间（如补正后重新起算），此前已经过的期间不再计入；"
            f"重新起算日当日不计入，自 {(restart + timedelta(days=1)).isoformat()} 起计算。"
        )

    same_unit_extension = (
        extension if isinstance(extension, int) else (extension.count if extension.unit == period.unit else 0)
    )
    later_extension = extension if isinstance(extension, Period) and extension.unit != period.unit else None
    total = period.count + same_unit_extension
    if same_unit_extension:
        lines.append(
            f"期间：{period.label}，延长{same_unit_extension}{UNIT_NAMES[period.unit]}，共{total}{UNIT_NAMES[period.unit]}。"
        )
    else:
        lines.append(f"期间：{period.label}。")

    if period.unit == "wd":
        end = _count_working_days(origin, total, walker, active_pauses, lines)
        nominal = end
    else:
        end = _count_calendar(origin, Period(total, period.unit), walker, active_pauses, lines)
        nominal = end
    if later_extension is not None:
        lines.append(f"延长{later_extension.label}，自 {end.isoformat()} 次日起计算。")
        if later_extension.unit == "wd":
            end = _count_working_days(end, later_extension.count, walker, active_pauses, lines)
        else:
            end = _count_calendar(end, later_extension, walker, active_pauses, lines)
        nominal = end
    unit_for_rollover = later_extension.unit if later_extension is not None else period.unit
    if unit_for_rollover != "wd" and rollover:
        end = _roll_over(end, walker, lines)
    elif unit_for_rollover != "wd" and not rollover:
        lines.append("本期限届满日遇休息日不顺延（依规则设定）。")
    lines.append(f"期限届满日：{iso_day(end)}。")

    is_estimate = bool(walker.estimated_years)
    if is_estimate:
        years = "、".join(f"{y}年" for y in sorted(walker.estimated_years))
        lines.insert(0, f"{years}的节假日安排尚未录入，本结果仅按周六、周日休息估算，须在录入后重新计算。")
        lines = [f"{ESTIMATE_MARK}{line}" for line in lines]
    return DueResult(
        start=start,
        period=period,
        due=end,
        is_estimate=is_estimate,
        explanation=lines,
        counted_from=origin,
        nominal_end=nominal,
        estimated_years=sorted(walker.estimated_years),
    )


def _in_pause(day: date, pauses: Sequence[Pause]) -> Pause | None:
    for pause in pauses:
        if pause.contains(day):
            return pause
    return None


def _count_working_days(origin: date, count: int, walker: _Walker, pauses: Sequence[Pause], lines: list[str]) -> date:
    day = origin
    counted = 0
    events: list[tuple[date, str]] = []
    seen_pauses: list[Pause] = []
    while counted < count:
        day += timedelta(days=1)
        pause = _in_pause(day, pauses)
        info = walker.info(day)
        working = info.kind == "work" if info is not None else day.weekday() < 5
        if pause is not None:
            if pause not in seen_pauses:
                seen_pauses.append(pause)
                events.append((day, f"PAUSE:{pause.label}"))
            continue
        if working:
            counted += 1
            if info is not None:
                events.append((day, f"WORK:{info.name}"))
        elif info is not None:
            events.append((day, f"OFF:{info.name}"))
    for first, last, label in _group_runs(events):
        kind, _, name = label.partition(":")
        if kind == "OFF":
            lines.append(f"{_span(first, last)} {name or '法定节假日'}放假，不计入。")
        elif kind == "WORK":
            for d in _days(first, last):
                lines.append(f"{iso_day(d)}为{name}调休上班日，计入。")
        else:
            lines.append(f"{name}，其间的工作日不计入。")
    lines.append(f"第{count}个工作日：{iso_day(day)}。" if count else f"期间为零，届满日即 {iso_day(day)}。")
    return day


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _count_calendar(origin: date, period: Period, walker: _Walker, pauses: Sequence[Pause], lines: list[str]) -> date:
    if period.unit == "d":
        nominal = origin + timedelta(days=period.count)
        lines.append(f"自 {origin.isoformat()} 次日起第{period.count}日：{iso_day(nominal)}。")
    else:
        months = period.count * (12 if period.unit == "y" else 1)
        nominal = add_months(origin, months)
        note = "" if nominal.day == origin.day else "（该月无对应日，以该月最后一日为届满日）"
        lines.append(f"自 {origin.isoformat()} 起{period.label}，至对应日 {iso_day(nominal)}{note}。")
    # Pauses extend a calendar period by the paused days inside it; days added may meet further pauses.
    end = nominal
    paused_inside = {d for p in pauses for d in _days(max(p.start, origin + timedelta(days=1)), min(p.end, end))}
    to_add = len(paused_inside)
    for pause in pauses:
        if pause.start <= end and pause.end > origin:
            lines.append(f"{pause.label}，中止期间不计入。")
    if to_add:
        while to_add:
            end += timedelta(days=1)
            pause = _in_pause(end, pauses)
            if pause is None:
                to_add -= 1
            elif pause.start > nominal and f"{pause.label}，中止期间不计入。" not in lines:
                lines.append(f"{pause.label}，中止期间不计入。")
        lines.append(f"中止共{len(paused_inside)}日，期间相应顺延至 {iso_day(end)}。")
    return end


def _roll_over(end: date, walker: _Walker, lines: list[str]) -> date:
    if walker.is_working(end):
        return end
    info = walker.info(end)
    why = f"{info.name}放假" if info is not None and info.name else "休息日"
    rolled = end
    while True:
        rolled += timedelta(days=1)
        if walker.is_working(rolled):
            break
    lines.append(f"{iso_day(end)}为{why}，期限届满日顺延至其后第一个工作日 {iso_day(rolled)}（{ROLLOVER_CITATION}）。")
    return rolled


def working_days_between(first: date, last: date, *, calendar: Calendar | None = None, estimate: bool = False) -> int:
    """How many working days lie in (first, last] — e.g. to show how many days of a period remain."""
    if calendar is None:
        from fazhi.core.selectors import DbCalendar

        calendar = DbCalendar()
    walker = _Walker(calendar, estimate)
    return sum(1 for d in _days(first + timedelta(days=1), last) if walker.is_working(d))


def is_working_day(day: date, *, calendar: Calendar | None = None, estimate: bool = False) -> bool:
    """Whether ``day`` is a working day on the official calendar (调休 makeup days are)."""
    if calendar is None:
        from fazhi.core.selectors import DbCalendar

        calendar = DbCalendar()
    return _Walker(calendar, estimate).is_working(day)


def latest_day_before(
    event: date,
    period: Period | str,
    *,
    calendar: Calendar | None = None,
    estimate: bool = False,
    citation: str = "",
) -> DueResult:
    """The latest day to act so that ``period`` lies between the act and ``event`` (e.g. 行政处罚法 第六十四条第二项:
    notify the hearing 7 working days before it). Counted backwards; the event day itself is not counted. There is no
    rollover: acting earlier than a rest day is always possible.
    """
    if calendar is None:
        from fazhi.core.selectors import DbCalendar

        calendar = DbCalendar()
    period = Period.parse(period)
    walker = _Walker(calendar, estimate)
    walker.check(event)
    lines = [f"事件日：{iso_day(event)}，当日不计入，向前倒数{period.label}。"]
    if citation:
        lines.append(f"依据：{citation}。")
    if period.unit == "wd":
        day, counted = event, 0
        events: list[tuple[date, str]] = []
        while counted < period.count:
            day -= timedelta(days=1)
            info = walker.info(day)
            if walker.is_working(day):
                counted += 1
                if info is not None:
                    events.append((day, f"WORK:{info.name}"))
            elif info is not None:
                events.append((day, f"OFF:{info.name}"))
        for first, last, label in sorted(_group_runs(sorted(events)), key=lambda run: run[0]):
            kind, _, name = label.partition(":")
            if kind == "OFF":
                lines.append(f"{_span(first, last)} {name or '法定节假日'}放假，不计入。")
            else:
                lines.extend(f"{iso_day(d)}为{name}调休上班日，计入。" for d in _days(first, last))
        lines.append(f"向前第{period.count}个工作日：{iso_day(day)}。")
    elif period.unit == "d":
        day = event - timedelta(days=period.count)
        walker.check(day)
    else:
        day = add_months(event, -period.count * (12 if period.unit == "y" else 1))
        walker.check(day)
    lines.append(f"最迟应于 {iso_day(day)} 办理。")
    is_estimate = bool(walker.estimated_years)
    if is_estimate:
        years = "、".join(f"{y}年" for y in sorted(walker.estimated_years))
        lines.insert(0, f"{years}的节假日安排尚未录入，本结果仅按周六、周日休息估算，须在录入后重新计算。")
        lines = [f"{ESTIMATE_MARK}{line}" for line in lines]
    return DueResult(
        start=event,
        period=period,
        due=day,
        is_estimate=is_estimate,
        explanation=lines,
        counted_from=event,
        nominal_end=day,
        estimated_years=sorted(walker.estimated_years),
    )
