"""While the case page is drawn, the questions its steps share are answered once; outside that block — where the
services work — every question reads the database again, so a write is never checked against a kept answer."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.enforcement import documents, page_reads, services
from fazhi.enforcement.tests.factories import case_at


def test_while_drawing_the_missing_documents_are_read_once(w):
    case = case_at(w, "executed")
    with page_reads.drawing(case):
        first = documents.missing_documents(case)
        with CaptureQueriesContext(connection) as again:
            assert documents.missing_documents(case) == first
            documents.available_kinds(case)
            documents.available_kinds(case)
    # The second missing_documents reads nothing, and available_kinds asks only what missing_documents already read
    # (the acts, deliberations, services and review rounds are kept).
    assert len(again.captured_queries) == 0
    assert "立案审批表" in [r.label for r in first]


def test_the_case_page_reads_each_of_the_cases_lists_once(w, client):
    case = case_at(w, "executed")
    client.force_login(w.officer1)
    with CaptureQueriesContext(connection) as page:
        assert client.get(f"/cases/{case.pk}/").status_code == 200
    for table in ("investigationact", "deliberation", "service", "casedocument"):
        reads = [q for q in page.captured_queries if q["sql"].startswith(f'SELECT "enforcement_{table}"."id"')]
        assert len(reads) == 1, (table, [q["sql"][:120] for q in reads])
    own_deadline_reads = [q for q in page.captured_queries if q["sql"].startswith('SELECT "core_deadline"."id"')]
    assert len(own_deadline_reads) == 1  # the page's table with its parts; the steps' own rows are taken from it
    # 重大执法决定法制审核目录: asked by the page and by the steps that depend on review (决定, 法律顾问意见 …).
    catalogue_reads = [q for q in page.captured_queries if q["sql"].startswith('SELECT "review_catalogueentry"."id"')]
    assert len(catalogue_reads) == 1


def test_outside_drawing_the_review_reasons_read_the_catalogue_afresh(w):
    from fazhi.review.catalogue import add_entry

    case = case_at(w, "proposed")
    assert not any("一切罚款案件" in reason for reason in services.review_reasons(case))
    add_entry(actor=w.leader, body=w.town, name="一切罚款案件", min_amount=1)  # the case proposes 600 yuan
    assert any("一切罚款案件" in reason for reason in services.review_reasons(case))  # not a kept answer


def test_the_steps_own_deadlines_taken_from_the_page_table_are_the_cases_own_rows_in_id_order(w):
    from fazhi.core import deadlines
    from fazhi.enforcement import selectors

    case = case_at(w, "executed")
    own = list(deadlines.of_subject(case))
    assert own  # an executed case has had its own clocks (filing, decision, payment …)
    with page_reads.drawing(case):
        table = selectors.case_deadlines(case)
        assert page_reads.own_deadlines(case) == own
        assert len(table) >= len(own)
    with page_reads.drawing(case):  # a step posted without the table: the rows are read on their own
        assert page_reads.own_deadlines(case) == own


def test_after_drawing_a_generated_document_is_no_longer_missing(w):
    case = case_at(w, "executed")
    with page_reads.drawing(case):
        assert documents.missing_documents(case)
    services.generate_missing_documents(actor=w.officer1, case=case)
    assert documents.missing_documents(case) == []  # read afresh: nothing kept from the drawing
    assert not hasattr(case, "_fazhi_page_reads")
