"""The statistics page's figures: each a server-side SVG chart with its table and .xlsx (core.charts.Figure)."""

from __future__ import annotations

from fazhi.core import charts
from fazhi.core.charts import Figure, Series

MONTHS = [f"{n}月" for n in range(1, 13)]


def build(f: dict) -> list[Figure]:
    year = f["year"]
    kinds = [(k, n) for k, n in f["by_kind"].items() if n]
    sources = [(k, n) for k, n in f["by_source"].items() if n]
    results = [(k, n) for k, n in f["by_result"].items() if n]
    rate = [(name, total, agreed, charts.percent(agreed, total)) for name, total, agreed in f["by_community"]]
    return [
        Figure(
            "kind", f"{year}年矛盾纠纷类型", charts.bar_chart([k for k, _ in kinds], [n for _, n in kinds],
                                                          title=f"{year}年矛盾纠纷类型", unit="件", testid="chart-kind"),
            ["纠纷类型", "件数"], [list(r) for r in kinds],
        ),
        Figure(
            "source", f"{year}年纠纷来源", charts.bar_chart([k for k, _ in sources], [n for _, n in sources],
                                                        title=f"{year}年纠纷来源", unit="件", testid="chart-source"),
            ["来源", "件数"], [list(r) for r in sources],
        ),
        Figure(
            "result", f"{year}年办理结果", charts.bar_chart([k for k, _ in results], [n for _, n in results],
                                                        title=f"{year}年办理结果", unit="件", testid="chart-result"),
            ["结果", "件数"], [list(r) for r in results],
            note=(f"调解成功率 = 调解成功 ÷（调解成功 + 调解不成）= {f['agreed']} ÷ {f['mediated']}"
                  f" = {f['success_rate'] if f['success_rate'] is not None else '—'}%；当事人拒绝调解和移交处理的不计入分母。"),
        ),
        Figure(
            "month", f"{year}年各月登记与调解成功", charts.line_chart(
                MONTHS, [Series("登记", f["by_month"]), Series("调解成功", f["agreed_by_month"])],
                title=f"{year}年各月登记与调解成功", unit="件", testid="chart-month"),
            ["月份", "登记", "调解成功"],
            [[m, a, b] for m, a, b in zip(MONTHS, f["by_month"], f["agreed_by_month"], strict=True)],
        ),
        Figure(
            "community", f"{year}年各村/社区纠纷及调解成功", charts.bar_chart(
                [r[0] for r in rate], series=[Series("登记", [r[1] for r in rate]), Series("调解成功", [r[2] for r in rate])],
                title=f"{year}年各村/社区纠纷及调解成功", unit="件", testid="chart-community"),
            ["村/社区", "登记", "调解成功", "成功占登记（%）"], [list(r) for r in rate],
        ),
    ]  # fmt: skip
