"""The draw of one task, as a pure function of the seed and the pools fixed with it (docs/inspection.md, "The draw").

Both the ``draw`` step and ``fazhi draw_verify`` call ``compute``, so what was drawn and what a reader recomputes can
never follow two different recipes. Each pool is drawn with its own seed string ``f"{seed}/{pool name}"`` through
``fazhi.core.draw.draw`` (SM3 over ``f"{seed}/{pool name}:{i}"``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.core.draw import draw, pool_hash

STRATA = ("high", "medium", "low")
OBJECT_POOL = "objects:{}"
INSPECTOR_POOL = "inspectors"
CONFLICT_POOL = "conflicts"
ELIGIBLE_POOL = "inspectors:eligible"


def sample_size(size: int, ratio_percent: Decimal) -> int:
    """ceil(size × ratio), never more than the pool (a ratio of 0 draws nobody)."""
    if size <= 0 or ratio_percent <= 0:
        return 0
    return min(size, math.ceil(Decimal(size) * Decimal(ratio_percent) / Decimal(100)))


def pool_seed(seed: str, name: str) -> str:
    return f"{seed}/{name}"


@dataclass
class DrawResult:
    objects: dict[str, list[str]] = field(default_factory=dict)  # stratum → credit codes in draw order
    excluded: list[str] = field(default_factory=list)  # inspector codes with a conflict with a drawn object
    eligible: list[str] = field(default_factory=list)
    eligible_sm3: str = ""
    inspectors: list[str] = field(default_factory=list)

    def drawn_codes(self) -> set[str]:
        return {code for codes in self.objects.values() for code in codes}

    def as_payload(self) -> dict:
        return {
            "objects": self.objects,
            "excluded_inspectors": self.excluded,
            "eligible_inspectors_sm3": self.eligible_sm3,
            "inspectors": self.inspectors,
        }


def compute(seed: str, pools: dict[str, list[str]], ratios: dict[str, Decimal], inspector_count: int) -> DrawResult:
    """``pools``: {"objects:high": [...], …, "inspectors": [...], "conflicts": ["inspector code|credit code", …]}."""
    result = DrawResult()
    for stratum in STRATA:
        name = OBJECT_POOL.format(stratum)
        pool = pools.get(name, [])
        k = sample_size(len(pool), ratios.get(stratum, Decimal(0)))
        result.objects[stratum] = draw(pool_seed(seed, name), pool, k)
    drawn = result.drawn_codes()
    excluded = set()
    for pair in pools.get(CONFLICT_POOL, []):
        inspector, _, target = pair.partition("|")
        if target in drawn:
            excluded.add(inspector)
    result.excluded = sorted(excluded & set(pools.get(INSPECTOR_POOL, [])))
    result.eligible = sorted(set(pools.get(INSPECTOR_POOL, [])) - excluded)
    result.eligible_sm3 = pool_hash(result.eligible)
    result.inspectors = draw(pool_seed(seed, ELIGIBLE_POOL), result.eligible, inspector_count)
    return result
