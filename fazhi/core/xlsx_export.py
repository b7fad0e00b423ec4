"""One way to hand a list or a chart's numbers to Excel/WPS: a titled sheet with a header row, as an HTTP download.

Lists export the rows their filters select (not just the page on screen); charts export the numbers of their table.
Values keep their type (numbers stay numbers, dates stay dates) so the sheet can be summed and sorted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses these in a sheet title, and titles are at most 31 characters.
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | date | str):
        return value
    return str(value)


def workbook(
    title: str, headers: Sequence[str], rows: Iterable[Sequence], *, note: str = "", sheets: Sequence = ()
) -> bytes:
    """An .xlsx file: a bold title line, then ``headers`` and ``rows`` (and a note below, e.g. a citation or the
    filters used). ``sheets`` adds more sheets as (title, headers, rows) triples."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    for n, (sheet_title, sheet_headers, sheet_rows) in enumerate([(title, headers, rows), *sheets]):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = _BAD_TITLE.sub("_", sheet_title)[:31] or f"Sheet{n + 1}"
        ws.append([sheet_title])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append(list(sheet_headers))
        for cell in ws[2]:
            cell.font = Font(bold=True)
        widths = [max(len(str(h)) * 2, 8) for h in sheet_headers]
        for row in sheet_rows:
            values = [_cell(v) for v in row]
            ws.append(values)
            for i, v in enumerate(values[: len(widths)]):
                widths[i] = min(max(widths[i], len(str(v)) * 2 if isinstance(v, str) else 12), 60)
        if n == 0 and note:
            ws.append([])
            ws.append([note])
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def response(filename: str, data: bytes) -> HttpResponse:
    """An attachment download; the Chinese file name travels as RFC 5987 ``filename*``, with an ASCII fallback."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "", filename) or "export.xlsx"
    if not ascii_name.endswith(".xlsx"):
        ascii_name = "export.xlsx"
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return resp


def download(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence], *, note: str = ""):
    """``workbook`` + ``response`` in one call, for a view's ``?format=xlsx`` branch."""
    return response(filename, workbook(title, headers, rows, note=note))


def wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"
