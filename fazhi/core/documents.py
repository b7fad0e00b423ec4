"""Official documents (.docx) in the GB/T 9704-2012 layout, for every app that issues 文书.

Layout (GB/T 9704-2012 第5章、第7章): A4; 天头 37 mm, 订口 28 mm, text block 156 × 225 mm (so bottom 35 mm, right
26 mm); body 3号仿宋 (16 pt), 22 lines of 28 characters (fixed line spacing 28.95 pt); title 2号小标宋 (22 pt)
centred; 发文字号 3号仿宋 centred; first-level headings 3号黑体, second-level 3号楷体; page numbers 4号半角宋体
"— 1 —" at the foot. Fonts are named as installed on Chinese government machines (方正小标宋简体, 仿宋_GB2312 …);
Word or WPS substitutes when one is missing.

``to_bytes`` writes the package with fixed timestamps, so the same record always yields the same bytes and the
same SM3 hash (a regenerated document that did not change is recognisably the same file).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_SMALL_4 = Pt(12)  # 小四, for dense tables
SIZE_5 = Pt(10.5)  # 五号, for wide statistical tables
LINE = Pt(28.95)  # 22 lines in the 225 mm text block
FIXED_TIME = datetime(2000, 1, 1)
RED = RGBColor(0xC0, 0x00, 0x00)


def chinese_date(d: date | None) -> str:
    """GB/T 9704-2012 第7.3.5条: 成文日期 in Arabic numerals, e.g. 2019年3月5日."""
    return f"{d.year}年{d.month}月{d.day}日" if d else "____年__月__日"


def set_run_font(run, name: str, size=SIZE_3, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _spacing(paragraph, *, fixed: bool = True) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if fixed:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE


def new_document(*, landscape: bool = False) -> Document:
    """An empty A4 document with the GB/T 9704 margins, body style and page numbers."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)
    section.footer_distance = Mm(28) - Mm(14)  # 页码 sits about 7 mm below the text block
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = SIZE_3
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    _add_page_number(section)
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    doc.core_properties.last_modified_by = ""
    doc.core_properties.author = ""
    return doc


def _add_page_number(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before = paragraph.add_run("— ")
    set_run_font(before, PAGE_NUMBER_FONT, SIZE_4)
    run = paragraph.add_run()
    set_run_font(run, PAGE_NUMBER_FONT, SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    after = paragraph.add_run(" —")
    set_run_font(after, PAGE_NUMBER_FONT, SIZE_4)


def add_issuer(doc, text: str) -> None:
    """发文机关标志: the issuing body's name, red, 小标宋, centred."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, fixed=False)
    set_run_font(paragraph.add_run(text), TITLE_FONT, SIZE_2, color=RED)


def add_title(doc, text: str) -> None:
    """标题: 2号小标宋, centred, with a blank line after it."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, fixed=False)
    paragraph.paragraph_format.space_after = Pt(12)
    set_run_font(paragraph.add_run(text), TITLE_FONT, SIZE_2)


def add_title_lines(doc, lines: list[str]) -> None:
    """A title set on several centred lines (GB/T 9704-2012 第7.3.1条: 标题可分一行或多行居中排布), e.g. the
    issuing body on one line and the kind of document on the next; 2号小标宋, a blank line after the last line.
    Blank lines are skipped. For a one-line title ``add_title`` is the same thing."""
    lines = [line for line in lines if line.strip()]
    for index, line in enumerate(lines):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(paragraph, fixed=False)
        if index == len(lines) - 1:
            paragraph.paragraph_format.space_after = Pt(12)
        set_run_font(paragraph.add_run(line), TITLE_FONT, SIZE_2)


def add_number(doc, text: str) -> None:
    """发文字号, centred under the title (e.g. 辛口综执罚决字〔2019〕第3号)."""
    if not text:
        return
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph)
    set_run_font(paragraph.add_run(text), BODY_FONT)


def add_heading(doc, text: str, *, level: int = 1) -> None:
    """一级标题 黑体, 二级标题 楷体 (GB/T 9704-2012 第7.3.3条), indented two characters."""
    paragraph = doc.add_paragraph()
    _spacing(paragraph)
    paragraph.paragraph_format.first_line_indent = Pt(32)
    set_run_font(paragraph.add_run(text), HEADING_FONT if level == 1 else SUBHEADING_FONT)


def add_paragraph(doc, text: str = "", *, indent: bool = True, bold: bool = False, align: str = "justify"):
    """Body text: 3号仿宋, first line indented two characters, fixed line spacing."""
    paragraph = doc.add_paragraph()
    _spacing(paragraph)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
    }[align]
    if text:
        set_run_font(paragraph.add_run(text), BODY_FONT, bold=bold)
    return paragraph


