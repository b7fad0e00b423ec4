"""The report as .docx in the official layout (GB/T 9704-2012, through ``fazhi.core.documents``): the title in 2号
小标宋, each part's heading in 3号黑体, "（一）…" lines in 3号楷体, the text in 3号仿宋, page numbers at the foot.
An approved report prints its frozen text; a draft prints the current figures and says 征求意见稿 (draft)."""

from __future__ import annotations

import re

from fazhi.annual import figures, layout
from fazhi.annual.models import Report, ReportState
from fazhi.annual.services import current_figures
from fazhi.core import documents

SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")


def _parts(report: Report) -> list[tuple[str, list[str]]]:
    """(heading, lines) per part, from the frozen text once approved, else from the live figures."""
    if report.state != ReportState.DRAFT:
        return _parse_frozen(report)
    values = current_figures(report)
    parts = []
    for section in report.layout["sections"]:
        text = figures.fill(report.sections.get(section["key"], ""), values).strip()
        if not text and section.get("optional"):
            continue
        parts.append((section.get("heading", ""), text.split("\n") if text else []))
    return parts


def _parse_frozen(report: Report) -> list[tuple[str, list[str]]]:
    headings = {s.get("heading") for s in report.layout["sections"] if s.get("heading")}
    lines = report.approved_text.split("\n")[1:]  # the first line is the title
    parts: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        if line in headings:
            parts.append((line, []))
        elif line.strip():
            parts[-1][1].append(line)
    return [p for p in parts if p[0] or p[1]]


def report_docx(report: Report) -> bytes:
    doc = documents.new_document()
    if report.state == ReportState.DRAFT:
        documents.add_paragraph(doc, "（征求意见稿，数据为当前记录）", indent=False, align="center")
    documents.add_title(doc, layout.title(report.layout, report.body, report.year))
    documents.add_paragraph(doc, "")
    for heading, lines in _parts(report):
        if heading:
            documents.add_heading(doc, heading, level=1)
        for line in lines:
            if SUBHEADING.match(line) and len(line) <= 40:
                documents.add_heading(doc, line, level=2)
            else:
                documents.add_paragraph(doc, line)
    documents.add_signature(doc, report.body.name, report.approved_on)
    return documents.to_bytes(doc)
