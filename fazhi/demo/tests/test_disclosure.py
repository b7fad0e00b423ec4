from fazhi.core.models import Deadline, DeadlineState
from fazhi.demo.disclosure import disclosure_step
from fazhi.demo.org import org_step
from fazhi.disclosure import reports
from fazhi.disclosure.models import AnnualReport, CatalogueEntry, DisclosureRequest, ReportState


def test_demo_builds_2019_with_a_published_report_and_is_idempotent(db):
    lines = []
    org_step(lines.append)
    disclosure_step(lines.append)
    assert DisclosureRequest.objects.count() == 30
    assert set(DisclosureRequest.objects.values_list("channel", flat=True)) == {
        "online",
        "in_person",
        "registered_post",
        "ordinary_post",
        "fax",
        "oral",
    }
    assert DisclosureRequest.objects.filter(status="abandoned").count() == 1
    report = AnnualReport.objects.get(year=2019)
    assert report.state == ReportState.PUBLISHED
    table = report.snapshot["tables"]["applications"]
    values = {r["key"]: r["values"] for r in table["rows"]}
    assert values["new"][-1] == 30
    assert values["handled"][-1] == 28
    assert values["carried_forward"][-1] == 2
    assert values["other.no_correction"][-1] == 1
    assert not reports.build_report(report).failures
    assert CatalogueEntry.objects.count() == 12
    # Nothing of the demo is shown as an open, overdue answer: every answer clock ended.
    answer_clocks = Deadline.objects.filter(rule_key="disclosure.answer")
    assert answer_clocks.count() == 30
    assert not answer_clocks.filter(state__in=[DeadlineState.OPEN, DeadlineState.PAUSED]).exists()
    disclosure_step(lines.append)
    assert DisclosureRequest.objects.count() == 30
    assert "已存在" in lines[-1]
