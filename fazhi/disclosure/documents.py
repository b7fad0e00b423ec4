"""Generic helpers for official documents (公文) in the GB/T 9704-2012 layout, with python-docx.

Nothing here knows about disclosure, so another app (or core) can take these over unchanged:
A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 小标宋 二号 (22 pt), centred;
body in 仿宋 三号 (16 pt) with a two-character first-line indent and a fixed 28 pt line pitch; first-level
headings in 黑体 三号, second-level in 楷体 三号. Fonts are set for East Asian text (w:eastAsia), which is what
Word and WPS use for Chinese characters.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_5 = Pt(10.5)  # 五号
LINE_PITCH = Pt(28)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def set_font(run, name: str, size=None, *, bold: bool | None = None) -> None:
    """Set a run's font for Latin and East Asian text alike."""
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def new_document(*, landscape: bool = False) -> Document:
    """An empty document with the GB/T 9704 page and the body style (仿宋 三号, 28 pt line pitch)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = doc.styles["Normal"]
    normal.font.name = FANGSONG
    normal.font.size = SIZE_3
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FANGSONG)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    return doc


def add_title(doc, text: str) -> None:
    """The document title: 小标宋 二号, centred; a line break in ``text`` gives a two-line title."""
    for line in text.split("\n"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing = Pt(36)
        set_font(p.add_run(line), XIAOBIAOSONG, SIZE_2)
    doc.add_paragraph()


def add_line(doc, text: str, *, align: str = "left", font: str = FANGSONG, size=SIZE_3, bold: bool = False):
    """A paragraph without indent (salutation, document number, signature, date)."""
    p = doc.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    set_font(p.add_run(text), font, size, bold=bold)
    return p


def add_body(doc, text: str):
    """Body text: each line of ``text`` a paragraph indented two characters (仿宋 三号)."""
    last = None
    for line in text.split("\n"):
        if not line.strip():
            continue
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)  # two 三号 characters
        set_font(p.add_run(line.strip()), FANGSONG, SIZE_3)
        last = p
    return last


def add_heading(doc, text: str, level: int = 1):
    """一级标题 黑体 三号; 二级标题 楷体 三号; both indented like body text."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    set_font(p.add_run(text), HEITI if level == 1 else KAITI, SIZE_3)
    return p


def add_table(doc, header: Sequence[Sequence[str]], rows: Sequence[Sequence], *, size=SIZE_5, first_col_width_mm=None):
    """A bordered table (header rows then data rows); cells are text, numbers or None (blank)."""
    ncols = max(len(r) for r in [*header, *rows])
    table = doc.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, values in enumerate([*header, *rows]):
        cells = table.add_row().cells
        for i in range(ncols):
            value = values[i] if i < len(values) else ""
            cells[i].text = ""
            p = cells[i].paragraphs[0]
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.CENTER
            set_font(p.add_run("" if value is None else str(value)), FANGSONG, size, bold=index < len(header))
    if first_col_width_mm:
        for row in table.rows:
            row.cells[0].width = Mm(first_col_width_mm)
    return table


def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def chinese_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
