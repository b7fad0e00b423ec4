from fazhi.core.models import Deadline, DeadlineState
from fazhi.demo.disclosure import disclosure_step
from fazhi.demo.org import org_step
from fazhi.disclosure import reports, rules
from fazhi.disclosure.models import AnnualReport, CatalogueEntry, DisclosureRequest, ReasonsInquiry, ReportState


def test_demo_builds_2019_with_a_published_report_and_is_idempotent(db):
    lines = []
    org_step(lines.append)
    disclosure_step(lines.append)
    assert DisclosureRequest.objects.count() == 34
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
    # Published 2020-01-20, by the 31 January of 第四十九条.
    published = Deadline.objects.get(rule_key="disclosure.annual_report")
    assert (published.due_date.isoformat(), published.state) == ("2020-01-31", DeadlineState.MET)
    table = report.snapshot["tables"]["applications"]
    values = {r["key"]: r["values"] for r in table["rows"]}
    assert values["new"][-1] == 34
    assert values["handled"][-1] == 32
    assert values["carried_forward"][-1] == 2
    assert values["other.no_correction"][-1] == 1
    assert not reports.build_report(report).failures
    assert CatalogueEntry.objects.count() == 12
    # Both texts of the 条例: two requests received before 2019-05-15 ran on the 2007 text's 15 working days.
    old_text = [r for r in DisclosureRequest.objects.all() if rules.under_2007_text(r)]
    assert len(old_text) == 2
    assert {
        d.period
        for d in Deadline.objects.filter(rule_key="disclosure.answer", subject_id__in=[str(r.pk) for r in old_text])
    } == {"15wd"}
    # Article 34 (an agency's silence as consent) and article 35 (不予处理 and a later answer date) are shown.
    assert Deadline.objects.filter(rule_key="disclosure.agency_reply").count() == 1
    assert values["not_processed.excessive"][-1] == 1
    assert ReasonsInquiry.objects.filter(delayed_to__isnull=False).count() == 1
    # Nothing of the demo is shown as an open, overdue answer: every answer clock ended.
    answer_clocks = Deadline.objects.filter(rule_key="disclosure.answer")
    assert answer_clocks.count() == 34
    assert not answer_clocks.filter(state__in=[DeadlineState.OPEN, DeadlineState.PAUSED]).exists()
    assert not Deadline.objects.filter(rule_key="disclosure.delayed_answer", state=DeadlineState.OPEN).exists()
    disclosure_step(lines.append)
    assert DisclosureRequest.objects.count() == 34
    assert "已存在" in lines[-1]
