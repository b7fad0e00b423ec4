"""The alerts page: every alert of the user's scope computed now, counted per rule and town (or body), filtered by
rule and 执法机关, listed with the rule's article and a link to the record, exported as .xlsx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from fazhi.core import clock, listing, xlsx_export
from fazhi.org.selectors import body_paths, visible_bodies
from fazhi.supervision import alerts, permissions
from fazhi.supervision.overview import unit_of, units_for

DENIED = "您没有查看监督预警的权限（需监督人员、负责人或法制审核人员角色）。"
EXPORT_HEADERS = ["预警规则", "依据", "模块", "程度", "机关", "记录", "日期", "情况", "链接"]


def require_viewer(user) -> None:
    if not permissions.can_view_alerts(user):
        raise PermissionDenied(DENIED)


def year_param(request, today) -> int:
    return listing.int_param(request.GET.get("year"), minimum=2000, maximum=today.year + 1) or today.year


def matrix(found: list[alerts.Alert], units, paths) -> list[dict]:
    """One row per rule: its count in each unit and in all."""
    counts: dict[tuple[str, int | None], int] = {}
    for a in found:
        key = (a.rule, unit_of(a.body_id, units, paths))
        counts[key] = counts.get(key, 0) + 1
    rows = []
    for rule in alerts.rules():
        cells = [counts.get((rule.key, u.id), 0) for u in units]
        rows.append({"rule": rule, "cells": cells, "total": sum(cells)})
    return rows


@login_required
def alert_list(request):
    require_viewer(request.user)
    today = clock.today()
    year = year_param(request, today)
    rule_key = request.GET.get("rule", "")
    if rule_key not in alerts.REGISTRY:
        rule_key = ""
    found = alerts.compute(request.user, today=today, year=year)
    units, unit_label = units_for(request.user)
    paths = body_paths()
    bodies = visible_bodies(request.user)
    body_filter = listing.BodyFilter(bodies, request.GET.get("body"), used_ids=[a.body_id for a in found if a.body_id])
    shown = found
    if body_filter.value:
        subtree = set(body_filter.apply(bodies, field="id").values_list("id", flat=True))
        shown = [a for a in shown if a.body_id in subtree]
    if rule_key:
        shown = [a for a in shown if a.rule == rule_key]
    names = {pk: name for pk, name in bodies.values_list("pk", "name")}
    if xlsx_export.wants_xlsx(request):
        rows = []
        for a in shown:
            rule = alerts.REGISTRY[a.rule]
            rows.append([rule.title, rule.citation, rule.module, rule.severity_label, names.get(a.body_id, ""),
                         a.record, a.on, a.detail, request.build_absolute_uri(a.url) if a.url else ""])  # fmt: skip
        note = f"{today} 按记录计算；年度规则按 {year} 年。"
        return xlsx_export.download("监督预警.xlsx", "监督预警", EXPORT_HEADERS, rows, note=note)
    page = listing.page_of(request, shown)
    items = [{"alert": a, "rule": alerts.REGISTRY[a.rule], "body": names.get(a.body_id, "")} for a in page.object_list]
    return render(
        request,
        "supervision/alerts.html",
        {
            "today": today,
            "year": year,
            "years": list(range(today.year, 2015, -1)),
            "rule_key": rule_key,
            "rules": alerts.rules(),
            "units": units,
            "unit_label": unit_label,
            "matrix": matrix(found, units, paths),
            "body_filter": body_filter,
            "page": page,
            "items": items,
            "total": len(found),
            "shown": len(shown),
            "can_open_matter": permissions.is_supervisor(request.user),
        },
    )
