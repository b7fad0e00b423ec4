"""Rules as data: every statutory period and amount is a named value with its citation and in-force dates.

Each app declares its rules in ``<app>/rules.py`` and calls ``register(...)`` at import time; ``CoreConfig.ready``
imports every app's rules module. ``rule_for(key, on=date)`` returns the version in force on that date, so a 2019
case is judged by the 2017 text of the penalty law and a 2022 case by the 2021 text.

A number marked SECONDARY or UNVERIFIED (or set locally) carries a ``setting_key``: the stored ``Setting`` of that key
(per body, inheriting down the tree) overrides the default. Rules verified against the law text have none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from fazhi.core import clock
from fazhi.core.errors import DomainError, InvalidInput
from fazhi.core.periods import UNIT_NAMES, DueResult, Pause, Period, compute_due, iso_day, latest_day_before

VERIFIED = "VERIFIED"
SECONDARY = "SECONDARY"
UNVERIFIED = "UNVERIFIED"
STATUS_LABELS = {VERIFIED: "已核实", SECONDARY: "二手来源", UNVERIFIED: "未核实（可设置）"}


class UnknownRule(DomainError):
    """No rule of that key, or none in force on the date asked."""


def _in_force(effective_from: date | None, effective_to: date | None, on: date) -> bool:
    return (effective_from is None or effective_from <= on) and (effective_to is None or on <= effective_to)


class _InForce:
    effective_from: date | None
    effective_to: date | None

    def applies_on(self, on: date) -> bool:
        return _in_force(self.effective_from, self.effective_to, on)

    @property
    def in_force_label(self) -> str:
        start = self.effective_from.isoformat() if self.effective_from else "—"
        end = self.effective_to.isoformat() if self.effective_to else "现行有效"
        return f"{start} 至 {end}"


@dataclass(frozen=True)
class PeriodRule(_InForce):
    """A statutory period: ``count`` units (wd | d | m | y) counted from a start event, start day not counted.

    ``rollover``: a calendar period ending on a rest day ends on the next working day (民事诉讼法 第八十五条).
    ``pausable``: the law lets the clock stop (补正, consultation, testing). ``extension_max``: the most units one
    approved extension may add (0 = none). ``restartable``: the count may restart (政府信息公开条例 第三十条).
    ``before``: the period runs backwards from an event (e.g. notify 7 working days before a hearing).
    ``window``: the period is not the agency's obligation but a window it must leave open — the party's time to state
    a defence or ask for a hearing, a third party's time to reply, a wait before the agency may act. When it runs out
    it has lapsed (期间已届满), never been "missed", and the agency may take the next step.
    """

    key: str
    name: str
    unit: str
    count: int
    citation: str
    effective_from: date | None = None
    effective_to: date | None = None
    rollover: bool = True
    pausable: bool = False
    extension_max: int = 0
    restartable: bool = False
    before: bool = False
    window: bool = False
    status: str = VERIFIED
    setting_key: str = ""
    note: str = ""
    # An extension the statute does not give but a body may adopt (e.g. a departmental rule applied by choice): the
    # setting holds the most units it allows for that body, ``extension_max`` is the default (usually 0 = off).
    extension_setting: str = ""
    extension_citation: str = ""

    def __post_init__(self):
        Period(self.count, self.unit)  # validates the unit

    def extension_allowed(self, body_id: int | None = None) -> int:
        """The most units one approved extension may add for this body (0 = no extension)."""
        if self.extension_setting:
            from fazhi.core.selectors import get_setting

            return int(get_setting(self.extension_setting, body_id=body_id, default=self.extension_max))
        return self.extension_max

    def no_extension_message(self, body_id: int | None = None) -> str:
        if self.extension_setting:
            return (
                f"“{self.name}”法律未规定延长（{self.citation}）；本机关未启用延长"
                f"（设置 {self.extension_setting}，参照{self.extension_citation}）。"
            )
        return f"“{self.name}”不得延长（{self.citation}）。"

    def period(self, body_id: int | None = None) -> Period:
        """The period, with the stored setting applied when the number is overridable."""
        count = self.count
        if self.setting_key:
            from fazhi.core.selectors import get_setting

            count = int(get_setting(self.setting_key, body_id=body_id, default=self.count))
        return Period(count, self.unit)


@dataclass(frozen=True)
class AmountRule(_InForce):
    """A statutory amount, ratio or cap (元, %, 学时 …) with its citation and in-force dates."""

    key: str
    name: str
    value: Decimal
    unit: str
    citation: str
    effective_from: date | None = None
    effective_to: date | None = None
    status: str = VERIFIED
    setting_key: str = ""
    note: str = ""

    def amount(self, body_id: int | None = None) -> Decimal:
        if self.setting_key:
            from fazhi.core.selectors import get_setting

            return Decimal(str(get_setting(self.setting_key, body_id=body_id, default=str(self.value))))
        return self.value


class _SetDay:
    """What the deadline operations ask of a rule whose deadline falls on a set day instead of after a count of days
    (AnnualDateRule, DateRule): it never pauses, restarts or extends, and a set day does not roll over."""

    pausable = False
    restartable = False
    rollover = False
    before = False
    window = False
    extension_max = 0
    extension_setting = ""
    extension_citation = ""

    def extension_allowed(self, body_id: int | None = None) -> int:
        return 0

    def no_extension_message(self, body_id: int | None = None) -> str:
        return f"“{self.name}”的届满日是确定的日期，不得延长（{self.citation}）。"


def parse_month_day(value) -> tuple[int, int] | None:
    """A day of the year as stored in a setting: "01-31", "1-31", "1月31日", "0131" or the number 131 (the settings
    page stores numbers). None when it is not a day every year has (02-29 included)."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().replace("月", "-").replace("日", "").replace("/", "-")
    if "-" in text:
        parts = text.split("-")
        if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
            return None
        month, day = int(parts[0]), int(parts[1])
    else:
        if text.endswith(".0"):
            text = text[:-2]
        if not text.isdigit() or not 3 <= len(text) <= 4:
            return None
        month, day = divmod(int(text), 100)
    try:
        date(2001, month, day)  # a common year: 02-29 is not a day of every year
    except ValueError:
        return None
    return month, day


