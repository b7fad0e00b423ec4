"""Staff pages of exchange: the quarterly enforcement statistics per body as .xlsx (天津市行政执法监督规定 第二十六条)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from fazhi.core import xlsx_export
from fazhi.core.access import Role, require
from fazhi.core.errors import NotPermitted
from fazhi.exchange.quarterly import quarterly_sheet

QUARTERLY_ROLES = (Role.LEADER, Role.SUPERVISOR, Role.ADMIN)


def _bad(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@login_required
def quarterly(request):
    """``?year=2019&quarter=4``: one row per body in the user's scope, the quarter's figures (held by that body)."""
    try:
        require(request.user, *QUARTERLY_ROLES, what="下载季度执法统计")
    except NotPermitted as exc:
        return HttpResponse(str(exc), status=403, content_type="text/plain; charset=utf-8")
    year, quarter = request.GET.get("year", ""), request.GET.get("quarter", "")
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        return _bad("参数 year（年度）应为 2000—2100 之间的四位年份，例如 ?year=2019&quarter=4。")
    if quarter not in ("1", "2", "3", "4"):
        return _bad("参数 quarter（季度）应为 1、2、3 或 4，例如 ?year=2019&quarter=4。")
    sheet = quarterly_sheet(request.user, int(year), int(quarter))
    return xlsx_export.download(sheet.file_name, sheet.title, sheet.headers, sheet.rows, note=sheet.note)
