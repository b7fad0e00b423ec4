"""The comparison page's figures: per town (a district's view) or per body (a town's view) over a chosen period.

Each figure is one or a few grouped queries over the lower apps' selectors (never one per row), rolled up to the
units by tree path; the numbers behind every chart are its table (core.charts.Figure) and export as .xlsx.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast, ExtractMonth

from fazhi.core import charts
from fazhi.org.selectors import body_paths
from fazhi.supervision.overview import Unit, unit_of

PUBLISH_RULES = ("enforcement.publish_permit_or_penalty", "enforcement.publish_other_decision")
NO_RECORD = "无记录"


@dataclass
class Row:
    unit: Unit
    published_on_time: int = 0
    published_due: int = 0
    major: int = 0
    major_reviewed: int = 0
    decided: int = 0
    decision_days: int = 0
    overdue: int = 0
    hearings: int = 0
    reconsiderations: int = 0
    lawsuits: int = 0
    officers: int = 0
    certified: int = 0

    @property
    def on_time_rate(self):
        return charts.percent(self.published_on_time, self.published_due)

    @property
    def review_coverage(self):
        return charts.percent(self.major_reviewed, self.major)

    @property
    def average_days(self):
        return round(self.decision_days / self.decided, 1) if self.decided else None

    @property
    def certified_share(self):
        return charts.percent(min(self.certified, self.officers), self.officers)


def rows_for(user, units: list[Unit], first: date, last: date, *, today: date) -> tuple[list[Row], dict]:
    """One Row per unit, and which of hearings / reconsiderations / lawsuits have any record in scope at all."""
    from fazhi.clock.selectors import open_deadlines_for
    from fazhi.core.access import Role
    from fazhi.core.selectors import deadlines_of_bodies
    from fazhi.enforcement.selectors import CASE_TYPE, cases_visible_to, yearly_figures_by_body
    from fazhi.org.selectors import certified_officer_counts, role_counts_by_subtree, visible_bodies, visible_body_ids
    from fazhi.review.models import ReviewState
    from fazhi.review.selectors import requests_visible_to

    paths = body_paths()
    rows = {u.id: Row(u) for u in units}

    def add(body_id, name, value):
        unit = unit_of(body_id, units, paths)
        if unit is not None:
            setattr(rows[unit], name, getattr(rows[unit], name) + (value or 0))

    scope = visible_body_ids(user)
    # 1. publication on time (118号 (六)): publication deadlines that fell due in the period. A deadline's body is its
    # publication's, so the scope filters the deadline table directly (deadline_body_kind_idx, ADR 0075) instead of
    # matching subject ids against every publication in scope.
    pubs = deadlines_of_bodies(scope).filter(subject_type="publicity.publication")
    for r in (
        pubs.filter(rule_key__in=PUBLISH_RULES, due_date__range=(first, last))
        .exclude(closed_on__isnull=True, due_date__gte=today)
        .values("body_id")
        .annotate(met=Count("id", filter=Q(state="met")), due=Count("id"))
        .order_by()
    ):
        add(r["body_id"], "published_on_time", r["met"])
        add(r["body_id"], "published_due", r["due"])
    # 2. review coverage of major decisions; 3. average days from 立案 to decision.
    cases = cases_visible_to(user)
    passed = requests_visible_to(user).filter(subject_type=CASE_TYPE, subject_id=Cast(OuterRef("pk"), CharField()),
                                              state=ReviewState.PASSED)  # fmt: skip
    major_q = (
        Q(hearing_eligible=True) | Q(major_public_interest=True) | Q(difficult=True) | Q(hearing__held_on__isnull=False)
    )
    for r in (
        cases.filter(decided_on__range=(first, last), outcome="penalty")
        .filter(major_q)
        .annotate(ok=Exists(passed))
        .values("body_id")
        .annotate(n=Count("id", distinct=True), ok_n=Count("id", distinct=True, filter=Q(ok=True)))
        .order_by()
    ):
        add(r["body_id"], "major", r["n"])
        add(r["body_id"], "major_reviewed", r["ok_n"])
    for body_id, filed, decided in cases.filter(decided_on__range=(first, last), filed_on__isnull=False).values_list(
        "body_id", "filed_on", "decided_on"
    ):
        add(body_id, "decided", 1)
        add(body_id, "decision_days", (decided - filed).days)
    # 4. deadlines overdue now.
    for r in (
        open_deadlines_for(user, today=today)
        .filter(derived="overdue")
        .values("body_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        add(r["body_id"], "overdue", r["n"])
    # 5. hearings, reconsiderations, lawsuits (the statistics' grouped reads).
    counted = ("hearings", "reconsiderations", "lawsuits")
    figures = yearly_figures_by_body(first, last, body_ids=scope, only=counted)  # the scope's rows only, not a city's
    recorded = {}
    for name in counted:
        recorded[name] = bool(sum(figures[name].values()))
        for body_id, value in figures[name].items():
            add(body_id, name, value)
    # 6. certified share of officers, on the last day of the period.
    for body_id, n in certified_officer_counts(last).items():
        if body_id in scope:
            add(body_id, "certified", n)
    bodies = {b.pk: b for b in visible_bodies(user).filter(pk__in=[u.id for u in units])}
    counts = role_counts_by_subtree([bodies[u.id] for u in units if u.id in bodies], [Role.OFFICER])
    for unit_id, per_role in counts.items():
        rows[unit_id].officers = per_role.get(Role.OFFICER.value, 0)
    return [rows[u.id] for u in units], recorded


HEADERS = ["单位", "按期公开率（%）", "重大决定法制审核覆盖率（%）", "立案至决定平均天数", "超期未办期限（件）",
           "听证（件）", "行政复议（件）", "行政诉讼（件）", "持证执法人员占比（%）"]  # fmt: skip


def table(rows: list[Row], recorded: dict) -> list[list]:
    def rec(name, value):
        return value if recorded.get(name) else NO_RECORD

    return [
        [r.unit.name, r.on_time_rate, r.review_coverage, r.average_days, r.overdue, rec("hearings", r.hearings),
         rec("reconsiderations", r.reconsiderations), rec("lawsuits", r.lawsuits), r.certified_share]
        for r in rows
    ]  # fmt: skip


def figures(user, rows: list[Row], recorded: dict, first: date, last: date, unit_label: str) -> list[charts.Figure]:
    names = [r.unit.name for r in rows]
    out = []
    for key, title, values, unit, maximum, note in (
        ("on_time", "执法决定按期公开率（%）", [r.on_time_rate for r in rows], "%", 100,
         "按期公开 ÷ 期间内届满的公开期限（不含期限内待公开）；依据：国办发〔2018〕118号第（六）项。"),
        ("review", "重大执法决定法制审核覆盖率（%）", [r.review_coverage for r in rows], "%", 100,
         "通过法制审核的重大执法决定 ÷ 重大执法决定；依据：《中华人民共和国行政处罚法》第五十八条。"),
        ("days", "立案至作出决定平均天数（日）", [r.average_days for r in rows], "日", None,
         "决定日期减立案日期的平均数（自然日）；第六十条：自立案之日起九十日内作出决定。"),
        ("overdue", "超期未办的期限（件）", [r.overdue for r in rows], "", None, "按今天计算，全部模块。"),
        ("certified", "持证执法人员占比（%）", [r.certified_share for r in rows], "%", 100,
         "期末持有有效执法证件的人数 ÷ 执法人员人数；依据：《天津市行政执法监督规定》第十条。"),
    ):  # fmt: skip
        svg = charts.bar_chart(names, [v or 0 for v in values], title=title, unit=unit, maximum=maximum,
                               horizontal=True, testid=f"chart-{key}")  # fmt: skip
        out.append(charts.Figure(key, title, svg, [unit_label, title], [[n, v] for n, v in zip(names, values, strict=True)],
                                 note=note + " 没有可计算的数据显示为“—”。"))  # fmt: skip
    series_rows = []
    for name, label in (("hearings", "听证"), ("reconsiderations", "行政复议"), ("lawsuits", "行政诉讼")):
        series_rows.append((label, [getattr(r, name) for r in rows], recorded.get(name)))
    svg = charts.bar_chart(names, series=[charts.Series(lbl, vals) for lbl, vals, _rec in series_rows],
                           title="听证、行政复议和行政诉讼（件）", horizontal=True, testid="chart-remedies")  # fmt: skip
    table_rows = [[n, *[(vals[i] if rec else NO_RECORD) for _l, vals, rec in series_rows]] for i, n in enumerate(names)]
    out.append(charts.Figure("remedies", "听证、行政复议和行政诉讼（件）", svg, [unit_label, "听证", "行政复议", "行政诉讼"],
                             table_rows, note="没有任何登记的项目显示为“无记录”。"))  # fmt: skip
    out.append(monthly_figure(user, rows, first, last))
    return out


def monthly_figure(user, rows: list[Row], first: date, last: date) -> charts.Figure:
    """Penalty decisions per month of the period's first year, one line per unit (one grouped query)."""
    from fazhi.enforcement.selectors import cases_visible_to

    year = first.year
    units = [r.unit for r in rows]
    paths = body_paths()
    per = {u.id: [0] * 12 for u in units}
    for r in (
        cases_visible_to(user)
        .filter(decided_on__range=(max(first, date(year, 1, 1)), min(last, date(year, 12, 31))))
        .annotate(month=ExtractMonth("decided_on"))
        .values("body_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    ):
        unit = unit_of(r["body_id"], units, paths)
        if unit is not None:
            per[unit][r["month"] - 1] += r["n"]
    months = [f"{m}月" for m in range(1, 13)]
    series = [charts.Series(u.name, per[u.id]) for u in units]
    title = f"{year}年各月作出的处罚决定（件）"
    svg = charts.line_chart(months, series, title=title, testid="chart-months")
    table_rows = [[m, *[s.values[i] for s in series]] for i, m in enumerate(months)]
    return charts.Figure("months", title, svg, ["月份", *[s.name for s in series]], table_rows,
                         note="按决定日期统计。")  # fmt: skip