def set_day_result(start: date, due: date, lines: list[str]) -> DueResult:
    return DueResult(
        start=start,
        period=Period(max((due - start).days, 0), "d"),
        due=due,
        is_estimate=False,
        explanation=lines,
        counted_from=start,
        nominal_end=due,
    )


@dataclass(frozen=True)
class AnnualDateRule(_SetDay, _InForce):
    """Something due by a fixed day each year (e.g. publish last year's enforcement statistics by 31 January).

    ``setting_key``: a body's stored day ("MM-DD") overrides the default day for that body. In the deadline table the
    deadline falls due on the first such day after its start (the start day itself excluded).

    ``before``: the text says "每年3月1日之前" — done before the named day, so the deadline is the day before it (the
    last day of February, 29 February in a leap year), which a fixed month and day could not say.
    """

    key: str
    name: str
    month: int
    day: int
    citation: str
    effective_from: date | None = None
    effective_to: date | None = None
    status: str = VERIFIED
    setting_key: str = ""
    note: str = ""
    before: bool = False

    def month_day(self, body_id: int | None = None) -> tuple[int, int]:
        """(month, day) for a body: its setting when one is stored and valid, else the rule's day."""
        if self.setting_key:
            from fazhi.core.selectors import get_setting

            parsed = parse_month_day(get_setting(self.setting_key, body_id=body_id, default=None))
            if parsed is not None:
                return parsed
        return self.month, self.day

    def due_in(self, year: int, body_id: int | None = None) -> date:
        month, day = self.month_day(body_id)
        named = date(year, month, day)
        return named - timedelta(days=1) if self.before else named

    def next_due(self, start: date, body_id: int | None = None) -> date:
        """The first such day after ``start``."""
        due = self.due_in(start.year, body_id)
        return due if due > start else self.due_in(start.year + 1, body_id)

    def period(self, body_id: int | None = None) -> str:
        month, day = self.month_day(body_id)
        return f"每年{month}月{day}日之前" if self.before else f"每年{month}月{day}日"

    def compute(self, start: date, *, body_id: int | None = None, reason: str = "") -> DueResult:
        month, day = self.month_day(body_id)
        due = self.next_due(start, body_id)
        setting = (
            "" if (month, day) == (self.month, self.day) else f"（本机关设置；默认为每年{self.month}月{self.day}日）"
        )
        lines = [f"起算日：{iso_day(start)}。", f"依据：{_cited(self)}。"]
        if self.before:
            lines.append(
                f"每年{month}月{day}日之前办理{setting}：应在 {due.year}年{month}月{day}日 之前完成，"
                f"最后一日为 {iso_day(due)}。"
            )
        else:
            lines.append(
                f"每年{month}月{day}日前办理{setting}：{start.isoformat()} 之后的第一个{month}月{day}日为 {iso_day(due)}。"
            )
        if reason:
            lines.append(reason)
        lines += ["届满日为确定的日期，遇休息日不顺延。", f"期限届满日：{iso_day(due)}。"]
        return set_day_result(start, due, lines)


@dataclass(frozen=True)
class DateRule(_SetDay, _InForce):
    """An obligation due on a day set when its deadline opens — a date the agency fixes within the law (e.g.
    政府信息公开条例 第三十五条: 延迟答复的合理期限) — rather than counted from a start. The calendar never moves it.
    ``window`` as for PeriodRule."""

    key: str
    name: str
    citation: str
    effective_from: date | None = None
    effective_to: date | None = None
    window: bool = False
    status: str = VERIFIED
    setting_key: str = ""
    note: str = ""

    def period(self, body_id: int | None = None) -> str:
        return "确定日期"

    def compute(self, start: date, *, due: date | None, reason: str = "") -> DueResult:
        if due is None:
            raise InvalidInput(f"请填写“{self.name}”的届满日（{self.citation}）。", field="due")
        if due < start:
            raise InvalidInput(f"“{self.name}”的届满日 {due} 早于起算日 {start}。", field="due")
        lines = [f"起算日：{iso_day(start)}。", f"依据：{_cited(self)}。"]
        if reason:
            lines.append(reason)
        lines += ["届满日为依法确定的日期，遇休息日不顺延。", f"期限届满日：{iso_day(due)}。"]
        return set_day_result(start, due, lines)


