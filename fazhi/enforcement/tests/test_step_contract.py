"""The contract of every declared case step: reachable from the page and the API with the same inputs; each writes
exactly one chain entry about the case, with its own event code and the payload keys a supervisor reads; and the
deadlines it closes are closed (with their date) even after the sweep has marked them missed."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.audit.models import ChainEntry
from fazhi.core import deadlines
from fazhi.core.models import Deadline, DeadlineState
from fazhi.core.services import change_setting
from fazhi.core.step_specs import file_fields, schema_fields
from fazhi.enforcement import rules, services
from fazhi.enforcement.models import Case
from fazhi.enforcement.steps import CASE_STEPS
from fazhi.enforcement.tests.factories import JPEG, case_at

D = date


def jpeg():
    return SimpleUploadedFile("现场照片.jpg", JPEG, content_type="image/jpeg")


def case_entries(case):
    return list(ChainEntry.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk)).order_by("seq"))


def perform(name, actor, case, data, files=None):
    """Take a step exactly as the page and the API do: through its declared form."""
    result = CASE_STEPS.perform(name, actor=actor, obj=case, data=data, files=files or {})
    assert result.ok, (name, result.error, result.errors())
    return result


# --- reachable from both -------------------------------------------------------------------------------------------


def test_every_declared_step_has_a_page_url_and_an_api_operation_with_the_same_inputs():
    from fazhi.api import api

    schema = api.get_openapi_schema()
    paths = schema["paths"]
    operation_ids = {op["operationId"] for item in paths.values() for op in item.values()}
    for spec in CASE_STEPS:
        assert reverse("enforcement:case_step", args=[1, spec.name]).endswith(f"/step/{spec.name}/")
        path = f"/api/v1/enforcement/cases/{{case_id}}/steps/{spec.name}"
        assert path in paths, spec.name
        assert f"case_{spec.name}" in operation_ids
        body = paths[path]["post"]["requestBody"]["content"]
        media = "multipart/form-data" if file_fields(spec.form) else "application/json"
        assert media in body, (spec.name, list(body))
        # The API schema is the step form's fields (files travel as multipart parts).
        ref = body[media]["schema"]
        names = set(_schema_properties(schema, ref))
        expected = set(schema_fields(spec.form)) | {f for f, _r, _l in file_fields(spec.form)}
        assert names == expected, (spec.name, names ^ expected)


def _schema_properties(schema, ref):
    if "$ref" in ref:
        name = ref["$ref"].rsplit("/", 1)[-1]
        return schema["components"]["schemas"][name].get("properties", {})
    props = dict(ref.get("properties", {}))
    for sub in ref.get("allOf", []):
        props.update(_schema_properties(schema, sub))
    return props


def test_operation_ids_and_schema_names_are_unique():
    from fazhi.api import api

    schema = api.get_openapi_schema()
    ids = [op["operationId"] for item in schema["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


# --- one entry per step, its own code and payload ------------------------------------------------------------------


@pytest.fixture
def hearing_case(w):
    change_setting(actor=None, key="enforcement.hearing_large_fine_individual", value="1000")
    return case_at(w, "notified", fine=Decimal("1500"))


def _last(case):
    return case_entries(case)[-1]


def _keys(entry):
    return set(entry.payload), set(entry.payload.get("new", {}))


STEP_EVENTS = {}


def expect(name, event, top, new):
    STEP_EVENTS[name] = (event, set(top), set(new))


expect("request_filing", "enforcement.filing_requested", {"old", "new"}, {"status", "on", "officers"})
expect("approve_filing", "enforcement.filed", {"old", "new", "in_time", "limitation_last_day"},
       {"status", "filed_on", "number"})  # fmt: skip
expect("decline_filing", "enforcement.not_filed", {"old", "new", "in_time"}, {"status", "reason", "on"})
expect("record_act", "enforcement.act_recorded", {"new"}, {"act_id", "kind", "on", "place", "officers", "signed"})
expect("add_evidence", "enforcement.evidence_added", {"new", "files"}, {"evidence_id", "kind", "title", "size"})
expect("preserve", "enforcement.preservation_approved", {"new"}, {"preservation_id", "items", "on", "approver"})
expect("handle_preservation", "enforcement.preservation_handled", {"new", "in_time"},
       {"preservation_id", "handled_on", "handling"})  # fmt: skip
expect("extend_seizure", "enforcement.seizure_extended", {"old", "new"}, {"act_id", "seizure_due", "days", "reason"})
expect("end_seizure", "enforcement.seizure_ended", {"new", "in_time"}, {"act_id", "ended_on", "handling"})
expect("file_major_decision", "enforcement.major_decision_filed", {"new", "in_time"},
       {"major_filed_on", "filed_with", "number"})  # fmt: skip
expect("recusal", "enforcement.recusal_decided", {"new", "officers"},
       {"person", "granted", "reason", "applicant", "on"})  # fmt: skip
expect("propose", "enforcement.proposed", {"old", "new"},
       {"status", "outcome", "power_version", "benchmark_level", "penalty_kinds", "fine_amount", "confiscation_amount",
        "serious", "hearing_eligible", "on"})  # fmt: skip
expect("reopen", "enforcement.reopened", {"old", "new"}, {"status", "reopened_on", "reason"})
expect("notify", "enforcement.notified", {"old", "new", "files", "document"},
       {"status", "notified_on", "number", "hearing_eligible", "hearing_reason", "window_due"})  # fmt: skip
expect("statement", "enforcement.statement_recorded", {"new"}, {"statement_id", "on", "adopted"})
expect("waive", "enforcement.rights_waived", {"new"}, {"rights_waived_on", "note"})
expect("request_hearing", "enforcement.hearing_requested", {"old", "new"}, {"status", "requested_on"})
expect("notify_hearing", "enforcement.hearing_notified", {"new", "files", "document"},
       {"notified_on", "scheduled_on", "latest_notice_day", "presiding", "public", "number"})  # fmt: skip
expect("hold_hearing", "enforcement.hearing_held", {"new", "warnings"},
       {"held_on", "party_attended", "party_signed"})  # fmt: skip
expect("submit_review", "review.submitted", {"old", "new", "review_id", "round", "kind", "reasons"}, {"status"})
expect("ready", "enforcement.ready", {"old", "new"}, {"status", "on"})
expect("deliberation", "enforcement.deliberated", {"new"},
       {"deliberation_id", "held_on", "presider", "attendees", "dissent", "conclusion"})  # fmt: skip
expect("extend", "enforcement.decision_period_extended", {"old", "new"}, {"decision_due", "days", "reason"})
expect("decide", "enforcement.decided", {"old", "new", "in_time", "files", "document"},
       {"status", "outcome", "decided_on", "number", "fine_amount", "penalty_kinds"})  # fmt: skip
expect("serve", "enforcement.served", {"old", "new", "in_time"},
       {"status", "served_on", "method", "recipient", "payment_due_on"})  # fmt: skip
expect("payment", "enforcement.payment_recorded", {"old", "new", "in_time"},
       {"status", "payment_id", "paid_on", "amount", "surcharge", "surcharge_owed", "surcharge_days",
        "collection_ground"})  # fmt: skip
expect(
    "hand_in_collection",
    "enforcement.collection_handed_in",
    {"new", "in_time"},
    {"payment_id", "handed_in_on", "amount"},
)
expect("bank_collection", "enforcement.collection_banked", {"new", "in_time"}, {"payment_id", "banked_on", "amount"})
expect("deferral", "enforcement.deferral_approved", {"old", "new", "reason"}, {"payment_due_on", "until"})
expect("remedy", "enforcement.remedy_recorded", {"new"}, {"remedy_id", "kind", "started_on"})
expect("conclude_remedy", "enforcement.remedy_concluded", {"new"}, {"remedy_id", "ended_on", "result"})
expect("demand", "enforcement.demand_issued", {"new"}, {"on", "served_on", "court_from"})
expect("court", "enforcement.court_applied", {"old", "new", "in_time"}, {"status", "on", "court"})
expect("file_summary", "enforcement.summary_filed", {"new"}, {"filed_with_body_on", "number"})
expect("close", "enforcement.closed", {"old", "new"}, {"status", "closed_on"})
expect("archive", "enforcement.archived", {"old", "new", "files"},
       {"status", "archived_on", "items", "index_document"})  # fmt: skip
expect("complete_file", "enforcement.documents_completed", {"new", "files"}, {"documents"})
expect("document", "enforcement.document_generated", {"new", "files"}, {"document_id", "kind", "title", "number"})


def test_the_event_table_covers_every_declared_step():
    assert set(STEP_EVENTS) == {spec.name for spec in CASE_STEPS}


def _check(case, name, before, *, with_files=False):
    entries = case_entries(case)
    assert len(entries) == before + 1, f"{name} wrote {len(entries) - before} entries about the case"
    event, top, new = STEP_EVENTS[name]
    entry = entries[-1]
    assert entry.event == event, name
    assert set(entry.payload) == (top | {"files"} if with_files else top), (name, set(entry.payload))
    assert set(entry.payload.get("new", {})) == new, (name, set(entry.payload.get("new", {})))


def _run(name, actor, case, data, files=None):
    before = len(case_entries(case))
    perform(name, actor, case, data, files)
    case = Case.objects.get(pk=case.pk)
    _check(case, name, before, with_files=bool(files))
    return case


def test_filing_and_investigation_steps_write_their_own_entries(w):
    o1, o2 = str(w.officer1.pk), str(w.officer2.pk)
    case = _run("request_filing", w.officer1, case_at(w, "lead"), {"officers": [o1, o2], "on": "2022-03-02"})
    _run("decline_filing", w.leader, case_at(w, "lead"), {"on": "2022-03-02", "reason": "违法事实不成立"})
    case = _run("approve_filing", w.leader, case, {"on": "2022-03-03"})
    act = {"kind": "inspection", "on": "2022-03-04", "place": "田地", "officers": [o1, o2], "content": "现场检查",
           "certificates_shown": "on"}  # fmt: skip
    case = _run("record_act", w.officer1, case, act)
    case = _run("add_evidence", w.officer1, case, {"kind": "audiovisual", "title": "照片", "collected_on": "2022-03-04"},
                {"file": jpeg()})  # fmt: skip
    preserve = {"items": "打火机一个", "on": "2022-03-04", "approver": str(w.leader.pk), "officers": [o1, o2]}
    case = _run("preserve", w.officer1, case, preserve)
    pres = case.preservations.get()
    case = _run("handle_preservation", w.officer1, case, {"preservation": str(pres.pk), "on": "2022-03-07",
                                                          "handling": "退还当事人"})  # fmt: skip
    seizure = {"kind": "seizure", "on": "2022-03-07", "place": "田地", "officers": [o1, o2], "content": "扣押焚烧工具",
               "certificates_shown": "on"}  # fmt: skip
    case = _run(
        "record_act",
        w.officer1,
        case,
        seizure,
        {
            "recording": SimpleUploadedFile(
                "扣押.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, content_type="video/mp4"
            )
        },
    )
    act = case.acts.get(kind="seizure")
    case = _run("extend_seizure", w.leader, case, {"act": str(act.pk), "days": "30", "reason": "需检测鉴定"})
    case = _run("end_seizure", w.officer1, case, {"act": str(act.pk), "on": "2022-03-08", "handling": "解除扣押，退还"})
    recusal = {"person": o2, "applicant": "孙某某", "reason": "亲属关系", "granted": "on", "on": "2022-03-07",
               "replacement": str(w.officer3.pk)}  # fmt: skip
    _run("recusal", w.leader, case, recusal)


def test_proposal_notice_and_hearing_steps_write_their_own_entries(w, hearing_case):
    case = case_at(w, "proposed")
    proposal = {"on": "2022-03-08", "facts": "露天焚烧秸秆", "evidence_summary": "笔录、照片", "outcome": "penalty",
                "power_version": str(w.version.pk), "benchmark_level": str(w.levels[0].pk), "penalty_kinds": ["罚款"],
                "fine_amount": "700"}  # fmt: skip
    case = _run("propose", w.officer1, case, proposal)
    _run("reopen", w.officer1, case_at(w, "proposed"), {"on": "2022-03-09", "reason": "需补充询问"})
    case = _run("notify", w.officer1, case, {"on": "2022-03-09"})
    case = _run("statement", w.officer1, case, {"on": "2022-03-10", "content": "初犯", "reply": "不予采纳"})
    _run("waive", w.officer1, case_at(w, "notified"), {"on": "2022-03-10", "note": "书面放弃"})
    case = _run("request_hearing", w.officer1, hearing_case, {"on": "2022-03-11"})
    case = _run("notify_hearing", w.officer1, case, {"on": "2022-03-14", "scheduled_on": "2022-03-25",
                                                     "place": "镇政府会议室", "presiding": str(w.officer3.pk)})  # fmt: skip
    _run("hold_hearing", w.officer1, case, {"held_on": "2022-03-25", "record_text": "当事人陈述"})


def test_review_deliberation_decision_and_service_steps_write_their_own_entries(w):
    case = case_at(w, "proposed", major_public_interest=True)
    _run("submit_review", w.officer1, case, {"on": "2022-03-09", "summary": "全部案卷"})
    deliberation = {"held_on": "2022-03-09", "place": "镇政府会议室", "presider": str(w.leader.pk),
                    "member_1": str(w.officer1.pk), "post_1": "大队长", "opinion_1": "同意",
                    "member_2": str(w.officer2.pk), "opinion_2": "应从轻", "dissent_2": "on",
                    "member_3": str(w.officer3.pk), "opinion_3": "同意", "conclusion": "同意处理建议"}  # fmt: skip
    _run("deliberation", w.leader, case_at(w, "proposed"), deliberation)
    change_setting(actor=None, key=rules.DECISION_EXTENSION_SETTING, value=30, body=w.town)
    _run("extend", w.leader, case_at(w, "proposed"), {"days": "30", "reason": "案情复杂"})
    notified = case_at(w, "notified")
    services.waive_rights(actor=w.officer1, case=notified, on=D(2022, 3, 10), note="书面放弃")
    case = _run("ready", w.officer1, notified, {"on": "2022-03-11"})
    case = _run("decide", w.leader, case, {"on": "2022-03-15"})
    reviewed = case_at(w, "ready", major_public_interest=True)
    reviewed = _run("decide", w.leader, reviewed, {"on": "2022-03-15"})
    _run("file_major_decision", w.officer1, reviewed, {"on": "2022-03-18", "filed_with": "西青区司法局"})
    _run("serve", w.officer1, case, {"on": "2022-03-15", "method": "on_the_spot", "recipient": "孙某某",
                                     "proof": "当事人签收"})  # fmt: skip


def test_execution_and_closing_steps_write_their_own_entries(w):
    case = _run("payment", w.officer1, case_at(w, "served"), {"paid_on": "2022-03-20", "amount": "600",
                                                              "receipt": "B-1"})  # fmt: skip
    case = _run("complete_file", w.officer1, case, {})
    case = _run("close", w.officer1, case, {"on": "2022-03-21", "report": "已执行完毕"})
    case = _run("complete_file", w.officer1, case, {})  # 结案报告
    _run("archive", w.officer1, case, {"on": "2022-03-22"})
    served = case_at(w, "served")
    _run("deferral", w.leader, served, {"on": "2022-03-20", "until": "2022-04-20", "reason": "经济困难"})
    served = _run("remedy", w.officer1, case_at(w, "served"), {"kind": "reconsideration", "started_on": "2022-03-20"})
    _run("conclude_remedy", w.officer1, served, {"remedy": str(served.remedies.get().pk), "ended_on": "2022-05-20",
                                                 "result": "维持"})  # fmt: skip
    unpaid = _run("demand", w.officer1, case_at(w, "served"), {"on": "2022-04-08"})
    _run("court", w.leader, unpaid, {"on": "2022-09-20", "court": "西青区人民法院"})
    _run("document", w.officer1, case_at(w, "filing"), {"kind": "filing_approval"})


def test_summary_filing_and_collection_steps_write_their_own_entries(w):
    case = services.decide_on_the_spot(
        actor=w.officer1, body=w.town, on=D(2022, 3, 1), place="某路口", title="乱扔垃圾", facts="当场发现",
        basis="《某条例》第十条", party_kind="person", party_name="周某", officers=[w.officer1, w.officer2],
        penalty_kinds="罚款", fine_amount=Decimal("50"), collection_ground="small", receipt="津财票0001",
    )  # fmt: skip
    case = _run("file_summary", w.officer1, case, {"on": "2022-03-02"})
    payment = str(case.payments.get().pk)
    case = _run("hand_in_collection", w.officer1, case, {"payment": payment, "on": "2022-03-02"})
    _run("bank_collection", w.officer1, case, {"payment": payment, "on": "2022-03-03"})


# --- a step after the sweep closes the swept deadline late, with its date ------------------------------------------


def _swept(case, rule_key, today):
    deadlines.sweep_missed_deadlines(today=today)
    row = deadlines.latest(case, rule_key)
    assert row.state == DeadlineState.MISSED and row.closed_on is None, "the sweep marks it, leaving it live"
    return row


@pytest.mark.parametrize(
    ("stage", "rule_key", "step", "actor", "data"),
    [
        # 立案: 15 working days from 2022-03-01 → due 2022-03-22; approved on 2022-03-25.
        ("filing", rules.FILING, "approve_filing", "leader", {"on": "2022-03-25"}),
        # 办案期限: 90 days from 2022-03-03 → 2022-06-01; decided 2022-06-10 with a reason.
        ("ready", rules.DECISION, "decide", "leader", {"on": "2022-06-10", "late_reason": "鉴定耗时"}),
        # 送达: 7 working days from the decision (2022-03-15) → 2022-03-24; served 2022-03-28.
        ("decided", rules.SERVICE_ABSENT_PARTY, "serve", "officer1",
         {"on": "2022-03-28", "method": "direct", "recipient": "孙某某", "proof": "送达回证"}),
        # 缴款: 15 days from service (2022-03-15) → 2022-03-30; paid 2022-04-06 (with the surcharge owed).
        ("served", rules.PAYMENT, "payment", "officer1", {"paid_on": "2022-04-06", "amount": "600", "receipt": "B-9"}),
    ],
)  # fmt: skip
def test_a_step_after_the_sweep_closes_the_swept_deadline_late_with_its_date(w, stage, rule_key, step, actor, data):
    case = case_at(w, stage)
    before = deadlines.latest(case, rule_key)
    row = _swept(case, rule_key, today=date.fromisoformat(next(v for k, v in data.items() if k in ("on", "paid_on"))))
    assert row.pk == before.pk
    if step == "payment":
        owed, _days = services.surcharge_on(case, D(2022, 4, 6))
        data = {**data, "amount": str(case.fine_amount)}
        assert owed > 0
    perform(step, getattr(w, actor), case, data)
    row.refresh_from_db()
    on = date.fromisoformat(data.get("on") or data.get("paid_on"))
    assert row.state == DeadlineState.MISSED
    assert row.closed_on == on
    entry = _last(Case.objects.get(pk=case.pk))
    assert entry.payload["in_time"] is False
    if step == "decide":
        assert entry.payload["late_reason"] == "鉴定耗时"
    closing = ChainEntry.objects.filter(subject_type="core.deadline", subject_id=str(row.pk)).order_by("seq").last()
    assert closing.event == "deadline.closed_late"


def test_without_the_sweep_the_same_late_decision_records_the_same_outcome(w):
    case = case_at(w, "ready")
    perform("decide", w.leader, case, {"on": "2022-06-10", "late_reason": "鉴定耗时"})
    row = deadlines.latest(case, rules.DECISION)
    assert (row.state, row.closed_on) == (DeadlineState.MISSED, D(2022, 6, 10))
    entry = _last(Case.objects.get(pk=case.pk))
    assert entry.payload["in_time"] is False and entry.payload["late_reason"] == "鉴定耗时"


def test_a_refused_step_through_the_form_keeps_the_typed_values_and_changes_nothing(w):
    case = case_at(w, "ready")
    counts = (ChainEntry.objects.count(), Deadline.objects.count())
    result = CASE_STEPS.perform("decide", actor=w.leader, obj=case, data={"on": "2022-06-10"}, files={})
    assert not result.ok and "第六十条" in result.error
    assert result.form["on"].value() == "2022-06-10"
    assert (ChainEntry.objects.count(), Deadline.objects.count()) == counts
    assert Case.objects.get(pk=case.pk).status == "ready"


def test_deliberation_rows_record_who_said_what_and_the_dissent_without_a_syntax(w):
    case = case_at(w, "proposed")
    data = {"held_on": "2022-03-09", "presider": str(w.leader.pk), "member_1": str(w.officer1.pk), "opinion_1": "同意",
            "member_2": str(w.officer2.pk), "post_2": "副队长", "opinion_2": "应从轻", "dissent_2": "on",
            "member_3": str(w.officer3.pk), "opinion_3": "同意", "conclusion": "同意处理建议"}  # fmt: skip
    perform("deliberation", w.leader, case, data)
    row = case.deliberations.get()
    leader, o2 = w.leader.get_full_name(), w.officer2.get_full_name()
    assert row.presider == leader and row.attendees[0] == leader and len(row.attendees) == 4
    assert {"name": f"{o2}（副队长）", "opinion": "应从轻", "dissent": True} in row.opinions


def test_a_deliberation_row_with_an_opinion_but_nobody_is_refused_keeping_what_was_typed(w):
    case = case_at(w, "proposed")
    data = {"held_on": "2022-03-09", "presider": str(w.leader.pk), "opinion_1": "同意", "conclusion": "同意"}
    result = CASE_STEPS.perform("deliberation", actor=w.leader, obj=case, data=data, files={})
    assert not result.ok and "member_1" in result.errors()
    assert result.form["opinion_1"].value() == "同意"
    assert not case.deliberations.exists()


def test_a_benchmark_kind_with_its_object_is_accepted_as_the_statutory_kind(w):
    # The benchmark writes "没收烧烤工具"; 第九条 calls it 没收非法财物: the form takes the kind and the object.
    case = case_at(w, "proposed")
    data = {"on": "2022-03-08", "facts": "露天焚烧", "evidence_summary": "笔录", "outcome": "penalty",
            "power_version": str(w.version.pk), "benchmark_level": str(w.levels[0].pk),
            "penalty_kinds": ["罚款", "没收非法财物"], "penalty_objects": "烧烤工具一套", "fine_amount": "600"}  # fmt: skip
    perform("propose", w.officer1, case, data)
    assert Case.objects.get(pk=case.pk).penalty_kinds == "罚款、没收非法财物（烧烤工具一套）"
    # Typed by hand in the summary procedure or the API, the benchmark's wording is normalised the same way.
    from fazhi.enforcement.services._common import kinds

    assert kinds("罚款、没收烧烤工具") == ["罚款", "没收非法财物（烧烤工具）"]
