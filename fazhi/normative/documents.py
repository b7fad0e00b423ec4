"""The 备案 report (.docx, GB/T 9704 layout through core.documents): 规范性文件备案报告 to the district government."""

from __future__ import annotations

from fazhi.core import documents as d
from fazhi.core.rules import rule_for
from fazhi.normative import rules


def filing_report_docx(doc) -> bytes:
    town = doc.body
    district = town.parent
    rule = rule_for(rules.FILING, on=doc.published_on)
    out = d.new_document()
    d.add_issuer(out, town.name)
    d.add_title(out, f"关于报送《{doc.title}》备案的报告")
    d.add_paragraph(out, f"{district.name if district else '区'}人民政府：", indent=False)
    d.add_paragraph(
        out,
        f"我镇于{d.chinese_date(doc.published_on)}公布《{doc.title}》（{doc.number}），"
        f"自{d.chinese_date(doc.effective_from)}起施行，有效期至{d.chinese_date(doc.valid_until)}。"
        f"根据{rule.citation}，现将该文件报送备案。",
    )
    rows = [
        ("文件名称", doc.title),
        ("文号", doc.number),
        ("制定依据", "；".join(b["display"] for b in doc.basis) or "—"),
        ("公开征求意见", f"{doc.comment_opened_on or '—'} 至 {doc.comment_closes_on or '—'}"),
        ("合法性审核", f"{doc.review_submitted_on or '—'} 送审，审核通过"),
        ("集体审议", f"{doc.deliberated_on or '—'} {doc.meeting.get('meeting', '')}"),
        ("公布日期", str(doc.published_on)),
    ]
    if doc.filing_late_reason:
        rows.append(("逾期报送理由", doc.filing_late_reason))
    d.add_form(out, rows)
    d.add_paragraph(out, "附件：1.文件正式文本  2.起草说明  3.制定依据  4.合法性审核意见  5.集体审议记录", indent=False)
    d.add_signature(out, town.name, doc.filed_on or doc.published_on)
    return d.to_bytes(out)