AnyRule = PeriodRule | AmountRule | AnnualDateRule | DateRule


@dataclass
class _Registry:
    rules: dict[str, list[AnyRule]] = field(default_factory=dict)

    def add(self, rule: AnyRule) -> None:
        versions = self.rules.setdefault(rule.key, [])
        if rule in versions:
            return  # re-import of the same module (autoreload, tests)
        for other in versions:
            if type(other) is not type(rule):
                raise ValueError(f"规则 {rule.key} 的各版本类型不一致")
            lo = max(rule.effective_from or date.min, other.effective_from or date.min)
            hi = min(rule.effective_to or date.max, other.effective_to or date.max)
            if lo <= hi:
                raise ValueError(f"规则 {rule.key} 有两个版本在 {lo} 同时有效")
        versions.append(rule)
        versions.sort(key=lambda r: r.effective_from or date.min)


_registry = _Registry()


def register(*rules: AnyRule) -> None:
    """Add rules (each a version of its key) to the registry; overlapping in-force dates for one key are refused."""
    for rule in rules:
        _registry.add(rule)


def rule_versions(key: str) -> list[AnyRule]:
    return list(_registry.rules.get(key, []))


def all_rules() -> list[AnyRule]:
    return [rule for key in sorted(_registry.rules) for rule in _registry.rules[key]]


def _version_on(key: str, on: date | None, kind: type) -> AnyRule:

    on = on or clock.today()
    versions = _registry.rules.get(key)
    if not versions:
        raise UnknownRule(f"未登记的规则：{key}。")
    for rule in versions:
        if rule.applies_on(on) and isinstance(rule, kind):
            return rule
    raise UnknownRule(f"规则“{versions[-1].name}”（{key}）在 {on.isoformat()} 没有有效的版本。")


def version_on(key: str, on: date) -> AnyRule:
    """The version of ``key`` (of whatever kind) in force on ``on``; ``UnknownRule`` if none was."""
    versions = _registry.rules.get(key)
    if not versions:
        raise UnknownRule(f"未登记的规则：{key}。")
    return _version_on(key, on, type(versions[0]))


def rule_for(key: str, on: date | None = None) -> PeriodRule:
    """The period rule of ``key`` in force on ``on`` (default today)."""
    return _version_on(key, on, PeriodRule)


def amount_for(key: str, on: date | None = None) -> AmountRule:
    """The amount rule of ``key`` in force on ``on`` (default today); ``.amount(body_id)`` applies settings."""
    return _version_on(key, on, AmountRule)


def annual_date_for(key: str, on: date | None = None) -> AnnualDateRule:
    return _version_on(key, on, AnnualDateRule)


def _cited(rule) -> str:
    citation = rule.citation
    if rule.status != VERIFIED:
        citation += f"（{STATUS_LABELS[rule.status]}，默认值可由管理员设置）"
    return citation


def compute_for_rule(
    rule: AnyRule | str,
    start: date,
    *,
    body_id: int | None = None,
    pauses: list[Pause] | tuple = (),
    restart: date | None = None,
    extension: int = 0,
    estimate: bool = False,
    calendar=None,
    due: date | None = None,
    reason: str = "",
) -> DueResult:
    """Apply a rule (or the version of a rule key in force on ``start``) to a start date.

    A set-day rule gives its day instead of a count: an AnnualDateRule the first such day after ``start``, a DateRule
    the ``due`` its caller set (``reason``: a line of explanation saying who set it and why).
    """
    if isinstance(rule, str):
        rule = version_on(rule, start)
    if isinstance(rule, AnnualDateRule):
        return rule.compute(start, body_id=body_id, reason=reason)
    if isinstance(rule, DateRule):
        return rule.compute(start, due=due, reason=reason)
    if due is not None:
        raise ValueError(f"{rule.key} 是按期间计算的规则，不接受指定的届满日")
    if pauses and not rule.pausable:
        raise DomainError(f"“{rule.name}”不适用期限中止（{rule.citation}）。")
    if restart is not None and not rule.restartable:
        raise DomainError(f"“{rule.name}”不适用重新起算（{rule.citation}）。")
    # A body-set extension was checked when it was approved; recomputing it later must not depend on today's setting.
    if extension and extension > rule.extension_max and not rule.extension_setting:
        raise DomainError(f"“{rule.name}”最多可延长{rule.extension_max}{UNIT_NAMES[rule.unit]}（{rule.citation}）。")
    citation = _cited(rule)
    if rule.before:
        return latest_day_before(start, rule.period(body_id), calendar=calendar, estimate=estimate, citation=citation)
    return compute_due(
        start,
        rule.period(body_id),
        calendar=calendar,
        pauses=pauses,
        restart=restart,
        extension=extension,
        rollover=rule.rollover,
        estimate=estimate,
        citation=citation,
    )
