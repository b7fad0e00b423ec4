"""Documents generated from the record (never typed twice): the reply letter (答复书) and the annual report exports."""

from __future__ import annotations

import io

from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from fazhi.core import documents as d
from fazhi.disclosure import rules
from fazhi.disclosure.models import Answer, Consultation, Correction, ReasonsInquiry, ThirdPartyReply
from fazhi.disclosure.outcomes import BY_KEY
from fazhi.disclosure.reports import BuiltReport

REG = "《中华人民共和国政府信息公开条例》"
REVIEW_LAW = "《中华人民共和国行政复议法》第九条"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》第四十六条"


def review_authority(body) -> str:
    """The body one level up hears a review of a town government's act (行政复议法 (2017) 第十三条)."""
    parent = body.parent
    if parent is None:
        return "上一级人民政府"
    name = parent.name
    return name if name.endswith("人民政府") else f"{name}人民政府"


def reply_letter_text(answer: Answer) -> dict:
    """The letter's parts as text (also shown on the clerk's page before download)."""
    req = answer.request
    spec = BY_KEY[answer.outcome]
    who = "您" if req.applicant_type == "natural" else "你单位"
    story = [
        f"本机关于{d.chinese_date(req.received_on)}收到{who}提出的政府信息公开申请"
        f"（登记号：{req.number}），申请获取“{req.description}”。"
    ]
    correction = Correction.objects.filter(request=req).first()
    if correction is not None and correction.received_on:
        story.append(
            f"本机关于{d.chinese_date(correction.requested_on)}告知{who}补正，"
            f"于{d.chinese_date(correction.received_on)}收到补正后的申请。"
        )
    old_text = rules.under_2007_text(req)
    if old_text:
        story.append(
            f"本申请于2019年5月15日前收到，依照{rules.REG_2007}办理"
            f"（修订后的条例自2019年5月15日起施行，{REG}第五十六条）。"
        )
    for c in Consultation.objects.filter(request=req).exclude(reply=""):
        reply = ThirdPartyReply(c.reply).label
        if c.is_agency:
            deemed = "，视为同意公开" if c.reply == ThirdPartyReply.SILENT else ""
            story.append(
                f"因申请公开的信息由本机关与{c.third_party}共同制作，本机关于{d.chinese_date(c.sent_on)}书面征求了"
                f"{c.third_party}的意见，{c.third_party}{reply}{deemed}（{REG}第三十四条），"
                f"征求意见所需时间不计算在答复期限内（{REG}第三十三条第三款）。"
            )
            continue
        article = f"{rules.REG_2007}第二十三条、第二十四条第三款" if old_text else f"{REG}第三十二条"
        story.append(
            f"因申请公开的信息可能涉及第三方合法权益，本机关于{d.chinese_date(c.sent_on)}书面征求了第三方意见，"
            f"第三方{reply}（{article}），征求意见所需时间不计算在答复期限内。"
        )
    inquiry = ReasonsInquiry.objects.filter(request=req).first()
    if inquiry is not None:
        story.append(
            f"因{who}申请公开政府信息的数量、频次明显超过合理范围，本机关于{d.chinese_date(inquiry.asked_on)}"
            f"要求{who}说明理由（{REG}第三十五条）。"
        )
        if inquiry.delayed_to:
            story.append(
                f"经审查，{who}的申请理由合理，但本机关无法在规定期限内答复，已于"
                f"{d.chinese_date(inquiry.delay_notified_on)}告知{who}延迟至{d.chinese_date(inquiry.delayed_to)}前答复"
                f"（{REG}第三十五条）。"
            )
    if req.extension_days:
        story.append(
            f"经政府信息公开工作机构负责人同意，本机关已于{d.chinese_date(req.extension_notified_on)}告知{who}"
            f"延长答复期限{req.extension_days}个工作日（{rules.extension_article(req)}）。"
        )
    story.append("经审查，现答复如下：")
    body = [answer.content]
    if answer.reasons:
        body.append(f"理由：{answer.reasons}")
    if answer.other_agency:
        body.append(f"负责公开该政府信息的机关及联系方式：{answer.other_agency}。")
    citation = (spec.citation_2007 or rules.REG_2007) if old_text else spec.citation
    basis = f"本答复依据{citation}作出。"
    remedy = (
        f"如对本答复不服，可以自收到本答复之日起60日内向{review_authority(req.body)}申请行政复议"
        f"（{REVIEW_LAW}），或者自收到本答复之日起6个月内向人民法院提起行政诉讼（{LITIGATION_LAW}）。"
    )
    return {
        "title": "政府信息公开申请答复书",
        "subtitle": spec.answer_type,
        "number": answer.letter_number,
        "salutation": f"{req.applicant_name}：",
        "story": story,
        "body": body,
        "basis": basis,
        "remedy": remedy,
        "signature": req.body.name,
        "date": d.chinese_date(answer.answered_on),
    }


