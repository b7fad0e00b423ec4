"""行政执法统计年报 (国办发〔2018〕118号 第（六）项: publish last year's enforcement data by 31 January).

Computed from the record, set-based: one grouped query per figure (by the body that holds the record), rolled up to
each reported body over its subtree. Nothing is typed in twice.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from decimal import Decimal

from fazhi.enforcement.selectors import yearly_figures_by_body
from fazhi.org.selectors import body_paths, certified_officer_counts
from fazhi.review.selectors import reviewed_subject_counts

ROWS: list[tuple[str, str]] = [
    ("inspections", "行政检查（次）"),
    ("penalties_summary", "行政处罚：简易程序（件）"),
    ("penalties_ordinary", "行政处罚：普通程序（件）"),
    ("fines_imposed", "罚款决定金额（元）"),
    ("fines_collected", "罚款实际收缴金额（元）"),
    ("coercive_measures", "行政强制措施（次）"),
    ("coercive_execution", "行政强制执行及申请法院强制执行（件）"),
    ("legal_reviews", "重大执法决定法制审核（件）"),
    ("hearings", "听证（件）"),
    ("reconsiderations", "行政复议（件）"),
    ("lawsuits", "行政诉讼（件）"),
    ("certified_officers", "持有效执法证件的人员（人，年末）"),
]
LABELS = dict(ROWS)


def compute(bodies, year: int) -> dict[int, dict[str, object]]:
    """{body id: {figure: value}} for each of ``bodies``, each over its subtree, for calendar ``year``.

    Each app counts its own records (enforcement its cases, review its rounds, org its certificates), one grouped
    query per figure by the body that holds the record; here they are rolled up each reported body's subtree.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    figures = yearly_figures_by_body(first, last)
    figures["legal_reviews"] = reviewed_subject_counts("enforcement.case", first, last)
    figures["certified_officers"] = certified_officer_counts(last)
    per_body: dict[str, dict[int, object]] = {key: figures[key] for key, _label in ROWS}
    paths = body_paths()
    result: dict[int, dict[str, object]] = {}
    for body in bodies:
        totals: dict[str, object] = defaultdict(int)
        for key, values in per_body.items():
            total = sum((v for bid, v in values.items() if (paths.get(bid) or "").startswith(body.path)), 0)
            totals[key] = Decimal(total).quantize(Decimal("0.01")) if key.startswith("fines") else int(total)
        result[body.pk] = dict(totals)
    return result


def to_jsonable(figures: dict[str, object]) -> dict[str, str | int]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in figures.items()}


def xlsx(rows: list[tuple[str, dict]], year: int) -> bytes:
    """One sheet: a column per body, a row per figure."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年行政执法统计"
    ws.append([f"{year}年度行政执法统计年报"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["项目", *[name for name, _ in rows]])
    for key, label in ROWS:
        ws.append([label, *[float(f[key]) if key.startswith("fines") else f[key] for _, f in rows]])
    ws.append(["依据：国办发〔2018〕118号第（六）项，每年1月31日前公开本机关上年度行政执法总体情况有关数据。"])
    ws.column_dimensions["A"].width = 40
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
