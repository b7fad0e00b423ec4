"""执法检查 records (schema v2): a 双随机 task walked from its draw to its published results exports one record per
drawn object, a version for each step that changed it, every one conforming to v2 and none carrying the object's
address, representative or raw findings (ADR 0062, ADR 0067)."""

from datetime import date

import pytest

from fazhi.audit.selectors import entries_for_subject
from fazhi.exchange import schema
from fazhi.exchange.models import OutboxEvent
from fazhi.inspection import services
from fazhi.inspection.models import Result, TaskObject
from fazhi.inspection.tests import conftest as _inspection

# The inspection app's fixtures (2019 on the clock, its laws, 辛口镇's team with a task), by their own names.
in_2019, laws, town, task = _inspection.in_2019, _inspection.laws, _inspection.town, _inspection.task

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


def _walk(town, task):
    services.fix_seed(actor=town.leader, task=task, on=date(2019, 4, 2), seed="2019-04-02 公开摇号 7 31 12")
    services.draw(actor=town.leader, task=task, on=date(2019, 4, 3))
    rows = list(TaskObject.objects.filter(task=task).select_related("target").order_by("stratum", "order"))
    services.record_result(actor=town.leader, task_object=rows[0], on=date(2019, 4, 10), result=Result.CASE,
                           findings=f"年度报告公示的从业人数与实际不符，经营者联系电话{PHONE}。",
                           case_title="企业年度报告隐瞒真实情况")  # fmt: skip
    for row in rows[1:]:
        services.record_result(actor=town.leader, task_object=row, on=date(2019, 4, 11), result=Result.PASSED,
                               findings="未发现问题。")  # fmt: skip
    services.complete(actor=town.leader, task=task, on=date(2019, 4, 12))
    services.publish(actor=town.leader, task=task, on=date(2019, 4, 20))
    return rows


def _versions(row):
    return list(OutboxEvent.objects.filter(record_id=f"inspection.taskobject:{row.pk}").order_by("version"))


def test_each_drawn_object_has_a_version_per_step_that_changed_it(town, task):
    rows = _walk(town, task)
    assert len(rows) >= 2
    task_seqs = {
        e.event: e.seq for e in entries_for_subject("inspection.task", task.pk) if e.event.startswith("inspection.")
    }
    for row in rows:
        (recorded,) = entries_for_subject("inspection.taskobject", row.pk)
        versions = _versions(row)
        # 抽取 (the object is drawn), 登记检查结果 (its own entry), 检查完毕, 公示: four versions, at those entries' seqs.
        assert [v.version for v in versions] == [
            task_seqs["inspection.drawn"], recorded.seq, task_seqs["inspection.completed"],
            task_seqs["inspection.published"],
        ]  # fmt: skip
        assert [v.record["data"]["task_status"] for v in versions] == ["drawn", "drawn", "completed", "published"]
        assert versions[0].record["data"]["result"] == "pending" and versions[0].record["data"]["inspected_on"] is None
        assert all(v.record_type == "inspection" and v.body_id == town.team.pk for v in versions)


def test_the_published_version_carries_the_result_and_only_the_redacted_findings(town, task):
    rows = _walk(town, task)
    found = _versions(rows[0])
    last = found[-1].record["data"]
    assert last["result"] == "case"
    assert last["inspected_on"] == "2019-04-10"
    assert (last["drawn_on"], last["completed_on"], last["published_on"]) == ("2019-04-03", "2019-04-12", "2019-04-20")
    assert last["credit_code"] == rows[0].target.credit_code
    assert last["object_name"] == rows[0].target.name
    rows[0].refresh_from_db()
    assert last["case_record_id"] == f"enforcement.case:{rows[0].case_id}"
    assert "年度报告" in last["public_findings"] and PHONE not in last["public_findings"]
    # Before publication the findings do not leave the instance at all.
    assert all(v.record["data"]["public_findings"] == "" for v in found[:-1])
    passed = _versions(rows[1])[-1].record["data"]
    assert passed["result"] == "passed" and passed["case_record_id"] is None


def test_every_record_of_the_walk_conforms_to_v2_and_names_no_address_or_representative(town, task):
    rows = _walk(town, task)
    records = [r.record for r in OutboxEvent.objects.filter(record_type="inspection")]
    assert len(records) == 4 * len(rows)
    for record in records:
        assert record["schema"] == schema.V2
        assert schema.errors(record) == [], record
    text = str(records)
    for row in rows:
        assert row.target.address not in text  # 辛口镇沙窝村n号
        assert f"'{row.target.representative}'" not in text  # 经营者n (names only appear as the object's name)
    assert PHONE not in text
    # The case the finding opened is exported too, as a v2 case record.
    case_records = [r.record for r in OutboxEvent.objects.filter(record_type="case")]
    assert case_records and all(schema.errors(r) == [] for r in case_records)


def test_a_v1_receiver_would_refuse_an_inspection_record_so_it_goes_as_v2(town, task):
    _walk(town, task)
    record = OutboxEvent.objects.filter(record_type="inspection").first().record
    as_v1 = {**record, "schema": schema.V1}
    problems = schema.errors(as_v1)
    assert "$.record_type：应为 case、publication、certificate 之一" in problems


def test_the_quarterly_statistics_count_the_objects_inspected_in_the_quarter(client, town, task):
    import io

    from openpyxl import load_workbook

    rows = _walk(town, task)  # every drawn object inspected on 2019-04-10 or 04-11: the second quarter
    client.force_login(town.leader)

    def figure(quarter):
        response = client.get("/exchange/quarterly/", {"year": 2019, "quarter": quarter})
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        sheet = [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]
        team = next(r for r in sheet if r[0] == town.team.code)
        return dict(zip(sheet[1], team, strict=False))["行政检查·双随机抽查（户次）"]

    assert figure(2) == len(rows)
    assert figure(1) == 0 and figure(3) == 0
