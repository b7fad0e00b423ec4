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
    # The second missing_documents reads nothing; available_kinds reads once: acts ×2, deliberations, services (the
    # review rounds are kept from missing_documents).
    assert len(again.captured_queries) == 4
    assert "立案审批表" in [r.label for r in first]


def test_after_drawing_a_generated_document_is_no_longer_missing(w):
    case = case_at(w, "executed")
    with page_reads.drawing(case):
        assert documents.missing_documents(case)
    services.generate_missing_documents(actor=w.officer1, case=case)
    assert documents.missing_documents(case) == []  # read afresh: nothing kept from the drawing
    assert not hasattr(case, "_fazhi_page_reads")