def reply_letter_docx(answer: Answer) -> bytes:
    parts = reply_letter_text(answer)
    doc = d.new_document()
    d.add_title_lines(doc, [answer.request.body.name, parts["title"]])
    d.add_number(doc, parts["number"])
    d.add_paragraph(doc, parts["salutation"], indent=False, align="left")
    d.add_paragraphs(doc, "\n".join(parts["story"]))
    d.add_paragraphs(doc, "\n".join(parts["body"]))
    d.add_paragraphs(doc, parts["basis"])
    d.add_paragraphs(doc, parts["remedy"])
    d.add_signature(doc, parts["signature"], answer.answered_on, seal_note="")
    return d.to_bytes(doc)


def correction_notice_text(body_name: str, status: dict) -> list[str]:
    """The 补正告知书 (第三十条) from the record as the status page shows it: no name (the applicant holds the code)."""
    c = status["correction"]
    return [
        f"您于{d.chinese_date(status['submitted_on'])}提出的政府信息公开申请（登记号：{status['number']}）内容不明确。"
        f"根据{REG}第三十条，本机关于{d.chinese_date(c['requested_on'])}一次性告知您作出补正，需要补正的事项为：",
        c["items"],
        f"请于{d.chinese_date(c['due_on'])}前补正（可在网上办理查询页凭查询码在线补正，或以原申请方式提交）。"
        "答复期限自本机关收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ]


def correction_notice_docx(body_name: str, status: dict) -> bytes:
    doc = d.new_document()
    d.add_title_lines(doc, [body_name, "政府信息公开申请补正告知书"])
    d.add_paragraph(doc, f"查询码：{status['lookup_code']}", indent=False, align="left")
    for line in correction_notice_text(body_name, status):
        d.add_paragraphs(doc, line)
    d.add_signature(doc, body_name, status["correction"]["requested_on"], seal_note="")
    return d.to_bytes(doc)


# --- annual report ---------------------------------------------------------------------------------------------------


def _applications_rows(table: dict) -> tuple[list[list[str]], list[list]]:
    cols = table["columns"]
    header = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", *[""] * (len(cols) - 1)],
        ["", *[c["label"] for c in cols]],
    ]
    rows = []
    for row in table["rows"]:
        label = "    " * row["indent"] + row["label"]
        rows.append([label, *(row["values"] or [""] * len(cols))])
    return header, rows


def report_docx(built: BuiltReport) -> bytes:
    doc = d.new_document()
    d.add_title(doc, built.title)
    if built.preamble:
        d.add_paragraphs(doc, built.preamble)
    for section in built.sections:
        d.add_heading(doc, section["title"])
        if section.get("text"):
            d.add_paragraphs(doc, section["text"])
        table = built.tables.get(section.get("table", ""))
        if table is None:
            continue
        if table["kind"] == "proactive":
            for group in table["groups"]:
                d.add_grid(
                    doc,
                    [[group["title"], *[""] * (len(group["columns"]) - 1)], group["columns"]],
                    [[r["label"], *[c["value"] for c in r["cells"]]] for r in group["rows"]],
                    size=d.SIZE_5,
                )
        elif table["kind"] == "applications":
            header, rows = _applications_rows(table)
            d.add_grid(doc, header, rows, size=d.SIZE_5, first_col_width_mm=60)
        elif table["kind"] == "remedies":
            labels = [c["label"] for c in table["columns"]]
            header = [
                [g["label"] for g in table["groups"] for _ in labels],
                [label for _ in table["groups"] for label in labels],
            ]
            d.add_grid(doc, header, [[v for g in table["groups"] for v in g["values"]]], size=Pt(9))
    return d.to_bytes(doc)


def report_xlsx(built: BuiltReport) -> bytes:
    wb = Workbook()
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    first = True
    for section in built.sections:
        table = built.tables.get(section.get("table", ""))
        if table is None:
            continue
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = (
            section["title"].split("、", 1)[0]
            + "、"
            + {"proactive": "主动公开", "applications": "依申请公开", "remedies": "复议诉讼"}[table["kind"]]
        )
        ws.append([built.title])
        ws.append([section["title"]])
        ws["A1"].font = Font(bold=True, size=14)
        if table["kind"] == "proactive":
            for group in table["groups"]:
                ws.append([group["title"]])
                ws.append(group["columns"])
                for r in group["rows"]:
                    ws.append([r["label"], *[c["value"] for c in r["cells"]]])
                ws.append([])
        elif table["kind"] == "applications":
            header, rows = _applications_rows(table)
            for h in header:
                ws.append(h)
            for r in rows:
                ws.append(r)
            ws.append([table["check_label"]])
            ws.column_dimensions["A"].width = 70
        elif table["kind"] == "remedies":
            labels = [c["label"] for c in table["columns"]]
            ws.append([g["label"] for g in table["groups"] for _ in labels])
            ws.append([label for _ in table["groups"] for label in labels])
            ws.append([v for g in table["groups"] for v in g["values"]])
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                if cell.value is not None:
                    cell.border = border
                    cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws = wb.create_sheet("文字部分")
    for section in built.sections:
        if "text" in section:
            ws.append([section["title"], section["text"]])
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
