"""Reading a calendar import file (CSV or JSON; format in docs/calendar-import.md) into validated rows.

Any bad row stops the whole import with a Chinese message naming the row number and the column.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from fazhi.core.errors import InvalidInput
from fazhi.core.services import CalendarRow

COLUMNS = ["date", "kind", "notice", "name", "year"]
REQUIRED = ["date", "kind", "notice"]
KINDS = {"off": "off", "work": "work", "放假": "off", "休息": "off", "上班": "work", "调休上班": "work", "补班": "work"}
WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]


def _fail(where: str, column: str, message: str) -> InvalidInput:
    return InvalidInput(f"{where}“{column}”列：{message}", field=column)


def _clean(where: str, raw: dict) -> CalendarRow:
    values = {k: ("" if v is None else str(v)).strip() for k, v in raw.items()}
    for column in REQUIRED:
        if not values.get(column):
            raise _fail(where, column, "不能为空。")
    try:
        day = date.fromisoformat(values["date"])
    except ValueError:
        raise _fail(where, "date", f"日期“{values['date']}”无效，应写作 YYYY-MM-DD，如 2027-01-01。") from None
    kind = KINDS.get(values["kind"].lower())
    if kind is None:
        raise _fail(where, "kind", f"类别“{values['kind']}”无效，应为 off（放假）或 work（调休上班）。")
    if kind == "work" and day.weekday() < 5:
        raise _fail(
            where, "kind", f"{day.isoformat()} 是{WEEKDAYS[day.weekday()]}，本来就是工作日，不能标为调休上班（work）。"
        )
    year = None
    if values.get("year"):
        try:
            year = int(values["year"])
        except ValueError:
            raise _fail(where, "year", f"年度“{values['year']}”无效，应为四位数字。") from None
        if abs(year - day.year) > 1:
            raise _fail(where, "year", f"年度 {year} 与日期 {day.isoformat()} 相差超过一年。")
    if len(values["notice"]) > 255:
        raise _fail(where, "notice", "通知文号/来源过长（最多255字）。")
    if len(values.get("name", "")) > 50:
        raise _fail(where, "name", "节日名称过长（最多50字）。")
    return CalendarRow(row=0, date=day, kind=kind, notice=values["notice"], name=values.get("name", ""), year=year)


def parse_csv(text: str) -> list[CalendarRow]:
    reader = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows: list[CalendarRow] = []
    header = COLUMNS
    start = 0
    if reader and reader[0] and reader[0][0].strip().lower() == "date":
        header = [c.strip().lower() for c in reader[0]]
        unknown = [c for c in header if c not in COLUMNS]
        if unknown:
            raise InvalidInput(
                f"第1行（表头）：未知的列“{unknown[0]}”，可用的列：{', '.join(COLUMNS)}。", field=unknown[0]
            )
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise InvalidInput(f"第1行（表头）：缺少“{missing[0]}”列。", field=missing[0])
        start = 1
    for index, cells in enumerate(reader[start:], start=start + 1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise InvalidInput(
                f"第{index}行：列数为{len(cells)}，多于{len(header)}列（{','.join(header)}）。", field="row"
            )
        row = _clean(f"第{index}行", dict(zip(header, cells, strict=False)))
        rows.append(_numbered(row, index))
    return _check_duplicates(rows, "行")


def parse_json(text: str) -> list[CalendarRow]:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise InvalidInput(f"JSON 格式错误（第{error.lineno}行第{error.colno}列）：{error.msg}", field="file") from None
    if not isinstance(data, list):
        raise InvalidInput('JSON 文件应为对象列表：[{"date": …, "kind": …, "notice": …}, …]。', field="file")
    rows = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InvalidInput(f"第{index}条：应为对象（含 date、kind、notice）。", field="row")
        unknown = [k for k in item if k not in COLUMNS]
        if unknown:
            raise _fail(f"第{index}条", unknown[0], f"未知的字段，可用的字段：{', '.join(COLUMNS)}。")
        rows.append(_numbered(_clean(f"第{index}条", item), index))
    return _check_duplicates(rows, "条")


def _numbered(row: CalendarRow, index: int) -> CalendarRow:
    return CalendarRow(row=index, date=row.date, kind=row.kind, notice=row.notice, name=row.name, year=row.year)


def _check_duplicates(rows: list[CalendarRow], unit: str) -> list[CalendarRow]:
    seen: dict[date, int] = {}
    for row in rows:
        if row.date in seen:
            raise InvalidInput(
                f"第{row.row}{unit}“date”列：{row.date.isoformat()} 与第{seen[row.date]}{unit}重复。", field="date"
            )
        seen[row.date] = row.row
    if not rows:
        raise InvalidInput("导入文件中没有任何日期。", field="file")
    return rows


def parse_calendar_file(path: str | Path) -> list[CalendarRow]:
    """Read a .csv or .json file (UTF-8). Raises InvalidInput naming the row and column of the first bad row."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"找不到文件：{path}", field="file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"文件不是 UTF-8 编码：{path}（请另存为 UTF-8）。", field="file") from None
    if path.suffix.lower() == ".json" or text.lstrip("\ufeff \n").startswith("["):
        return parse_json(text)
    return parse_csv(text)
