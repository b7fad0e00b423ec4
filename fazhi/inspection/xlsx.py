"""The 检查对象名录库 spreadsheet (.xlsx): one header row, then one object a row. Read with openpyxl; the import takes
all rows or none (services.import_objects names the bad row)."""

from __future__ import annotations

import hashlib
from io import BytesIO

from fazhi.core.errors import InvalidInput
from fazhi.inspection.models import CreditLevel, ObjectKind, RiskLevel

COLUMNS = {
    "统一社会信用代码": "credit_code",
    "名称": "name",
    "类别": "kind",
    "住所": "address",
    "法定代表人（经营者）": "representative",
    "风险等级": "risk",
    "信用等级": "credit",
}
REQUIRED = ("统一社会信用代码", "名称", "类别")
# The sheet holds the Chinese labels; the services take the codes.
LABELS = {
    "kind": {str(c.label): c.value for c in ObjectKind},
    "risk": {str(c.label): c.value for c in RiskLevel} | {"高": "high", "中": "medium", "低": "low"},
    "credit": {str(c.label): c.value for c in CreditLevel},
}
MAX_ROWS = 200_000


def read_rows(data: bytes) -> tuple[list[dict], str]:
    """(rows, SM3 of the file). Each row is a dict of service fields plus ``line`` (its row number in the sheet)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable file is the same refusal
        raise InvalidInput("无法读取该文件，请上传 .xlsx 格式的表格。", field="file") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InvalidInput(f"表头缺少“{'”“'.join(missing)}”列（第1行）。", field="file")
    index = {COLUMNS[name]: n for n, name in enumerate(header) if name in COLUMNS}
    out = []
    for line, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        if len(out) >= MAX_ROWS:
            raise InvalidInput(f"表格超过 {MAX_ROWS} 行，请分批导入。", field="file")
        row = {"line": line}
        for key, n in index.items():
            value = values[n] if n < len(values) else None
            text = "" if value is None else str(value).strip()
            row[key] = LABELS.get(key, {}).get(text, text)
        out.append(row)
    return out, hashlib.new("sm3", data).hexdigest()


def template_bytes() -> bytes:
    """An empty sheet with the header row and one example row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "检查对象名录库"
    sheet.append(list(COLUMNS))
    sheet.append(
        ["91120111001234567D", "天津市西青区示例有限公司", "企业", "辛口镇示例路1号", "张三", "低风险", "守信"]
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
