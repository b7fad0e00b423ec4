"""The supervision documents as .docx in the GB/T 9704 layout (core.documents): 行政执法监督通知书 / 建议书 / 决定书."""

from __future__ import annotations

from fazhi.core import documents as d
from fazhi.supervision import rules
from fazhi.supervision.models import DocumentKind


def matter_docx(matter) -> bytes:
    issuer = matter.supervising_body.name if matter.supervising_body else "行政执法监督机关"
    doc = d.new_document()
    d.add_title_lines(doc, [issuer, DocumentKind(matter.document_kind).label])
    d.add_number(doc, matter.document_number)
    d.add_paragraph(doc, f"{matter.body.name}：", indent=False, align="left")
    d.add_paragraph(
        doc, f"本机关在行政执法监督中发现（{matter.number}，{matter.opened_on:%Y年%m月%d日}）：{matter.title}。"
    )
    d.add_paragraphs(doc, matter.facts)
    d.add_heading(doc, "监督意见")
    d.add_paragraphs(doc, matter.findings)
    d.add_paragraph(
        doc,
        f"请于{d.chinese_date(matter.rectify_by)}前整改完毕，并将整改情况书面报告本机关（{rules.RECTIFY_CITATION}）。",
    )
    if matter.document_kind == DocumentKind.DECISION:
        d.add_paragraph(
            doc,
            f"对本决定有异议的，可以自收到本决定书之日起10个工作日内向本机关申请复查（{rules.TIANJIN}第二十三条）。",
        )
    d.add_signature(doc, issuer, matter.issued_on)
    return d.to_bytes(doc)
