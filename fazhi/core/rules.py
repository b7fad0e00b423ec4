"""Rules as data: every statutory period and amount is a named value with its citation and in-force dates.

Each app declares its rules in ``<app>/rules.py`` and calls ``register(...)`` at import time; ``CoreConfig.ready``
imports every app's rules module. ``rule_for(key, on=date)`` returns the version in force on that date, so a 2019
case is judged by the 2017 text of the penalty law and a 2022 case by the 2021 text.

A number marked SECONDARY or UNVERIFIED (or set locally) carries a ``setting_key``: the stored ``Setting`` of that key
(per body, inheriting down the tree) overrides the default. Rules verified against the law text have none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fazhi.core.errors import DomainError
from fazhi.core.periods import UNIT_NAMES, DueResult, Pause, Period, compute_due, latest_day_before

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


@dataclass(frozen=True)
class AnnualDateRule(_InForce):
    """Something due by a fixed day each year (e.g. publish last year's enforcement statistics by 31 January)."""

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

    def due_in(self, year: int) -> date:
        return date(year, self.month, self.day)


AnyRule = PeriodRule | AmountRule | AnnualDateRule


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
    from django.utils import timezone

    on = on or timezone.localdate()
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


def compute_for_rule(
    rule: PeriodRule | str,
    start: date,
    *,
    body_id: int | None = None,
    pauses: list[Pause] | tuple = (),
    restart: date | None = None,
    extension: int = 0,
    estimate: bool = False,
    calendar=None,
) -> DueResult:
    """Apply a rule (or the version of a rule key in force on ``start``) to a start date."""
    if isinstance(rule, str):
        rule = rule_for(rule, on=start)
    if pauses and not rule.pausable:
        raise DomainError(f"“{rule.name}”不适用期限中止（{rule.citation}）。")
    if restart is not None and not rule.restartable:
        raise DomainError(f"“{rule.name}”不适用重新起算（{rule.citation}）。")
    # A body-set extension was checked when it was approved; recomputing it later must not depend on today's setting.
    if extension and extension > rule.extension_max and not rule.extension_setting:
        raise DomainError(f"“{rule.name}”最多可延长{rule.extension_max}{UNIT_NAMES[rule.unit]}（{rule.citation}）。")
    citation = rule.citation
    if rule.status != VERIFIED:
        citation += f"（{STATUS_LABELS[rule.status]}，默认值可由管理员设置）"
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