def add_paragraphs(doc, text: str):
    """Body text given as one string: each non-blank line becomes an ``add_paragraph`` (indented two characters),
    stripped of surrounding spaces. Returns the last paragraph, or None when ``text`` has no text."""
    last = None
    for line in (text or "").split("\n"):
        if line.strip():
            last = add_paragraph(doc, line.strip())
    return last


def add_labelled(doc, label: str, text: str) -> None:
    """A "label：text" line with the label in 黑体 (used by 笔录 and forms)."""
    paragraph = add_paragraph(doc, indent=False, align="left")
    set_run_font(paragraph.add_run(f"{label}："), HEADING_FONT)
    set_run_font(paragraph.add_run(text or "—"), BODY_FONT)


def add_signature(doc, issuer: str, on: date | None, *, seal_note: str = "（印章）") -> None:
    """发文机关署名 and 成文日期, right-aligned, with room for the seal (GB/T 9704-2012 第7.3.5条)."""
    doc.add_paragraph()
    for text in (issuer, chinese_date(on), seal_note):
        if text:
            add_paragraph(doc, text, indent=False, align="right")


def _cell_text(cell, text: str, *, bold: bool = False, size=SIZE_SMALL_4) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(2)
    set_run_font(paragraph.add_run(text or ""), HEADING_FONT if bold else BODY_FONT, size)


def add_form(doc, rows: list[tuple[str, str]], *, label_width_mm: float = 38) -> None:
    """A two-column form (审批表, 送达回证): label | value, with borders."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in rows:
        cells = table.add_row().cells
        _cell_text(cells[0], label, bold=True)
        _cell_text(cells[1], value)
        cells[0].width = Mm(label_width_mm)
        cells[1].width = Mm(156 - label_width_mm)


def add_table(doc, header: list[str], rows: list[list[str]], *, widths_mm: list[float] | None = None) -> None:
    """A bordered table with a bold header row (卷内目录, 审核要点)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_text(cell, text, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell_text(cell, str(text))
    if widths_mm:
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)


def add_grid(
    doc,
    header_rows: list[list[str]],
    rows: list[list],
    *,
    size=SIZE_SMALL_4,
    first_col_width_mm: float | None = None,
):
    """A bordered table with one or more bold header rows (statistical tables whose header groups columns, e.g.
    a group label over its sub-columns). Cells are text, numbers or None (blank); a short row is padded with
    blanks to the widest row. The first column (row labels) is left-aligned, the others centred; ``size`` sets
    the cell font size for wide tables (``SIZE_5`` or smaller). Returns the table."""
    all_rows = [*header_rows, *rows]
    ncols = max(len(row) for row in all_rows)
    table = doc.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, values in enumerate(all_rows):
        cells = table.add_row().cells
        for i, cell in enumerate(cells):
            value = values[i] if i < len(values) else None
            _cell_text(cell, "" if value is None else str(value), bold=index < len(header_rows), size=size)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.CENTER
    if first_col_width_mm:
        for row in table.rows:
            row.cells[0].width = Mm(first_col_width_mm)
    return table


def to_bytes(doc) -> bytes:
    """The .docx bytes with every zip entry dated 1980-01-01, so equal content gives equal bytes (and hash)."""
    raw = io.BytesIO()
    doc.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def text_of(data: bytes) -> str:
    """All paragraph and table text of a .docx (for tests and previews)."""
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
