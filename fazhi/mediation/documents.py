"""The 人民调解协议书 (.docx, GB/T 9704 layout through core.documents) with the content of 人民调解法 第二十九条:
(一) 当事人的基本情况; (二) 纠纷的主要事实、争议事项以及各方当事人的责任; (三) 达成协议的内容，履行的方式、期限;
then the signatures of the parties and the mediator, the committee's seal, and the copies (one per party + one kept).
It is made on request from the stored agreement, so it always shows what the file holds."""

from __future__ import annotations

from fazhi.core import documents as doc_
from fazhi.mediation.models import Agreement


def agreement_docx(agreement: Agreement) -> bytes:
    dispute = agreement.dispute
    committee = dispute.committee
    doc = doc_.new_document()
    doc_.add_title(doc, "人民调解协议书")
    doc_.add_number(doc, agreement.number)
    doc_.add_heading(doc, "一、当事人的基本情况")
    for party in dispute.parties.all():
        details = "，".join(
            x for x in (party.name, f"身份证件号码 {party.id_number}" if party.id_number else "",
                        f"住址 {party.address}" if party.address else "",
                        f"联系电话 {party.phone}" if party.phone else "") if x
        )  # fmt: skip
        doc_.add_labelled(doc, f"{party.get_side_display()}：", details)
    doc_.add_heading(doc, "二、纠纷的主要事实、争议事项以及各方当事人的责任")
    doc_.add_paragraphs(doc, agreement.facts)
    doc_.add_paragraphs(doc, agreement.responsibilities)
    doc_.add_heading(doc, "三、达成协议的内容，履行的方式、期限")
    doc_.add_paragraphs(doc, agreement.terms)
    doc_.add_labelled(doc, "履行方式：", agreement.performance_method)
    doc_.add_labelled(doc, "履行期限：", doc_.chinese_date(agreement.performance_due))
    if agreement.performance_place:
        doc_.add_labelled(doc, "履行地点：", agreement.performance_place)
    doc_.add_paragraph(
        doc,
        "本协议经各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效，具有法律约束力，"
        "当事人应当按照约定履行（《中华人民共和国人民调解法》第二十九条、第三十一条）。双方当事人可以自本协议生效之日起"
        "三十日内共同向人民法院申请司法确认（第三十三条）。",
    )
    doc_.add_paragraph(doc, f"本协议一式{agreement.copies}份，当事人各执一份，人民调解委员会留存一份。")
    for party in dispute.parties.all():
        doc_.add_paragraph(doc, f"{party.get_side_display()}（签名、盖章或按指印）：", indent=False)
    doc_.add_paragraph(doc, f"人民调解员（签名）：{dispute.mediator.name if dispute.mediator else ''}", indent=False)
    doc_.add_signature(
        doc, committee.name if committee else "", agreement.effective_on, seal_note="（人民调解委员会印章）"
    )
    return doc_.to_bytes(doc)
