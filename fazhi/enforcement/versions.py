"""Which version of a substantive rule judges a case: 行政处罚法 第三十七条 (实体从旧兼从轻).

"实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，法律、法规、规章已被修改或者
废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。"

``substantive_rule`` takes the version in force on the act date (the end of a continuing act); where another version
is in force on the decision date (before a decision: the date asked about) and it is lighter for the party, that one.
Whether a version is lighter is declared per rule key in ``LIGHTER``. A rule with no version on the act date (new in a
later text) does not apply to the act: applying it would be heavier. Procedural rules are not chosen here — they
follow the date of the procedural step (程序从新); see docs/decisions/0010.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from fazhi.core.rules import PeriodRule, UnknownRule, version_on
from fazhi.enforcement import rules


def _shorter_period(new: PeriodRule, old: PeriodRule, body_id: int | None) -> bool:
    a, b = new.period(body_id), old.period(body_id)
    order = {"d": 1, "wd": 1, "m": 30, "y": 365}
    return a.count * order[a.unit] < b.count * order[b.unit]


# For each substantive rule key: is the ``new`` version lighter for the party than the ``old`` one?
LIGHTER: dict[str, Callable[..., bool]] = {
    rules.LIMITATION: _shorter_period,
    rules.LIMITATION_LIFE_OR_FINANCE: _shorter_period,
}


@dataclass(frozen=True)
class Applied:
    rule: object
    reason: str


def substantive_rule(key: str, *, act_date: date, decided_on: date, body_id: int | None = None) -> Applied:
    """The version of ``key`` that judges an act of ``act_date`` decided on ``decided_on`` (第三十七条).

    Raises ``UnknownRule`` when no version was in force on the act date (the rule did not exist then)."""
    old = version_on(key, act_date)
    try:
        new = version_on(key, decided_on)
    except UnknownRule:
        new = old
    if new is not old and key in LIGHTER and LIGHTER[key](new, old, body_id):
        return Applied(
            new, "违法行为发生后规定已修改，新的规定较轻，适用新的规定（《中华人民共和国行政处罚法》第三十七条）"
        )
    return Applied(old, "适用违法行为发生时的规定（《中华人民共和国行政处罚法》第三十七条）")
