"""The quarterly enforcement statistics per body (天津市行政执法监督规定 第二十六条): one table, for the download
and for the background export (fazhi.jobs)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from fazhi.enforcement.selectors import yearly_figures_by_body
from fazhi.inspection.selectors import checks_by_body
from fazhi.org.selectors import visible_bodies

# The figures of yearly_figures_by_body, in the order of the 统计年报 (国办发〔2018〕118号 第（六）项), with the
# 双随机 执法检查 next to the 行政检查 of the cases (天津市行政执法监督规定 第二十六条 counts 行政检查 of both kinds).
FIGURES = (
    ("inspections", "行政检查·办案中的现场检查（次）"),
    ("random_checks", "行政检查·双随机抽查（户次）"),
    ("penalties_summary", "行政处罚·简易程序（件）"),
    ("penalties_ordinary", "行政处罚·普通程序（件）"),
    ("fines_imposed", "罚款决定金额（元）"),
    ("fines_collected", "罚没收缴金额（元）"),
    ("coercive_measures", "行政强制措施（次）"),
    ("coercive_execution", "行政强制执行（件）"),
    ("hearings", "听证（件）"),
    ("reconsiderations", "行政复议（件）"),
    ("lawsuits", "行政诉讼（件）"),
)


def quarter_dates(year: int, quarter: int) -> tuple[date, date]:
    last_month = 3 * quarter
    return date(year, last_month - 2, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


@dataclass(frozen=True)
class QuarterlySheet:
    file_name: str
    title: str
    headers: list[str]
    rows: list[list]
    note: str
    bodies: int


def quarterly_sheet(user, year: int, quarter: int) -> QuarterlySheet:
    """One row per body in the user's scope with the quarter's figures (held by that body), then the totals."""
    first, last = quarter_dates(year, quarter)
    bodies = list(visible_bodies(user).order_by("path"))
    ids = [b.pk for b in bodies]
    figures = {**yearly_figures_by_body(first, last, body_ids=ids), "random_checks": checks_by_body(first, last, ids)}
    rows = [[b.code, b.name, *(figures[key].get(b.pk, 0) for key, _ in FIGURES)] for b in bodies]
    rows.append(["合计", "", *(sum(figures[key].values()) for key, _ in FIGURES)])
    return QuarterlySheet(
        file_name=f"行政执法季度统计-{year}年第{quarter}季度.xlsx",
        title=f"{year}年第{quarter}季度行政执法统计",
        headers=["机构代码", "机构", *(label for _, label in FIGURES)],
        rows=rows,
        note=f"统计期间 {first} 至 {last}；依据《天津市行政执法监督规定》第二十六条；数字按记录所属机构统计，不向上汇总。",
        bodies=len(bodies),
    )
