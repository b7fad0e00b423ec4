"""The yearly 普法责任制履职报告 as .docx (GB/T 9704 layout through core.documents), drafted from the records."""

from __future__ import annotations

from fazhi.core import documents as docs
from fazhi.learning import rules
from fazhi.learning.selectors import DutyReport


def report_paragraphs(report: DutyReport) -> list[tuple[str, str]]:
    """The draft's sections as (heading, text): the same text on the page and in the .docx."""
    year = report.year
    held = "；".join(f"{label}{n}次（受众{people}人次）" for label, n, people in report.by_form) or "无已公开的活动"
    dates = "、".join(report.key_dates_met) or "无"
    sessions = "；".join(
        f"{c.label}{c.count}次" + (f"（应不少于{c.required}次）" if c.required else "") for c in report.sessions
    )
    gaps = "；".join(line.laws for line in report.lines_without_activity) or "无"
    return [
        (
            "一、普法责任清单落实情况",
            f"{year}年本单位普法责任清单共{len(report.lines)}项。已开展并经审核公开的普法活动{len(report.activities)}次，"
            f"受众合计{report.total_audience}人次：{held}。",
        ),
        ("二、重要时间节点集中宣传", f"结合以下重要节点开展集中宣传：{dates}。"),
        ("三、国家工作人员学法用法", f"本年度学法活动：{sessions}。"),
        ("四、存在的不足", f"尚未开展活动的清单条目：{gaps}。"),
        ("五、下一年度工作安排", "（请填写）"),
    ]


def report_docx(report: DutyReport) -> bytes:
    doc = docs.new_document()
    docs.add_title_lines(doc, [f"{report.body.name}", f"{report.year}年度普法责任制履职报告"])
    docs.add_paragraph(doc, f"依据：{rules.REPORT_CITATION}。")
    for heading, text in report_paragraphs(report):
        docs.add_heading(doc, heading)
        docs.add_paragraph(doc, text)
    if report.activities:
        docs.add_heading(doc, "附：普法活动一览")
        docs.add_table(
            doc,
            ["日期", "主题", "形式", "地点", "受众"],
            [
                [a.held_on.isoformat(), a.topic, a.get_form_display(), a.place, str(a.audience_size)]
                for a in report.activities
            ],
        )
    docs.add_signature(doc, report.body.name, None)
    return docs.to_bytes(doc)
