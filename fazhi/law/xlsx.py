"""The power list as an .xlsx workbook (layout documented in docs/power-list-xlsx.md).

Sheet 「权责清单」: one row per item; sheet 「裁量基准」: one row per discretion level. Citations are written as
citation keys (城乡规划法/2019-04-23/第六十五条), one per line, so a round trip pins the same article versions; on import
the typed form 《城乡规划法》第六十五条 is accepted too (it resolves to the version in force).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from fazhi.law.models import FineUnit, PowerCategory, PowerState
from fazhi.law.services import LevelSpec, PowerSpec

ITEM_SHEET = "权责清单"
LEVEL_SHEET = "裁量基准"
ITEM_COLUMNS = [
    "事项编码",
    "事项名称",
    "类别",
    "实施主体代码",
    "实施主体",
    "承办机构",
    "设定依据",
    "违则",
    "罚则",
    "是否赋权",
    "赋权文件",
    "追责情形",
    "状态",
    "罚款计量",
    "计算基数",
    "法定罚款下限",
    "法定罚款上限",
    "法定其他处罚种类",
]
LEVEL_COLUMNS = ["实施主体代码", "事项编码", "档次", "档次名称", "适用情形", "罚款下限", "罚款上限", "其他处罚种类"]
UNIT_LABELS = {FineUnit.NONE: "无罚款", FineUnit.YUAN: "元", FineUnit.MULTIPLE: "倍", FineUnit.PERCENT: "%"}
UNIT_BY_LABEL = {v: k for k, v in UNIT_LABELS.items()} | {"": FineUnit.NONE}


def _lines(values: list[str]) -> str:
    return "\n".join(values)


def export_workbook(versions) -> bytes:
    """Write the current versions of the given items (with their benchmarks) to .xlsx bytes."""
    from fazhi.law.services import spec_from_version

    wb = Workbook()
    ws = wb.active
    ws.title = ITEM_SHEET
    ws.append(ITEM_COLUMNS)
    lv = wb.create_sheet(LEVEL_SHEET)
    lv.append(LEVEL_COLUMNS)
    for version in versions:
        spec = spec_from_version(version)
        body = version.item.body
        ws.append(
            [
                version.item.code,
                spec.name,
                PowerCategory(spec.category).label,
                body.code,
                body.name,
                spec.responsible_unit,
                _lines(spec.basis),
                _lines(spec.violated),
                _lines(spec.penalty),
                "是" if spec.devolved else "否",
                spec.devolving_document,
                spec.accountability,
                PowerState(spec.state).label,
                UNIT_LABELS[FineUnit(spec.statutory_fine_unit or "")],
                spec.statutory_fine_base,
                spec.statutory_fine_min,
                spec.statutory_fine_max,
                spec.statutory_other,
            ]
        )
        for order, level in enumerate(spec.levels, start=1):
            lv.append(
                [
                    body.code,
                    version.item.code,
                    order,
                    level.name,
                    level.conditions,
                    level.fine_min,
                    level.fine_max,
                    level.other_penalties,
                ]
            )
    for sheet in (ws, lv):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col in range(1, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(col)].width = 18
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass
class ImportRow:
    row: int
    body_code: str
    code: str
    spec: PowerSpec


@dataclass
class ParsedWorkbook:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _decimal(value, where: str, errors: list[str]) -> Decimal | None:
    if value is None or _text(value) == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        errors.append(f"{where}：“{value}”不是数字")
        return None
    if number < 0:
        errors.append(f"{where}：不能为负数")
        return None
    return number


def _where(sheet: str, row: int, col: int, columns: list[str]) -> str:
    return f"「{sheet}」表第{row}行{get_column_letter(col)}列（{columns[col - 1]}）"


def _check_header(ws, columns: list[str], errors: list[str]) -> bool:
    header = [_text(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1))] if ws.max_row >= 1 else []
    ok = True
    for idx, expected in enumerate(columns, start=1):
        actual = header[idx - 1] if idx <= len(header) else ""
        if actual != expected:
            errors.append(
                f"「{ws.title}」表第1行{get_column_letter(idx)}列应为「{expected}」，实为「{actual or '空'}」"
            )
            ok = False
    extra = [h for h in header[len(columns) :] if h]
    if extra:
        errors.append(f"「{ws.title}」表有多余的列：{'、'.join(extra)}")
        ok = False
    return ok


def read_workbook(data: bytes) -> ParsedWorkbook:
    """Parse and check the shape of every row; citations and benchmarks are checked by the import service."""
    result = ParsedWorkbook()
    errors = result.errors
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a file that is not .xlsx
        errors.append(f"无法读取文件：不是有效的 .xlsx 工作簿（{type(exc).__name__}）")
        return result
    for name in (ITEM_SHEET, LEVEL_SHEET):
        if name not in wb.sheetnames:
            errors.append(f"工作簿缺少「{name}」工作表（现有：{'、'.join(wb.sheetnames)}）")
    if errors:
        return result
    ws, lv = wb[ITEM_SHEET], wb[LEVEL_SHEET]
    if not (_check_header(ws, ITEM_COLUMNS, errors) & _check_header(lv, LEVEL_COLUMNS, errors)):
        return result
    category_by_label = {c.label: c.value for c in PowerCategory}
    state_by_label = {s.label: s.value for s in PowerState}
    seen: dict[tuple[str, str], ImportRow] = {}
    for rownum, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(ITEM_COLUMNS), values_only=True), start=2):
        if all(_text(c) == "" for c in cells):
            continue
        cells = list(cells) + [None] * (len(ITEM_COLUMNS) - len(cells))

        def w(col, _row=rownum):
            return _where(ITEM_SHEET, _row, col, ITEM_COLUMNS)

        v = [_text(c) for c in cells]
        code, body_code = v[0], v[3]
        if not code:
            errors.append(f"{w(1)}：不能为空")
        if not body_code:
            errors.append(f"{w(4)}：不能为空")
        category = category_by_label.get(v[2])
        if category is None:
            errors.append(f"{w(3)}：“{v[2]}”不是有效类别（应为{'、'.join(category_by_label)}之一）")
        if v[9] not in ("是", "否", ""):
            errors.append(f"{w(10)}：应填“是”或“否”")
        state = state_by_label.get(v[12] or PowerState.ACTIVE.label)
        if state is None:
            errors.append(f"{w(13)}：“{v[12]}”不是有效状态（应为{'、'.join(state_by_label)}之一）")
        unit = UNIT_BY_LABEL.get(v[13])
        if unit is None:
            errors.append(f"{w(14)}：“{v[13]}”不是有效计量方式（应为{'、'.join(UNIT_LABELS.values())}之一）")
        spec = PowerSpec(
            name=v[1],
            category=category or "",
            responsible_unit=v[5],
            basis=[s.strip() for s in v[6].splitlines() if s.strip()],
            violated=[s.strip() for s in v[7].splitlines() if s.strip()],
            penalty=[s.strip() for s in v[8].splitlines() if s.strip()],
            devolved=v[9] == "是",
            devolving_document=v[10],
            accountability=_text(cells[11]),
            state=state or "",
            statutory_fine_unit=unit or "",
            statutory_fine_base=v[14],
            statutory_fine_min=_decimal(cells[15], w(16), errors),
            statutory_fine_max=_decimal(cells[16], w(17), errors),
            statutory_other=v[17],
            change_note="导入权责清单",
        )
        if (body_code, code) in seen:
            errors.append(f"{w(1)}：编码“{code}”与第{seen[(body_code, code)].row}行重复")
            continue
        row = ImportRow(row=rownum, body_code=body_code, code=code, spec=spec)
        seen[(body_code, code)] = row
        result.rows.append(row)
    for rownum, cells in enumerate(lv.iter_rows(min_row=2, max_col=len(LEVEL_COLUMNS), values_only=True), start=2):
        if all(_text(c) == "" for c in cells):
            continue
        cells = list(cells) + [None] * (len(LEVEL_COLUMNS) - len(cells))

        def w(col, _row=rownum):
            return _where(LEVEL_SHEET, _row, col, LEVEL_COLUMNS)

        v = [_text(c) for c in cells]
        target = seen.get((v[0], v[1]))
        if target is None:
            errors.append(f"{w(2)}：「{ITEM_SHEET}」表中没有实施主体“{v[0]}”的事项“{v[1]}”")
            continue
        expected_order = len(target.spec.levels) + 1
        if v[2] != str(expected_order):
            errors.append(f"{w(3)}：应为 {expected_order}（同一事项的档次从 1 起依次编号）")
        target.spec.levels.append(
            LevelSpec(
                name=v[3],
                conditions=_text(cells[4]),
                fine_min=_decimal(cells[5], w(6), errors),
                fine_max=_decimal(cells[6], w(7), errors),
                other_penalties=v[7],
            )
        )
    return result
