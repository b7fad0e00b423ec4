"""Demo: the law library and about 40 power items for 辛口镇综合执法大队, each tied to real articles.

The power list is a table: data/power_items.csv (one row per item, citations separated by ；) and
data/power_levels.csv (its discretion levels, in order). The penalty ranges are the statutory ones read from the
shipped texts; where a national text sets no amount (城市市容和环境卫生管理条例, 城市绿化条例), the benchmark amounts are
illustrative and say so. Two items are deliberately defective so the health check has something to report:
XK-CF-090 (no discretion benchmark) and XK-QT-099 (no legal basis).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from fazhi.demo import data
from fazhi.law.models import PowerItem
from fazhi.law.services import LevelSpec, PowerSpec, create_power_item, load_library
from fazhi.org.models import Body

TEAM_CODE = "XQ-XK-ZFDD"


def _yuan(value: str) -> Decimal | None:
    return Decimal(value) if value.strip() else None


def _citations(value: str) -> list[str]:
    return [c for c in value.split("；") if c]


def load_power_items() -> list[tuple[str, PowerSpec]]:
    """(code, spec) for every row of data/power_items.csv, with its levels from data/power_levels.csv."""
    levels: dict[str, list[LevelSpec]] = defaultdict(list)
    for row in data.table("power_levels"):
        levels[row["item_code"]].append(
            LevelSpec(
                row["name"], row["conditions"], _yuan(row["fine_min"]), _yuan(row["fine_max"]), row["other_penalties"]
            )
        )
    return [
        (
            row["code"],
            PowerSpec(
                name=row["name"],
                category=row["category"],
                responsible_unit=row["responsible_unit"],
                devolved=data.flag(row["devolved"]),
                devolving_document=row["devolving_document"],
                accountability=row["accountability"],
                basis=_citations(row["basis"]),
                violated=_citations(row["violated"]),
                penalty=_citations(row["penalty"]),
                statutory_fine_unit=row["statutory_fine_unit"],
                statutory_fine_min=_yuan(row["statutory_fine_min"]),
                statutory_fine_max=_yuan(row["statutory_fine_max"]),
                statutory_other=row["statutory_other"],
                levels=levels[row["code"]],
            ),
        )
        for row in data.table("power_items")
    ]


POWER_ITEMS: list[tuple[str, PowerSpec]] = load_power_items()


def law_step(log) -> None:
    """Load the shipped law library, then the power list of 辛口镇综合执法大队 (idempotent: skips what exists)."""
    report = load_library(actor=None)
    log(f"法规库：{report.summary()}")
    team = Body.objects.filter(code=TEAM_CODE).first()
    if team is None:
        log(f"权责清单：没有机构代码为 {TEAM_CODE} 的执法大队，跳过。")
        return
    existing = set(PowerItem.objects.filter(body=team).values_list("code", flat=True))
    created = 0
    for code, spec in POWER_ITEMS:
        if code in existing:
            continue
        create_power_item(actor=None, body=team, code=code, spec=spec)
        created += 1
    log(f"权责清单：{team.name} 新增 {created} 项，已存在 {len(existing)} 项（其中 2 项故意留有缺陷，供体检演示）。")
