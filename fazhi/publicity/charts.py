"""The figures of the statistics and supervision pages: per town, per month, on-time publication rates.

Numbers come from the same set-based reads as the tables (one grouped query each); the drawing is core's, which
takes plain numbers. Every town in the user's scope gets its row, with zeros where it has no records.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Max, Sum
from django.db.models.functions import ExtractMonth

from fazhi.core import charts
from fazhi.org.models import BodyKind
from fazhi.org.selectors import body_paths, visible_bodies
from fazhi.publicity.models import ResultKind

MONTHS = [f"{m}月" for m in range(1, 13)]


def towns_in_scope(user) -> list:
    """The 镇/街 a user may see, in tree order (a town's staff: their own town; a district's: every town)."""
    return list(visible_bodies(user).filter(kind=BodyKind.TOWN).order_by("path"))


def _town_of(body_id, towns, paths) -> int | None:
    path = paths.get(body_id) or ""
    return next((t.pk for t in towns if path.startswith(t.path)), None)


def latest_year_with_data(user, *, default: int) -> int:
    """The newest year in which a decision of the user's scope was made (statistics open on it, not on an empty
    current year); ``default`` when there is none."""
    from fazhi.publicity.selectors import publications_visible_to

    latest = publications_visible_to(user).aggregate(d=Max("decided_on"))["d"]
    return latest.year if latest else default


def per_town_figure(rows: list[tuple[str, dict]], towns: list) -> charts.Figure:
    """Penalty decisions per town for the year (简易程序 and 普通程序 side by side), from the statistics figures."""
    by_name = dict(rows)
    names = [t.short_name or t.name for t in towns]
    summary = [by_name[t.name]["penalties_summary"] for t in towns]
    ordinary = [by_name[t.name]["penalties_ordinary"] for t in towns]
    title = "各镇（街）行政处罚决定数（件）"
    svg = charts.bar_chart(
        names,
        series=[charts.Series("简易程序", summary), charts.Series("普通程序", ordinary)],
        title=title,
        unit="",
        horizontal=True,
        testid="chart-towns",
    )
    table = [[n, s, o, s + o] for n, s, o in zip(names, summary, ordinary, strict=True)]
    return charts.Figure("towns", title, svg, ["镇（街）", "简易程序", "普通程序", "合计"], table)


def per_month_figure(user, year: int, towns: list) -> charts.Figure:
    """Penalty decisions per month and town, by decision date (one grouped query over the publication records,
    which every decision opens: their count per year equals the statistics' 简易程序 + 普通程序)."""
    from fazhi.publicity.selectors import publications_visible_to

    counts = (
        publications_visible_to(user)
        .filter(kind=ResultKind.PENALTY, decided_on__gte=date(year, 1, 1), decided_on__lte=date(year, 12, 31))
        .annotate(month=ExtractMonth("decided_on"))
        .values("body_id", "month")
        .annotate(n=Count("id"), fines=Sum("fine_amount"))
        .order_by()
    )
    paths = body_paths()
    per_town = {t.pk: [0] * 12 for t in towns}
    for row in counts:
        town = _town_of(row["body_id"], towns, paths)
        if town is not None:
            per_town[town][row["month"] - 1] += row["n"]
    series = [charts.Series(t.short_name or t.name, per_town[t.pk]) for t in towns]
    title = f"{year}年各月行政处罚决定数（件）"
    svg = charts.line_chart(MONTHS, series, title=title, testid="chart-months")
    headers = ["月份", *[s.name for s in series], *(["合计"] if len(series) > 1 else [])]
    table = []
    for i, month in enumerate(MONTHS):
        values = [s.values[i] for s in series]
        table.append([month, *values, *([sum(values)] if len(series) > 1 else [])])
    return charts.Figure("months", title, svg, headers, table, note="按决定日期统计；数据来自执法决定公开记录。")


def on_time_rows(rows: list[dict], towns: list) -> list[dict]:
    """The supervision counts rolled up to each town in scope (zeros for a town with none), with the on-time rate:
    published on time ÷ (on time + late + overdue unpublished). Pending ones within their period and lawful
    non-publication are not counted either way."""
    paths = body_paths()
    keys = ("on_time", "late", "overdue", "pending", "blocked")
    out = {t.pk: {"body": t.short_name or t.name, "body_id": t.pk, **dict.fromkeys(keys, 0)} for t in towns}
    for row in rows:
        town = _town_of(row["body_id"], towns, paths)
        if town is not None:
            for key in keys:
                out[town][key] += row[key]
    result = []
    for town in towns:
        r = out[town.pk]
        due = r["on_time"] + r["late"] + r["overdue"]
        r["due"] = due
        r["rate"] = charts.percent(r["on_time"], due)
        result.append(r)
    return result


def on_time_figure(rows: list[dict]) -> charts.Figure:
    title = "各镇（街）执法决定按期公开率（%）"
    svg = charts.bar_chart(
        [r["body"] for r in rows],
        [r["rate"] or 0 for r in rows],
        title=title,
        unit="%",
        maximum=100,
        horizontal=True,
        testid="chart-on-time",
    )
    headers = ["镇（街）", "按期公开", "逾期公开", "应公示未公示", "期限内待公开", "依法不予公开", "按期公开率（%）"]
    table = [[r["body"], r["on_time"], r["late"], r["overdue"], r["pending"], r["blocked"], r["rate"]] for r in rows]
    note = "按期公开率＝按期公开 ÷（按期公开＋逾期公开＋应公示未公示）；没有到期事项的镇显示为“—”。依据：国办发〔2018〕118号第（六）项。"
    return charts.Figure("on_time", title, svg, headers, table, note=note)
