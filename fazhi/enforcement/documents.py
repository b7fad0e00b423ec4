"""Case documents (文书) generated from the record as .docx in the GB/T 9704 layout — never typed twice.

``build(case, kind, source_id)`` returns the title, number and bytes; ``build_and_store`` stores them by SM3 hash
and adds a CaseDocument row (inside the caller's transaction); ``services.generate_document`` is the step that puts
it on the chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.core import clock
from fazhi.core import documents as gb
from fazhi.core.rules import rule_for
from fazhi.core.selectors import get_setting
from fazhi.enforcement import rules
from fazhi.enforcement.errors import InvalidInput, InvalidTransition
from fazhi.enforcement.files import StoredFile, store_bytes
from fazhi.enforcement.models import ActKind, Case, CaseDocument, DocumentKind, PartyKind
from fazhi.enforcement.page_reads import (
    case_acts,
    case_deliberations,
    case_documents,
    case_rounds,
    case_services,
    once,
)
from fazhi.enforcement.services.filing import limitation_for
from fazhi.enforcement.texts import decision_summary, texts_for
from fazhi.enforcement.workflow import Outcome, Procedure
from fazhi.org.selectors import district_of
from fazhi.review.models import ReviewState
from fazhi.review.selectors import rounds_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DRAFT_NUMBER = "（文号待编，预览稿）"
PAYMENT_BANK_SETTING = "enforcement.payment_bank"


@dataclass
class Built:
    title: str
    number: str
    data: bytes
    source_id: str = ""


def issuer_name(case: Case) -> str:
    return str(get_setting("enforcement.issuer_name", body_id=case.body_id, default=case.body.name))


def _district(case: Case) -> str:
    district = district_of(case.body)
    return district.name if district is not None and district.pk != case.body_id else ""


def remedy_text(case: Case) -> str:
    """第五十九条第一款第（五）项: the ways and periods of 复议 and 诉讼."""
    district = _district(case)
    reconsideration = get_setting(
        "enforcement.reconsideration_body",
        body_id=case.body_id,
        default=f"{district}人民政府" if district else "上一级行政机关",
    )
    court = get_setting(
        "enforcement.court", body_id=case.body_id, default=f"{district}人民法院" if district else "人民法院"
    )
    return (
        f"如不服本决定，可以在收到本决定书之日起六十日内向{reconsideration}申请行政复议，"
        f"或者在六个月内依法向{court}提起行政诉讼（《中华人民共和国行政复议法》、《中华人民共和国行政诉讼法》第四十六条）。"
    )


def _party_lines(doc, case: Case) -> None:
    if case.party_kind == PartyKind.PERSON:
        gb.add_paragraph(doc, f"当事人：{case.party_name}", indent=False)
        if case.party_id_number:
            gb.add_paragraph(doc, f"身份证号码：{case.party_id_number}", indent=False)
    else:
        gb.add_paragraph(doc, f"当事人：{case.party_name}", indent=False)
        if case.party_id_number:
            gb.add_paragraph(doc, f"统一社会信用代码：{case.party_id_number}", indent=False)
        if case.party_representative:
            gb.add_paragraph(doc, f"法定代表人（负责人）：{case.party_representative}", indent=False)
    gb.add_paragraph(doc, f"住所（地址）：{case.party_address or '—'}", indent=False)


def _basis(case: Case) -> tuple[str, str]:
    version = case.power_version
    if version is None:
        return "", ""
    links = list(version.article_links.select_related("article__version__law").order_by("role", "position"))
    violated = "、".join(link.citation_display for link in links if link.role == "violated")
    penalty = "、".join(link.citation_display for link in links if link.role == "penalty")
    return violated, penalty


def _officer_names(people) -> str:
    return "、".join(p.get_full_name() or p.username for p in people)


def _filing_approval(case: Case, source_id: str) -> Built:
    if not case.filing_requested_on:
        raise InvalidTransition("案件尚未提请立案，不能生成立案审批表。")
    limitation = limitation_for(case)
    doc = gb.new_document()
    gb.add_title(doc, "立案审批表")
    gb.add_number(doc, case.number)
    gb.add_form(
        doc,
        [
            ("案由", case.title),
            ("案源", f"{case.get_source_display()}{('（' + case.reporter + '）') if case.reporter else ''}"),
            ("当事人", f"{case.party_name}（{case.get_party_kind_display()}）"),
            ("身份证号码/统一社会信用代码", case.party_id_number or "—"),
            ("地址", case.party_address or "—"),
            ("案源情况", case.description),
            ("发现地点", case.place),
            ("违法行为发生日期", gb.chinese_date(case.act_date)),
            ("发现日期", gb.chinese_date(case.discovered_on)),
            ("追责时效", f"至{gb.chinese_date(limitation.last_day)}（{limitation.citation}）"),
            ("承办人员", _officer_names(case.officers.all())),
            ("提请日期", gb.chinese_date(case.filing_requested_on)),
            ("承办人意见", case.filing_opinion or "建议立案调查。"),
            (
                "负责人审批意见",
                (
                    f"同意立案。{case.filing_approver.get_full_name()}　{gb.chinese_date(case.filed_on)}"
                    if case.filed_on
                    else "（待审批）"
                ),
            ),
        ],
    )
    return Built("立案审批表", case.number, gb.to_bytes(doc))


def _act_record(case: Case, source_id: str, kind: str) -> Built:
    acts = case.acts.prefetch_related("officers").order_by("on", "id")
    wanted = (
        [ActKind.INQUIRY]
        if kind == DocumentKind.INQUIRY_RECORD
        else [
            ActKind.INSPECTION,
            ActKind.SURVEY,
            ActKind.SAMPLING,
            ActKind.SEIZURE,
            ActKind.DEMOLITION,
            ActKind.OTHER,
        ]
    )
    acts = [a for a in acts if a.kind in wanted]
    if source_id:
        acts = [a for a in acts if str(a.pk) == str(source_id)]
    if not acts:
        raise InvalidInput("本案没有可生成该笔录的调查取证记录。", field="kind")
    act = acts[-1]
    title = "询问笔录" if kind == DocumentKind.INQUIRY_RECORD else "现场检查笔录"
    doc = gb.new_document()
    gb.add_title(doc, title)
    gb.add_labelled(doc, "案号", case.number)
    gb.add_labelled(doc, "时间", gb.chinese_date(act.on))
    gb.add_labelled(doc, "地点", act.place)
    gb.add_labelled(doc, "执法人员", _officer_names(act.officers.all()))
    gb.add_labelled(
        doc, "被询问人" if kind == DocumentKind.INQUIRY_RECORD else "当事人/在场人", act.person or case.party_name
    )
    gb.add_paragraph(
        doc,
        f"执法人员已向{'被询问人' if kind == DocumentKind.INQUIRY_RECORD else '当事人'}出示执法证件，"
        f"告知其有申请回避的权利和如实陈述的义务（{texts_for(case).cite('inquiry')}）。",
    )
    gb.add_heading(doc, f"{act.get_kind_display()}情况")
    for line in act.content.splitlines():
        if line.strip():
            gb.add_paragraph(doc, line.strip())
    sign = "以上笔录已经本人核对，与所述（所见）一致。" if act.signed else f"当事人拒绝签名：{act.refusal_note}"
    gb.add_paragraph(doc, sign)
    gb.add_paragraph(doc, "当事人（签名）：　　　　　执法人员（签名）：", indent=False)
    return Built(f"{title}（{gb.chinese_date(act.on)}）", "", gb.to_bytes(doc), str(act.pk))


def _prior_notice(case: Case, source_id: str, *, draft: bool = False) -> Built:
    if not case.notified_on and not draft:
        raise InvalidTransition("案件尚未事先告知，不能生成事先告知书。")
    if not case.proposed_on:
        raise InvalidTransition("案件尚未提出处理建议，不能生成事先告知书。")
    violated, penalty = _basis(case)
    notice_day = case.notified_on or clock.today()
    window_rule = rule_for(rules.HEARING_REQUEST if case.hearing_eligible else rules.STATEMENT, on=notice_day)
    t = texts_for(case)
    doc = gb.new_document()
    gb.add_issuer(doc, issuer_name(case))
    gb.add_title(doc, "行政处罚事先告知书")
    gb.add_number(doc, case.notice_number or DRAFT_NUMBER)
    gb.add_paragraph(doc, f"{case.party_name}：", indent=False)
    gb.add_paragraph(doc, f"经调查查明：{case.facts}")
    gb.add_paragraph(doc, f"以上事实有下列证据证明：{case.evidence_summary}")
    if violated:
        gb.add_paragraph(doc, f"{t.you}的上述行为违反了{violated}的规定。")
    lighter = f"鉴于{case.lighter_grounds}，" if case.lighter_grounds else ""
    gb.add_paragraph(
        doc,
        f"{lighter}依据{penalty or '有关规定'}，本机关拟对{t.you}作出如下行政处罚：{_penalty_text(case)}。",
    )
    period = window_rule.period(case.body_id).label
    gb.add_paragraph(
        doc,
        f"根据{t.cite('notice_rights')}的规定，{t.you}有权进行陈述和申辩。请于收到本告知书之日起{period}内"
        "向本机关提出陈述、申辩意见；逾期未提出的，视为放弃陈述和申辩的权利。",
    )
    if case.hearing_eligible:
        gb.add_paragraph(
            doc,
            f"根据{t.cite('hearing_rights')}的规定，{t.you}有要求举行听证的权利。如要求听证，应当在收到本告知书之日起"
            f"{period}内提出（{window_rule.citation}）；逾期未提出的，视为放弃听证权利。",
        )
    gb.add_paragraph(doc, f"联系地址：{case.body.name}　　联系人：{_officer_names(case.officers.all())}")
    gb.add_signature(doc, issuer_name(case), case.notified_on or notice_day)
    return Built("行政处罚事先告知书", case.notice_number, gb.to_bytes(doc))


def _penalty_text(case: Case) -> str:
    return case.decision_text or decision_summary(case)


def _hearing_notice(case: Case, source_id: str) -> Built:
    hearing = getattr(case, "hearing", None)
    if hearing is None or not hearing.notified_on:
        raise InvalidTransition("尚未发出听证通知。")
    doc = gb.new_document()
    gb.add_issuer(doc, issuer_name(case))
    gb.add_title(doc, "听证通知书")
    gb.add_number(doc, hearing.notice_number)
    gb.add_paragraph(doc, f"{case.party_name}：", indent=False)
    t = texts_for(case)
    gb.add_paragraph(
        doc,
        f"根据{t.you}于{gb.chinese_date(hearing.requested_on)}提出的听证要求，本机关定于"
        f"{gb.chinese_date(hearing.scheduled_on)}在{hearing.place}就{case.title}一案"
        f"{'公开' if hearing.public else '不公开'}举行听证。听证主持人：{hearing.presiding.get_full_name()}。",
    )
    gb.add_paragraph(
        doc,
        f"{t.you}可以亲自参加听证，也可以委托一至二人代理；认为主持人与本案有直接利害关系的，有权申请回避。"
        + (
            f"无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利（{t.cite('hearing_absent')}）。"
            if t.article("hearing_absent")
            else ""
        ),
    )
    gb.add_signature(doc, issuer_name(case), hearing.notified_on)
    return Built("听证通知书", hearing.notice_number, gb.to_bytes(doc))


def _hearing_record(case: Case, source_id: str) -> Built:
    hearing = getattr(case, "hearing", None)
    if hearing is None or not hearing.held_on:
        raise InvalidTransition("听证尚未举行。")
    doc = gb.new_document()
    gb.add_title(doc, "听证笔录")
    gb.add_labelled(doc, "案由", f"{case.number} {case.title}")
    gb.add_labelled(doc, "时间", gb.chinese_date(hearing.held_on))
    gb.add_labelled(doc, "地点", hearing.place)
    gb.add_labelled(doc, "主持人", hearing.presiding.get_full_name())
    gb.add_labelled(doc, "案件调查人员", _officer_names(case.officers.all()))
    gb.add_labelled(doc, "当事人", f"{case.party_name}{'' if hearing.party_attended else '（未到场，视为放弃听证）'}")
    gb.add_heading(doc, "听证过程")
    for line in hearing.record.splitlines():
        if line.strip():
            gb.add_paragraph(doc, line.strip())
    if hearing.presiding_opinion:
        gb.add_heading(doc, "主持人意见")
        gb.add_paragraph(doc, hearing.presiding_opinion)
    gb.add_paragraph(
        doc,
        "当事人已核对笔录并签字。" if hearing.party_signed else f"当事人未签字：{hearing.refusal_note}",
    )
    return Built("听证笔录", "", gb.to_bytes(doc))


def _review_opinion(case: Case, source_id: str) -> Built:
    rounds = [r for r in rounds_for("enforcement.case", case.pk) if r.state in (ReviewState.PASSED, ReviewState.FAILED)]
    if source_id:
        rounds = [r for r in rounds if str(r.pk) == str(source_id)]
    if not rounds:
        raise InvalidTransition("本案尚无已出具意见的法制审核。")
    review = rounds[-1]
    doc = gb.new_document()
    gb.add_title(doc, "法制审核意见书")
    gb.add_form(
        doc,
        [
            ("案号", case.number),
            ("案由", f"{case.party_name}{case.title}"),
            ("送审日期", gb.chinese_date(review.submitted_on)),
            ("审核轮次", f"第{review.round}轮"),
            ("需要审核的理由", "；".join(review.reasons)),
        ],
    )
    gb.add_heading(doc, "逐项审核意见（国办发〔2018〕118号第（十三）项）")
    gb.add_table(
        doc,
        ["审核内容", "结论", "说明"],
        [[p["text"], "符合" if p["ok"] else "存在问题", p.get("note", "")] for p in review.points],
        widths_mm=[80, 22, 54],
    )
    gb.add_heading(doc, f"审核结论：{review.get_conclusion_display()}")
    gb.add_paragraph(doc, review.opinion)
    gb.add_paragraph(doc, f"审核人员：{review.reviewer.get_full_name()}", indent=False, align="right")
    gb.add_paragraph(doc, gb.chinese_date(review.reviewed_on), indent=False, align="right")
    return Built(f"法制审核意见书（第{review.round}轮）", "", gb.to_bytes(doc), str(review.pk))


def _deliberation_record(case: Case, source_id: str) -> Built:
    rows = list(case.deliberations.order_by("held_on", "id"))
    if source_id:
        rows = [r for r in rows if str(r.pk) == str(source_id)]
    if not rows:
        raise InvalidTransition("本案尚无集体讨论记录。")
    row = rows[-1]
    doc = gb.new_document()
    gb.add_title(doc, "集体讨论记录")
    gb.add_labelled(doc, "案由", f"{case.number} {case.party_name}{case.title}")
    gb.add_labelled(doc, "时间", gb.chinese_date(row.held_on))
    gb.add_labelled(doc, "地点", row.place or case.body.name)
    gb.add_labelled(doc, "主持人", row.presider or "—")
    gb.add_labelled(doc, "记录人", row.recorder or (row.recorded_by.get_full_name() if row.recorded_by_id else "—"))
    gb.add_labelled(doc, "参加人员", "、".join(row.attendees))
    gb.add_heading(doc, "承办人汇报")
    gb.add_paragraph(
        doc,
        f"{case.facts} 处理建议：{case.get_proposed_outcome_display()}{('：' + decision_summary(case)) if case.proposed_outcome == Outcome.PENALTY else ''}。",
    )
    gb.add_heading(doc, "讨论意见（第五十七条第二款）")
    for opinion in row.opinions:
        mark = "（不同意见）" if opinion.get("dissent") else ""
        gb.add_paragraph(doc, f"{opinion['name']}{mark}：{opinion['opinion']}")
    gb.add_heading(doc, "讨论结论")
    gb.add_paragraph(doc, row.conclusion)
    gb.add_heading(doc, "参加人员签名")
    gb.add_table(doc, ["姓名", "签名"], [[name, ""] for name in row.attendees], widths_mm=[60, 96])
    gb.add_paragraph(doc, "主持人（签名）：　　　　　　　　记录人（签名）：", indent=False)
    return Built("集体讨论记录", "", gb.to_bytes(doc), str(row.pk))


def _payment_text(case: Case) -> str:
    t = texts_for(case)
    days = rule_for(rules.PAYMENT, on=case.decided_on or clock.today()).period(case.body_id).count
    bank = get_setting(PAYMENT_BANK_SETTING, body_id=case.body_id, default="本机关指定的银行")
    return (
        f"限{t.you}自收到本决定书之日起{days}日内，将罚款缴至{bank}或者通过电子支付系统缴纳（{t.cite('payment')}）。"
        f"到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额，"
        f"并可以依法申请人民法院强制执行（{t.cite('surcharge')}）。"
    )


def _decision(case: Case, source_id: str, *, draft: bool = False) -> Built:
    if not case.decided_on and not draft:
        raise InvalidTransition("案件尚未作出决定。")
    if not case.proposed_on:
        raise InvalidTransition("案件尚未提出处理建议，不能生成决定书。")
    t = texts_for(case)
    outcome = case.outcome or case.proposed_outcome
    decision_text = case.decision_text or decision_summary(case)
    violated, penalty = _basis(case)
    title = (
        "行政处罚决定书"
        if outcome == Outcome.PENALTY
        else ("移送案件决定书" if outcome == Outcome.TRANSFER else "不予行政处罚决定书")
    )
    doc = gb.new_document()
    gb.add_issuer(doc, issuer_name(case))
    gb.add_title(doc, title)
    gb.add_number(doc, case.decision_number or DRAFT_NUMBER)
    _party_lines(doc, case)  # 第五十九条第一款第（一）项
    gb.add_paragraph(
        doc,
        f"本机关于{gb.chinese_date(case.filed_on)}对{t.you}{case.title}一案立案调查，现已调查终结。",
    )
    gb.add_heading(doc, "一、违法事实和证据")  # 第（二）项
    gb.add_paragraph(doc, case.facts)
    gb.add_paragraph(doc, f"上述事实有以下证据证明：{case.evidence_summary}")
    if case.notified_on:
        statements = list(case.statements.order_by("on"))
        text = f"本机关于{gb.chinese_date(case.notified_on)}向{t.you}送达了{case.notice_number}《行政处罚事先告知书》。"
        if statements:
            text += f"{t.you}提出了陈述、申辩意见，经复核：" + "；".join(s.reply for s in statements) + "。"
        elif case.rights_waived_on:
            text += f"{t.you}明确表示放弃陈述、申辩和听证的权利。"
        else:
            text += f"{t.you}在规定期限内未提出陈述、申辩意见。"
        hearing = getattr(case, "hearing", None)
        if hearing is not None and hearing.held_on:
            text += f"本机关于{gb.chinese_date(hearing.held_on)}依法举行了听证。"
        gb.add_paragraph(doc, text)
    gb.add_heading(doc, "二、处罚种类和依据" if outcome == Outcome.PENALTY else "二、处理决定和依据")  # 第（三）项
    if outcome == Outcome.PENALTY:
        if violated:
            gb.add_paragraph(doc, f"{t.you}的上述行为违反了{violated}的规定。")
        lighter = f"鉴于{case.lighter_grounds}，" if case.lighter_grounds else ""
        gb.add_paragraph(doc, f"{lighter}依据{penalty}的规定，本机关决定对{t.you}作出如下行政处罚：{decision_text}。")
        gb.add_heading(doc, "三、履行方式和期限")  # 第（四）项
        if case.fine_amount:
            gb.add_paragraph(doc, _payment_text(case))
        else:
            gb.add_paragraph(doc, "本决定自送达之日起生效。")
    elif outcome == Outcome.MINOR_NO_PENALTY:
        gb.add_paragraph(
            doc,
            f"鉴于{case.no_penalty_ground}，依据{t.cite('minor_no_penalty')}的规定，本机关决定对{t.you}不予行政处罚，"
            f"并对{t.you}进行教育。",
        )
        gb.add_heading(doc, "三、履行方式和期限")
        gb.add_paragraph(doc, f"{t.you}应当立即改正违法行为。")
    elif outcome == Outcome.NOT_ESTABLISHED:
        gb.add_paragraph(
            doc, f"经调查，违法事实不能成立。依据{t.cite('not_established')}的规定，本机关决定不予行政处罚。"
        )
        gb.add_heading(doc, "三、履行方式和期限")
        gb.add_paragraph(doc, "本决定无需当事人履行。")
    else:
        gb.add_paragraph(
            doc,
            f"{t.you}的违法行为涉嫌犯罪，依据{t.cite('transfer')}的规定，本机关决定将案件移送司法机关。",
        )
        gb.add_heading(doc, "三、履行方式和期限")
        gb.add_paragraph(doc, "本决定自作出之日起执行。")
    gb.add_heading(doc, "四、救济途径和期限")  # 第（五）项
    gb.add_paragraph(doc, remedy_text(case))
    if outcome == Outcome.PENALTY and case.fine_amount:
        gb.add_paragraph(
            doc, f"行政复议或者行政诉讼期间，本决定不停止执行，加处罚款的数额不予计算（{t.cite('not_suspended')}）。"
        )
    gb.add_signature(doc, issuer_name(case), case.decided_on or clock.today())  # 第（六）项 and the seal
    return Built(title, case.decision_number, gb.to_bytes(doc))


def _service_receipt(case: Case, source_id: str) -> Built:
    services = list(case.services.order_by("served_on", "id"))
    if source_id:
        services = [s for s in services if str(s.pk) == str(source_id)]
    if not services:
        raise InvalidTransition("本案尚未送达。")
    service = services[-1]
    doc = gb.new_document()
    gb.add_issuer(doc, issuer_name(case))
    gb.add_title(doc, "送达回证")
    gb.add_form(
        doc,
        [
            ("送达文书名称及文号", f"行政处罚决定书 {case.decision_number}"),
            ("受送达人", case.party_name),
            ("送达地点", service.place or case.party_address or "—"),
            ("送达方式", service.get_method_display()),
            ("送达日期", gb.chinese_date(service.served_on)),
            ("签收人", service.recipient),
            ("见证人", service.witnesses or "—"),
            ("送达人", _officer_names(case.officers.all())),
            ("送达凭证", service.proof),
            ("备注", "；".join(service.warnings) or "—"),
        ],
    )
    return Built("送达回证", case.decision_number, gb.to_bytes(doc), str(service.pk))


def _closing_report(case: Case, source_id: str) -> Built:
    if not case.closed_on:
        raise InvalidTransition("案件尚未结案。")
    doc = gb.new_document()
    gb.add_title(doc, "结案报告")
    gb.add_form(
        doc,
        [
            ("案号", case.number),
            ("案由", f"{case.party_name}{case.title}"),
            ("程序", case.get_procedure_display()),
            ("立案日期", gb.chinese_date(case.filed_on)),
            ("决定书文号", case.decision_number or "—"),
            ("处理决定", f"{case.get_outcome_display()}：{case.decision_text}"),
            ("送达日期", gb.chinese_date(case.served_on) if case.served_on else "—"),
            (
                "执行情况",
                f"已缴罚款{case.paid_amount}元，加处罚款{case.surcharge_paid}元"
                + (f"；{gb.chinese_date(case.court_applied_on)}申请人民法院强制执行" if case.court_applied_on else ""),
            ),
            ("结案日期", gb.chinese_date(case.closed_on)),
            ("承办人员", _officer_names(case.officers.all())),
        ],
    )
    gb.add_heading(doc, "结案意见")
    gb.add_paragraph(doc, case.closing_report)
    return Built("结案报告", case.number, gb.to_bytes(doc))


def _case_file_index(case: Case, source_id: str) -> Built:
    index = case.archive_index or archive_index(case)
    doc = gb.new_document()
    gb.add_title(doc, "卷内目录")
    gb.add_paragraph(doc, f"案号：{case.number}　　案由：{case.party_name}{case.title}", indent=False)
    gb.add_table(
        doc,
        ["序号", "文件名称", "文号", "日期", "SM3 校验值"],
        [
            [str(row["seq"]), f"{row['title']}（{row['kind']}）", row["number"] or "—", str(row["date"]), row["sm3"]]
            for row in index
        ],
        widths_mm=[12, 52, 30, 22, 40],
    )
    gb.add_paragraph(doc, f"本卷共{len(index)}件。各文件的 SM3 校验值与审计链记录一致。", indent=False)
    return Built("卷内目录", case.number, gb.to_bytes(doc))


def _summary_decision(case: Case, source_id: str) -> Built:
    if case.procedure != Procedure.SUMMARY:
        raise InvalidTransition("只有简易程序案件有当场行政处罚决定书。")
    doc = gb.new_document()
    gb.add_issuer(doc, issuer_name(case))
    gb.add_title(doc, "当场行政处罚决定书")
    gb.add_number(doc, case.decision_number)
    _party_lines(doc, case)
    gb.add_labelled(doc, "违法行为", case.facts)
    gb.add_labelled(doc, "时间、地点", f"{gb.chinese_date(case.decided_on)}　{case.place}")
    gb.add_labelled(doc, "处罚种类和依据", case.decision_text)
    if case.fine_amount:
        gb.add_labelled(doc, "罚款数额", f"人民币{case.fine_amount}元")
        gb.add_paragraph(doc, _payment_text(case))
    gb.add_paragraph(doc, remedy_text(case))
    gb.add_labelled(doc, "执法人员（签名或盖章）", _officer_names(case.officers.all()))
    gb.add_paragraph(doc, "当事人（签收）：　　　　　　　　　　年　　月　　日", indent=False)
    gb.add_signature(doc, issuer_name(case), case.decided_on)
    return Built("当场行政处罚决定书", case.decision_number, gb.to_bytes(doc))


BUILDERS = {
    DocumentKind.FILING_APPROVAL: _filing_approval,
    DocumentKind.INQUIRY_RECORD: lambda c, s: _act_record(c, s, DocumentKind.INQUIRY_RECORD),
    DocumentKind.INSPECTION_RECORD: lambda c, s: _act_record(c, s, DocumentKind.INSPECTION_RECORD),
    DocumentKind.PRIOR_NOTICE: _prior_notice,
    DocumentKind.HEARING_NOTICE: _hearing_notice,
    DocumentKind.HEARING_RECORD: _hearing_record,
    DocumentKind.REVIEW_OPINION: _review_opinion,
    DocumentKind.DELIBERATION_RECORD: _deliberation_record,
    DocumentKind.DECISION: _decision,
    DocumentKind.SERVICE_RECEIPT: _service_receipt,
    DocumentKind.CLOSING_REPORT: _closing_report,
    DocumentKind.CASE_FILE_INDEX: _case_file_index,
    DocumentKind.SUMMARY_DECISION: _summary_decision,
}


DRAFTABLE = {DocumentKind.PRIOR_NOTICE, DocumentKind.DECISION}


def build(case: Case, kind: str, source_id: str = "", *, draft: bool = False) -> Built:
    """Build one document from the record. ``draft``: a preview before the step that issues it (the 事先告知书
    before 事先告知, the 决定书 before 作出决定) — no number yet, marked 预览稿, never stored."""
    if kind not in BUILDERS:
        raise InvalidInput("未知的文书种类。", field="kind")
    if draft:
        if kind not in DRAFTABLE:
            raise InvalidInput("该文书不提供预览稿。", field="kind")
        return BUILDERS[kind](case, str(source_id or ""), draft=True)
    return BUILDERS[kind](case, str(source_id or ""))


def build_and_store(*, case: Case, kind: str, actor, source_id: str = "") -> tuple[CaseDocument, StoredFile]:
    """Generate a document and store it by hash (call inside the step's transaction, which writes the chain)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("build_and_store 应在办案步骤的事务中调用。")
    built = build(case, kind, source_id)
    stored = store_bytes(
        built.data,
        folder="enforcement/documents",
        ext=".docx",
        content_type=DOCX,
        original_name=file_name(built.title, built.number),
    )
    doc = CaseDocument.objects.create(
        case=case,
        kind=kind,
        source_id=built.source_id,
        number=built.number,
        title=built.title,
        file_name=stored.name,
        size=stored.size,
        sm3=stored.sm3,
        generated_by=actor,
    )
    return doc, stored


def available_kinds(case: Case) -> list[tuple[str, str]]:
    """The documents the record already supports (for the case page's "generate" menu)."""
    return once(case, "available_kinds", lambda: _available_kinds(case))


def _available_kinds(case: Case) -> list[tuple[str, str]]:
    kinds = []
    hearing = getattr(case, "hearing", None)
    acts = case_acts(case)
    checks = {
        DocumentKind.FILING_APPROVAL: bool(case.filing_requested_on),
        DocumentKind.INQUIRY_RECORD: any(a.kind == ActKind.INQUIRY for a in acts),
        DocumentKind.INSPECTION_RECORD: any(a.kind not in (ActKind.INQUIRY, ActKind.PRESERVATION) for a in acts),
        DocumentKind.PRIOR_NOTICE: bool(case.notified_on),
        DocumentKind.HEARING_NOTICE: bool(hearing and hearing.notified_on),
        DocumentKind.HEARING_RECORD: bool(hearing and hearing.held_on),
        DocumentKind.REVIEW_OPINION: _has_review_opinion(case),
        DocumentKind.DELIBERATION_RECORD: bool(case_deliberations(case)),
        DocumentKind.DECISION: bool(case.decided_on) and case.procedure == Procedure.ORDINARY,
        DocumentKind.SERVICE_RECEIPT: bool(case_services(case)) and case.procedure == Procedure.ORDINARY,
        DocumentKind.CLOSING_REPORT: bool(case.closed_on),
        DocumentKind.CASE_FILE_INDEX: bool(case.closed_on),
        DocumentKind.SUMMARY_DECISION: case.procedure == Procedure.SUMMARY,
    }
    for kind, ok in checks.items():
        if ok:
            kinds.append((kind.value, kind.label))
    return kinds


def _has_review_opinion(case: Case) -> bool:
    return any(r.state in (ReviewState.PASSED, ReviewState.FAILED) for r in case_rounds(case))


def archive_index(case: Case) -> list[dict]:
    """卷内目录: every document and evidence item with its hash, in procedural order (by date, documents first)."""
    rows = []
    for doc in current_documents(case):
        rows.append(
            {
                "kind": "文书",
                "title": doc.title,
                "number": doc.number,
                "date": timezone.localtime(doc.generated_at).date().isoformat(),
                "file": doc.file_name,
                "sm3": doc.sm3,
            }
        )
    for ev in case.evidence.order_by("collected_on", "id"):
        rows.append(
            {
                "kind": f"证据（{ev.get_kind_display()}）",
                "title": ev.title,
                "number": "",
                "date": ev.collected_on.isoformat(),
                "file": ev.file_name,
                "sm3": ev.sm3,
            }
        )
    rows.sort(key=lambda r: (r["date"], 0 if r["kind"] == "文书" else 1))
    return [{"seq": i, **row} for i, row in enumerate(rows, start=1)]


def file_name(title: str, number: str = "") -> str:
    """The one naming scheme of a case document: 文书名-文号.docx (文书名.docx when it has no number)."""
    return f"{title}-{number}.docx" if number else f"{title}.docx"


def current_documents(case: Case) -> list[CaseDocument]:
    """The file as it stands: the newest document of each (kind, record) — a regenerated document replaces the one
    listed before it (every version stays on the chain)."""
    latest: dict[tuple[str, str], CaseDocument] = {}
    for doc in case_documents(case):  # oldest first (the model's ordering)
        latest[(doc.kind, doc.source_id)] = doc
    return sorted(latest.values(), key=lambda d: (d.generated_at, d.id))


@dataclass(frozen=True)
class Required:
    kind: str
    source_id: str
    label: str


def required_documents(case: Case, *, for_archive: bool = False) -> list[Required]:
    """What the file must hold (国办发〔2018〕118号 第（九）项: 全过程记录、立卷归档), from what the record says happened."""
    if case.procedure == Procedure.SUMMARY:
        return [Required(DocumentKind.SUMMARY_DECISION, "", "当场行政处罚决定书")]
    rows = []
    if case.filing_requested_on:
        rows.append(Required(DocumentKind.FILING_APPROVAL, "", "立案审批表"))
    for act in case_acts(case):  # by date (the model's ordering)
        if act.kind == ActKind.PRESERVATION:
            continue
        kind = DocumentKind.INQUIRY_RECORD if act.kind == ActKind.INQUIRY else DocumentKind.INSPECTION_RECORD
        rows.append(Required(kind, str(act.pk), f"{DocumentKind(kind).label}（{act.on:%Y-%m-%d}）"))
    if case.notified_on:
        rows.append(Required(DocumentKind.PRIOR_NOTICE, "", "行政处罚事先告知书"))
    hearing = getattr(case, "hearing", None)
    if hearing is not None and hearing.notified_on:
        rows.append(Required(DocumentKind.HEARING_NOTICE, "", "听证通知书"))
    if hearing is not None and hearing.held_on:
        rows.append(Required(DocumentKind.HEARING_RECORD, "", "听证笔录"))
    for review in case_rounds(case):
        if review.state in (ReviewState.PASSED, ReviewState.FAILED):
            rows.append(Required(DocumentKind.REVIEW_OPINION, str(review.pk), f"法制审核意见书（第{review.round}轮）"))
    for row in case_deliberations(case):
        rows.append(Required(DocumentKind.DELIBERATION_RECORD, str(row.pk), f"集体讨论记录（{row.held_on:%Y-%m-%d}）"))
    if case.decided_on:
        rows.append(Required(DocumentKind.DECISION, "", "处理决定书"))
    for service in case_services(case):
        rows.append(
            Required(DocumentKind.SERVICE_RECEIPT, str(service.pk), f"送达回证（{service.served_on:%Y-%m-%d}）")
        )
    if for_archive:
        rows.append(Required(DocumentKind.CLOSING_REPORT, "", "结案报告"))
    return rows


def missing_documents(case: Case, *, for_archive: bool = False) -> list[Required]:
    return list(once(case, ("missing_documents", for_archive), lambda: _missing_documents(case, for_archive)))


def _missing_documents(case: Case, for_archive: bool) -> list[Required]:
    have = {(d.kind, d.source_id) for d in case_documents(case)}
    have_kinds = {kind for kind, _source in have}
    missing = []
    for req in required_documents(case, for_archive=for_archive):
        # A document tied to one record (a 笔录, a round, a service) must exist for that record; the others once.
        ok = (req.kind, req.source_id) in have if req.source_id else req.kind in have_kinds
        if not ok:
            missing.append(req)
    return missing


def incomplete_file(case: Case, *, for_archive: bool = False, doing: str = "结案") -> str | None:
    """The refusal when the file lacks a document the record calls for (None when it is complete)."""
    missing = missing_documents(case, for_archive=for_archive)
    if not missing:
        return None
    names = "、".join(r.label for r in missing)
    return (
        f"案卷不完整，缺少：{names}。请先在“生成文书”中生成后再{doing}"
        f"（国办发〔2018〕118号第（九）项：执法全过程记录，立卷归档）。"
    )


def issue_in_step(step, *, kind: str, actor, source_id: str = "") -> CaseDocument:
    """Generate and store a document inside the step that serves or issues it (事先告知 serves the 告知书, 作出决定
    issues the 决定书): the step's chain entry carries the file's hash, so "served" always means "generated"."""
    case = step.obj
    if step.fields:
        case.save(update_fields=list(step.fields))  # the document reads the record as the step has changed it
    doc, stored = build_and_store(case=case, kind=kind, actor=actor, source_id=source_id)
    step.file(stored)
    step.note(document={"id": doc.pk, "kind": kind, "title": doc.title, "number": doc.number})
    return doc
