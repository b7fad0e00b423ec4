"""Staff pages of exchange: the quarterly enforcement statistics per body as .xlsx (天津市行政执法监督规定 第二十六条)
and the records received from towns (issue #16, ADR 0081)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from fazhi.core import clock, xlsx_export
from fazhi.core.access import Role, require
from fazhi.core.errors import NotPermitted
from fazhi.exchange import received as received_selectors
from fazhi.exchange.models import RecordType
from fazhi.exchange.quarterly import quarterly_sheet

QUARTERLY_ROLES = (Role.LEADER, Role.SUPERVISOR, Role.ADMIN)


def _bad(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def _period_problem(year: str, quarter: str) -> str:
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        return "参数 year（年度）应为 2000—2100 之间的四位年份，例如 ?year=2019&quarter=4。"
    if quarter not in ("1", "2", "3", "4"):
        return "参数 quarter（季度）应为 1、2、3 或 4，例如 ?year=2019&quarter=4。"
    return ""


@login_required
def quarterly(request):
    """``?year=2019&quarter=4``: one row per body in the user's scope, the quarter's figures (held by that body)."""
    try:
        require(request.user, *QUARTERLY_ROLES, what="下载季度执法统计")
    except NotPermitted as exc:
        return HttpResponse(str(exc), status=403, content_type="text/plain; charset=utf-8")
    year, quarter = request.GET.get("year", ""), request.GET.get("quarter", "")
    problem = _period_problem(year, quarter)
    if problem:
        return _bad(problem)
    sheet = quarterly_sheet(request.user, int(year), int(quarter))
    return xlsx_export.download(sheet.file_name, sheet.title, sheet.headers, sheet.rows, note=sheet.note)


@login_required
def received(request):
    """The records towns pushed here, for the bodies in the user's scope: per sender, the quarter's statistics
    (``?year=&quarter=``, default the current quarter) and the late-publication alert."""
    try:
        require(request.user, *QUARTERLY_ROLES, what="查看接收的报送记录")
    except NotPermitted as exc:
        return HttpResponse(str(exc), status=403, content_type="text/plain; charset=utf-8")
    today = clock.today()
    year = request.GET.get("year", "") or str(today.year)
    quarter = request.GET.get("quarter", "") or str((today.month - 1) // 3 + 1)
    problem = _period_problem(year, quarter)
    if problem:
        return _bad(problem)
    sheet = received_selectors.quarterly(request.user, int(year), int(quarter))
    types = list(RecordType.choices)
    senders = [
        {
            "sender": s.sender,
            "cells": [(label, s.counts.get(t, 0)) for t, label in types],
            "total": s.total,
            "newest": s.newest,
        }
        for s in received_selectors.by_sender(request.user)
    ]
    return render(
        request,
        "exchange/received.html",
        {
            "today": today,
            "year": int(year),
            "quarter": int(quarter),
            "quarters": (1, 2, 3, 4),
            "types": types,
            "senders": senders,
            "sheet": sheet,
            "alerts": received_selectors.late_publications(request.user),
            "alert_rule": received_selectors.rule_citation(),
        },
    )
