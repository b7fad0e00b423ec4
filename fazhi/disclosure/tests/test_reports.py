import io
import zipfile
from datetime import date

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook

from fazhi.audit.models import ChainEntry
from fazhi.disclosure import letters, reports, services
from fazhi.disclosure.errors import InvalidTransition, ReportCheckFailed
from fazhi.disclosure.models import (
    ApplicantType,
    CatalogueCategory,
    DisclosureRequest,
    RemedyKind,
    RemedyResult,
    ReportState,
)
from fazhi.disclosure.tests import factories as f


def row(table, key):
    return next(r for r in table["rows"] if r["key"] == key)["values"]


def answered(world, outcome, *, on=date(2019, 10, 8), applicant_type=ApplicantType.NATURAL, reasons="依法说明理由"):
    extra = {"contact_person": "联系人"} if applicant_type != ApplicantType.NATURAL else {}
    req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20), applicant_type=applicant_type, **extra)
    services.answer_request(actor=world.clerk, request=req, on=on, outcome=outcome, content="答复内容", reasons=reasons)
    return req


@pytest.fixture
def year_2019(world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        answered(world, "disclosed.provided")
        answered(world, "disclosed.published", applicant_type=ApplicantType.BUSINESS)
        answered(world, "partial")
        answered(world, "withheld.process_info")
        answered(world, "unable.not_exist")
        answered(world, "unable.not_ours", applicant_type=ApplicantType.LEGAL_SERVICE)
        answered(world, "not_processed.petition")
        abandoned = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
        services.request_correction(
            actor=world.clerk, request=abandoned, on=date(2019, 9, 23), items="补充", due_on=date(2019, 10, 15)
        )
        services.mark_abandoned(actor=world.clerk, request=abandoned, on=date(2019, 10, 16))
        # Received in December, still open at the year's end: carried forward.
        f.request(world.clerk, world.town, submitted_on=date(2019, 12, 20))
        # Another town's request never counts here.
        f.request(world.outsider, world.other_town, submitted_on=date(2019, 9, 20))
        report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    return report


def test_table_three_counts_every_outcome_in_its_row_and_column(year_2019):
    built = reports.build_report(year_2019)
    table = built.tables["applications"]
    columns = [c["key"] for c in table["columns"]]
    assert columns == ["natural", "business", "research", "public_interest", "legal_service", "other", "total"]
    assert row(table, "new") == [7, 1, 0, 0, 1, 0, 9]
    assert row(table, "carried_over") == [0] * 7
    assert row(table, "disclosed") == [1, 1, 0, 0, 0, 0, 2]
    assert row(table, "partial")[-1] == 1
    assert row(table, "withheld.process_info")[-1] == 1
    assert row(table, "withheld")[-1] == 1
    assert row(table, "unable.not_held") == [1, 0, 0, 0, 1, 0, 2]
    assert row(table, "not_processed.petition")[-1] == 1
    assert row(table, "other.no_correction")[-1] == 1
    assert row(table, "handled") == [6, 1, 0, 0, 1, 0, 8]
    assert row(table, "carried_forward") == [1, 0, 0, 0, 0, 0, 1]
    assert built.failures == []


def test_table_three_has_every_row_of_the_2021_format():
    layout = reports.load_layout(2021)
    labels = [r["label"] for r in layout["tables"]["applications"]["rows"]]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert "8.属于行政查询事项" in labels
    assert "5.要求行政机关确认或重新出具已获取信息" in labels
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in labels
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert len(labels) == 30
    assert reports.validate_layout(layout) == []


def test_requests_still_open_at_the_year_end_are_carried_into_the_next_year(world, year_2019):
    with time_machine.travel("2020-03-01 10:00 +0800", tick=False):
        open_one = DisclosureRequest.objects.get(body=world.town, closed_on__isnull=True)
        services.answer_request(
            actor=world.clerk, request=open_one, on=date(2020, 1, 10), outcome="disclosed.provided", content="x"
        )
        report = services.create_report(actor=world.clerk, body=world.town, year=2020)
        table = reports.build_report(report).tables["applications"]
    assert row(table, "carried_over")[-1] == 1
    assert row(table, "new")[-1] == 0
    assert row(table, "handled")[-1] == 1
    assert row(table, "carried_forward")[-1] == 0


def test_report_that_does_not_add_up_is_refused_showing_the_failing_cells(world, year_2019):
    # Corrupt one record behind the services' back: closed in 2019 but "received" in 2020.
    req = DisclosureRequest.objects.filter(body=world.town, outcome="partial").get()
    DisclosureRequest.objects.filter(pk=req.pk).update(received_on=date(2020, 1, 3))
    built = reports.build_report(year_2019)
    assert [f["column"] for f in built.failures] == ["natural", "total"]
    with time_machine.travel("2020-01-20 10:00 +0800", tick=False):
        with pytest.raises(ReportCheckFailed) as err:
            services.publish_report(actor=world.clerk, report=year_2019)
    assert "自然人" in err.value.message and "第一项" in err.value.message
    year_2019.refresh_from_db()
    assert year_2019.state == ReportState.DRAFT
    assert not ChainEntry.objects.filter(event="disclosure.report_published").exists()


def test_publishing_freezes_the_tables_and_locks_the_narrative(world, year_2019):
    with time_machine.travel("2020-01-20 10:00 +0800", tick=False):
        services.edit_report(
            actor=world.clerk,
            report=year_2019,
            narrative={"overview": "本年度，辛口镇认真贯彻落实《条例》。"},
            inputs={"proactive.coercion": "12"},
        )
        services.publish_report(actor=world.clerk, report=year_2019)
        year_2019.refresh_from_db()
        assert year_2019.state == ReportState.PUBLISHED
        assert year_2019.snapshot["tables"]["applications"]["rows"][0]["values"][-1] == 9
        with pytest.raises(InvalidTransition):
            services.edit_report(actor=world.clerk, report=year_2019, narrative={"overview": "改"})


def test_table_two_counts_catalogue_documents_and_takes_entered_figures(world, monkeypatch):
    # Without an app registered for the 行政规范性文件 row (normative registers its register), the catalogue counts.
    for key in ("normative.issued", "normative.repealed", "normative.in_force"):
        monkeypatch.delitem(reports.RECORD_SOURCES, key, raising=False)
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        doc = services.add_catalogue_entry(
            actor=world.clerk,
            body=world.town,
            title="关于规范农村宅基地审批的通知",
            summary="规范性文件",
            generated_on=date(2019, 6, 3),
            category=CatalogueCategory.A20_1,
            document_number="辛口政发〔2019〕3号",
        )
        services.publish_catalogue_entry(actor=world.clerk, entry=doc, on=date(2019, 6, 10))
        report = services.create_report(actor=world.clerk, body=world.town, year=2019)
        report = services.edit_report(actor=world.clerk, report=report, inputs={"proactive.fees_10k_yuan": "0.5"})
        table = reports.build_report(report).tables["proactive"]
    normative = table["groups"][0]["rows"][1]
    assert normative["label"] == "行政规范性文件"
    assert [c["value"] for c in normative["cells"]] == [1, 0, 1]
    assert table["groups"][3]["rows"][0]["cells"][0]["value"] == "0.5"


def _penalty_case(body, user, *, decided_on, outcome="penalty", procedure="ordinary", n=1):
    from fazhi.enforcement.models import Case

    return Case.objects.create(
        body=body,
        procedure=procedure,
        status="decided",
        source="patrol",
        title="露天焚烧秸秆",
        description="巡查发现",
        place="某村",
        discovered_on=decided_on,
        act_date=decided_on,
        registered_by=user,
        party_kind="person",
        party_name="孙某某",
        number=f"辛口罚〔{decided_on.year}〕{n}号",
        outcome=outcome,
        decided_on=decided_on,
    )


def _penalty_cell(report):
    table = reports.build_report(report).tables["proactive"]
    group = next(g for g in table["groups"] if g["title"] == "第二十条第（六）项")
    return {r["label"]: r["cells"][0] for r in group["rows"]}


def test_table_two_penalties_are_counted_from_the_cases_decided_in_the_year(world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        report = services.create_report(actor=world.clerk, body=world.town, year=2019)
        report = services.edit_report(actor=world.clerk, report=report, inputs={"proactive.coercion": "2"})
    assert _penalty_cell(report)["行政处罚"]["value"] == 0
    _penalty_case(world.town, world.clerk, decided_on=date(2019, 5, 6), n=1)
    _penalty_case(world.town, world.clerk, decided_on=date(2019, 7, 1), procedure="summary", n=2)
    # Not counted: decided not to penalise, decided in another year.
    _penalty_case(world.town, world.clerk, decided_on=date(2019, 8, 1), outcome="minor", n=3)
    _penalty_case(world.town, world.clerk, decided_on=date(2018, 12, 31), n=4)
    cells = _penalty_cell(report)
    assert cells["行政处罚"]["value"] == 2
    assert cells["行政处罚"]["source"] == "执法案件"
    assert "input" not in cells["行政处罚"]
    assert cells["行政强制"] == {"value": 2, "source": "填报", "input": "proactive.coercion"}
    assert "proactive.penalties" not in reports.input_cells(reports.load_layout(2021))


def test_table_two_penalties_leave_out_another_towns_cases(world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        report = services.create_report(actor=world.clerk, body=world.town, year=2019)
    _penalty_case(world.other_town, world.outsider, decided_on=date(2019, 5, 6))
    assert _penalty_cell(report)["行政处罚"]["value"] == 0


def test_table_four_counts_reviews_and_lawsuits_by_result(world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        review = services.record_remedy(
            actor=world.clerk, body=world.town, kind=RemedyKind.REVIEW, filed_on=date(2019, 8, 1)
        )
        services.conclude_remedy(actor=world.clerk, remedy=review, result=RemedyResult.MAINTAINED, on=date(2019, 9, 30))
        services.record_remedy(
            actor=world.clerk, body=world.town, kind=RemedyKind.LAWSUIT_DIRECT, filed_on=date(2019, 11, 1)
        )
        report = services.create_report(actor=world.clerk, body=world.town, year=2019)
        table = reports.build_report(report).tables["remedies"]
    values = {g["key"]: g["values"] for g in table["groups"]}
    assert values["review"] == [1, 0, 0, 0, 1]
    assert values["lawsuit_direct"] == [0, 0, 0, 1, 1]
    assert values["lawsuit_after_review"] == [0, 0, 0, 0, 0]


def test_report_exports_as_docx_in_the_official_layout_and_as_xlsx(year_2019):
    built = reports.build_report(year_2019)
    doc = Document(io.BytesIO(letters.report_docx(built)))
    section = doc.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.bottom_margin.mm) == 35
    assert round(section.left_margin.mm) == 28 and round(section.right_margin.mm) == 26
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "辛口镇人民政府2019年政府信息公开工作年度报告" in text
    assert "三、收到和处理政府信息公开申请情况" in text
    assert any("（七）总计" in c.text for t in doc.tables for r in t.rows for c in r.cells)
    wb = load_workbook(io.BytesIO(letters.report_xlsx(built)))
    sheet = wb["三、依申请公开"]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert ["一、本年新收政府信息公开申请数量", 7, 1, 0, 0, 1, 0, 9] in values


def test_reply_letter_has_legal_basis_remedies_and_gbt9704_fonts(world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
        services.extend_answer(
            actor=world.clerk,
            request=req,
            on=date(2019, 10, 18),
            days=10,
            reason="需调取档案",
            approver=world.leader,
            notified_on=date(2019, 10, 18),
        )
        answer = services.answer_request(
            actor=world.clerk,
            request=req,
            on=date(2019, 10, 30),
            outcome="withheld.process_info",
            content="不予公开。",
            reasons="所申请信息属于过程性信息。",
        )
    data = letters.reply_letter_docx(answer)
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "政府信息公开申请答复书" in text
    assert "第三十六条第（三）项、第十六条第二款" in text
    assert "60日内向西青区人民政府申请行政复议" in text and "6个月内向人民法院提起行政诉讼" in text
    assert "延长答复期限10个工作日" in text
    assert answer.letter_number in text
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:eastAsia="方正小标宋简体"' in xml and 'w:sz w:val="44"' in xml  # 二号 = 22 pt
    assert 'w:eastAsia="仿宋_GB2312"' in xml and 'w:sz w:val="32"' in xml  # 三号 = 16 pt
