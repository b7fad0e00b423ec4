"""The step declarations (steps.py): every step reachable from the browser and the API, each writing exactly its own
event with the payload keys below (like zulip's test_audit_log), and every refusal changing nothing."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from fazhi.audit.models import ChainEntry
from fazhi.core.services import change_setting
from fazhi.disclosure.models import (
    CatalogueCategory,
    Channel,
    LetterDelivery,
    RemedyKind,
    RemedyResult,
    ThirdPartyReply,
)
from fazhi.disclosure.steps import (
    ALL_STEP_SETS,
    CATALOGUE_STEPS,
    CREATE_STEPS,
    REMEDY_STEPS,
    REPORT_STEPS,
    REQUEST_STEPS,
)
from fazhi.disclosure.tests import factories as f
from fazhi.disclosure.tests.support import head_seq, snapshot, step_data, step_entries, take

API = "/api/v1/disclosure"

# Where each declared step is posted from the browser ({pk}: the record) and its operation in the API.
BROWSER = {
    "disclosure.request": ("disclosure:request_action", True),
    "disclosure.catalogue": ("disclosure:catalogue_action", True),
    "disclosure.report": ("disclosure:report_step", True),
    "disclosure.remedy": ("disclosure:remedy_step", True),
}
CREATE_PAGES = {
    "register": "disclosure:request_new",
    "add_catalogue_entry": "disclosure:catalogue",
    "save_guide": "disclosure:guide",
    "create_report": "disclosure:report_list",
    "record_remedy": "disclosure:remedies",
}
API_PATHS = {
    "disclosure.request": ("/requests/{obj_id}/{name}", "disclosurerequest_{name}"),
    "disclosure.catalogue": ("/catalogue/{obj_id}/{name}", "disclosurecatalogue_{name}"),
    "disclosure.report": ("/reports/{obj_id}/{name}", "disclosurereport_{name}"),
    "disclosure.remedy": ("/remedies/{obj_id}/{name}", "disclosureremedy_{name}"),
}
CREATE_API = {
    "register": "/requests",
    "add_catalogue_entry": "/catalogue",
    "save_guide": "/guide",
    "create_report": "/reports",
    "record_remedy": "/remedies",
}


@pytest.fixture
def in_2021():
    with time_machine.travel("2021-12-31 10:00 +0800", tick=False):
        yield


def test_every_declared_step_is_in_the_openapi_schema_with_its_operation_id(client, world):
    client.force_login(world.clerk)
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        (path, method): op.get("operationId") for path, ops in schema["paths"].items() for method, op in ops.items()
    }
    for steps in ALL_STEP_SETS:
        for spec in steps:
            if steps is CREATE_STEPS:
                path, operation_id = CREATE_API[spec.name], f"disclosure_{spec.name}"
            else:
                template, op_template = API_PATHS[steps.subject]
                path = template.format(obj_id="{obj_id}", name=spec.name)
                operation_id = op_template.format(name=spec.name)
            assert operations.get((f"{API}{path}", "post")) == operation_id, (steps.subject, spec.name)
    # The request body of each step is its form's fields, nothing more and nothing less.
    components = schema["components"]["schemas"]
    answer = components["DisclosureRequestAnswerIn"]
    assert set(answer["properties"]) == {"on", "outcome", "content", "reasons", "other_agency"}
    assert set(answer["required"]) == {"on", "outcome", "content"}
    extend = components["DisclosureRequestExtendIn"]
    assert set(extend["properties"]) == {"on", "days", "reason", "approver", "notified_on"}


def test_every_declared_step_is_reachable_from_the_browser(client, world, in_2021):
    """An empty POST reaches each step's form and comes back 400 with the page — never 404 or 500."""
    req = f.request(world.clerk, world.town, submitted_on=date(2021, 9, 22))
    entry = take(
        CREATE_STEPS,
        "add_catalogue_entry",
        None,
        world.clerk,
        title="公开事项",
        summary="概述",
        generated_on=date(2021, 6, 1),
        category=CatalogueCategory.A20_2,
    )
    report = take(CREATE_STEPS, "create_report", None, world.clerk, year=2021)
    remedy = take(CREATE_STEPS, "record_remedy", None, world.clerk, kind=RemedyKind.REVIEW, filed_on=date(2021, 11, 1))
    records = {
        "disclosure.request": req,
        "disclosure.catalogue": entry,
        "disclosure.report": report,
        "disclosure.remedy": remedy,
    }
    client.force_login(world.clerk)
    before = snapshot()
    for steps in ALL_STEP_SETS:
        for spec in steps:
            if steps is CREATE_STEPS:
                url = reverse(CREATE_PAGES[spec.name])
                data = {"on": "2099-01-01"} if spec.name == "save_guide" else {}
            else:
                url = reverse(BROWSER[steps.subject][0], args=[records[steps.subject].pk, spec.name])
                # A date in the future is refused by every dated step.
                prefix = f"{spec.name}-" if steps.prefixed else ""
                data = {f"{prefix}on": "2099-01-01"}
                if (steps.subject, spec.name) == ("disclosure.report", "edit"):
                    data = {"proactive.coercion": "-1"}  # the edit step has no required field and no date
            response = client.post(url, data)
            assert response.status_code == 400, (steps.subject, spec.name, response.status_code)
    assert snapshot() == before
    assert client.post(reverse("disclosure:request_action", args=[req.pk, "no_such_step"]), {}).status_code == 404


# --- the exact event and payload of every step --------------------------------------------------------------------

EXPECTED = {
    ("disclosure.create", "register"): (
        "disclosure.request_registered",
        {"new", "channel", "applicant_type", "number"},
    ),
    ("disclosure.request", "confirm"): ("disclosure.receipt_confirmed", {"old", "new"}),
    ("disclosure.request", "correction"): ("disclosure.correction_requested", {"old", "new", "items", "due_on"}),
    ("disclosure.request", "receive_correction"): ("disclosure.correction_received", {"old", "new", "late_reason"}),
    ("disclosure.request", "abandon"): ("disclosure.abandoned", {"old", "new", "in_time"}),
    ("disclosure.request", "consult"): (
        "disclosure.consultation_started",
        {"old", "new", "third_party", "delivery", "received_on", "reply_due"},
    ),
    ("disclosure.request", "consult_agency"): (
        "disclosure.agency_consultation_started",
        {"old", "new", "third_party", "delivery", "received_on", "reply_due"},
    ),
    ("disclosure.request", "consultation_received"): (
        "disclosure.consultation_received",
        {"new", "third_party", "delivery"},
    ),
    ("disclosure.request", "finish_consultation"): (
        "disclosure.consultation_finished",
        {"old", "new", "third_party", "reply", "pause_ended_on"},
    ),
    ("disclosure.request", "finish_agency_consultation"): (
        "disclosure.agency_consultation_finished",
        {"old", "new", "third_party", "reply", "pause_ended_on", "deemed_consent"},
    ),
    ("disclosure.request", "ask_reasons"): ("disclosure.reasons_requested", {"new", "grounds"}),
    ("disclosure.request", "assess_reasons"): ("disclosure.reasons_assessed", {"new", "reasons_on", "assessment"}),
    ("disclosure.request", "delay_answer"): ("disclosure.answer_delayed", {"old", "new", "reason", "in_time"}),
    ("disclosure.request", "fee"): (
        "disclosure.fee_notice_issued",
        {"old", "new", "amount", "due_on", "method", "quantity"},
    ),
    ("disclosure.request", "fee_paid"): ("disclosure.fee_paid", {"old", "new", "amount"}),
    ("disclosure.request", "fee_lapsed"): ("disclosure.fee_lapsed", {"old", "new", "in_time"}),
    ("disclosure.request", "extend"): (
        "disclosure.extended",
        {"old", "new", "approver_id", "reason", "notified_on"},
    ),
    ("disclosure.request", "answer"): ("disclosure.answered", {"old", "new", "outcome", "letter_number", "in_time"}),
    ("disclosure.create", "add_catalogue_entry"): ("disclosure.catalogue_added", {"new"}),
    ("disclosure.catalogue", "publish"): ("disclosure.catalogue_published", {"old", "new", "in_time"}),
    ("disclosure.catalogue", "repeal"): ("disclosure.catalogue_repealed", {"old", "new"}),
    ("disclosure.create", "save_guide"): ("disclosure.guide_saved", {"new"}),
    ("disclosure.create", "create_report"): ("disclosure.report_created", {"new", "due"}),
    ("disclosure.report", "edit"): ("disclosure.report_edited", {"old", "new"}),
    ("disclosure.report", "publish"): ("disclosure.report_published", {"old", "new", "in_time", "due"}),
    ("disclosure.create", "record_remedy"): ("disclosure.remedy_recorded", {"new"}),
    ("disclosure.remedy", "conclude"): ("disclosure.remedy_concluded", {"old", "new"}),
}


def test_the_expectations_cover_every_declared_step():
    declared = {(steps.subject, spec.name) for steps in ALL_STEP_SETS for spec in steps}
    assert declared == set(EXPECTED)


def test_every_step_writes_exactly_its_own_event_and_payload(world, in_2021):
    change_setting(actor=None, key="disclosure.fees_enabled", value=True, body=world.town)
    clerk, seen = world.clerk, {}

    def step(steps, name, obj, **values):
        since = head_seq()
        result = take(steps, name, obj, clerk, **values)
        (entry,) = step_entries(since)
        seen[(steps.subject, name)] = entry
        return result

    d = date
    main = step(
        CREATE_STEPS,
        "register",
        None,
        **f.application(),
        channel=Channel.IN_PERSON,
        submitted_on=d(2021, 9, 22),
    )
    online = f.request(None, world.town, channel=Channel.ONLINE, submitted_on=d(2021, 9, 22), email="a@b.cn")
    step(REQUEST_STEPS, "confirm", online, on=d(2021, 9, 23))
    step(REQUEST_STEPS, "correction", main, on=d(2021, 9, 24), items="请写明时间范围")
    step(REQUEST_STEPS, "receive_correction", main, on=d(2021, 9, 28))
    step(REQUEST_STEPS, "consult", main, on=d(2021, 9, 29), third_party="某公司", matter="是否同意公开")
    step(REQUEST_STEPS, "finish_consultation", main, on=d(2021, 10, 8), reply=ThirdPartyReply.CONSENT)
    step(
        REQUEST_STEPS,
        "consult_agency",
        main,
        on=d(2021, 10, 8),
        agency="西青区农业农村委员会",
        matter="共同制作的信息是否同意公开",
        delivery=LetterDelivery.REGISTERED_POST,
    )
    step(REQUEST_STEPS, "consultation_received", main, on=d(2021, 10, 9))
    step(REQUEST_STEPS, "finish_agency_consultation", main, on=d(2021, 10, 11), reply=ThirdPartyReply.CONSENT)
    step(REQUEST_STEPS, "fee", main, on=d(2021, 10, 11), method="per_page", quantity=150)
    step(REQUEST_STEPS, "fee_paid", main, on=d(2021, 10, 12))
    step(
        REQUEST_STEPS,
        "extend",
        main,
        on=d(2021, 10, 13),
        days=10,
        reason="信息量大",
        approver=world.leader.pk,
        notified_on=d(2021, 10, 13),
    )
    step(REQUEST_STEPS, "answer", main, on=d(2021, 10, 20), outcome="disclosed.provided", content="现提供。")

    excess = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    step(REQUEST_STEPS, "ask_reasons", excess, on=d(2021, 9, 23), grounds="一个月内申请40件")
    step(
        REQUEST_STEPS,
        "assess_reasons",
        excess,
        on=d(2021, 9, 24),
        finding="reasonable",
        reasons_on=d(2021, 9, 24),
        reasons="编写村志",
        assessment="理由合理",
    )
    step(
        REQUEST_STEPS,
        "delay_answer",
        excess,
        on=d(2021, 9, 27),
        delayed_to=d(2021, 12, 20),
        reason="需逐件审查",
        notified_on=d(2021, 9, 27),
    )

    dropped = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(REQUEST_STEPS, "correction", dropped, clerk, on=d(2021, 9, 24), items="补充", due_on=d(2021, 10, 15))
    step(REQUEST_STEPS, "abandon", dropped, on=d(2021, 10, 18))
    unpaid = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(REQUEST_STEPS, "fee", unpaid, clerk, on=d(2021, 9, 24), method="per_page", quantity=150)
    step(REQUEST_STEPS, "fee_lapsed", unpaid, on=d(2021, 12, 1))

    entry = step(
        CREATE_STEPS,
        "add_catalogue_entry",
        None,
        title="2021年农田水利工程建设计划",
        summary="工程名称、地点、资金",
        generated_on=d(2021, 6, 1),
        category=CatalogueCategory.A21_IRRIGATION,
    )
    step(CATALOGUE_STEPS, "publish", entry, on=d(2021, 6, 10))
    step(CATALOGUE_STEPS, "repeal", entry, on=d(2021, 7, 1))
    guide = {
        "office_name": "辛口镇党政办公室",
        "address": "辛口镇",
        "office_hours": "工作日",
        "phone": "022-00000000",
        "classification": "按第二十条分类",
        "how_to_obtain": "网上查阅",
    }
    step(CREATE_STEPS, "save_guide", None, **guide)
    report = step(CREATE_STEPS, "create_report", None, year=2020)
    step(REPORT_STEPS, "edit", report, overview="本年度工作概述", **{"proactive.coercion": "2"})
    step(REPORT_STEPS, "publish", report, on=d(2021, 1, 29))
    remedy = step(CREATE_STEPS, "record_remedy", None, kind=RemedyKind.REVIEW, filed_on=d(2021, 11, 1))
    step(REMEDY_STEPS, "conclude", remedy, on=d(2021, 12, 1), result=RemedyResult.MAINTAINED)

    assert set(seen) == set(EXPECTED)
    for key, entry in seen.items():
        event, keys = EXPECTED[key]
        assert entry.event == event, key
        assert set(entry.payload) == keys, (key, sorted(entry.payload))
        assert entry.actor_id == clerk.pk
        assert entry.body_id == world.town.pk

    answered = seen[("disclosure.request", "answer")].payload
    assert answered["old"]["status"] == "in_progress" and answered["new"]["status"] == "answered"
    assert answered["new"]["closed_on"] == "2021-10-20" and answered["in_time"] is True
    assert answered["letter_number"] == "辛口镇信公答〔2021〕1号"
    extended = seen[("disclosure.request", "extend")].payload
    assert extended["old"]["extension_days"] == 0 and extended["new"]["extension_days"] == 10
    assert extended["approver_id"] == world.leader.pk
    published = seen[("disclosure.catalogue", "publish")].payload
    assert published == {
        "old": {"state": "pending"},
        "new": {"state": "published", "published_on": "2021-06-10"},
        "in_time": True,
    }
    concluded = seen[("disclosure.remedy", "conclude")].payload
    assert concluded == {"old": {"result": "pending"}, "new": {"result": "maintained", "concluded_on": "2021-12-01"}}
    # Saving the guide again is the same step with the old values on the entry.
    since = head_seq()
    take(CREATE_STEPS, "save_guide", None, clerk, **{**guide, "phone": "022-11111111"})
    (again,) = step_entries(since)
    assert again.event == "disclosure.guide_saved" and set(again.payload) == {"old", "new"}
    assert again.payload["old"]["phone"] == "022-00000000" and again.payload["new"]["phone"] == "022-11111111"


# --- refusals change nothing --------------------------------------------------------------------------------------


def _refusals(world):
    """(what, step set, step name, record, data, words the refusal must contain) — one or more per step."""
    d = date
    clerk = world.clerk
    change_setting(actor=None, key="disclosure.fees_enabled", value=True, body=world.town)
    fresh = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    waiting = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(REQUEST_STEPS, "correction", waiting, clerk, on=d(2021, 9, 24), items="补充", due_on=d(2021, 10, 15))
    consulting = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(REQUEST_STEPS, "consult", consulting, clerk, on=d(2021, 9, 24), third_party="某公司", matter="x")
    posted = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(
        REQUEST_STEPS,
        "consult",
        posted,
        clerk,
        on=d(2021, 9, 24),
        third_party="某公司",
        matter="x",
        delivery=LetterDelivery.REGISTERED_POST,
    )
    questioned = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(REQUEST_STEPS, "ask_reasons", questioned, clerk, on=d(2021, 9, 23), grounds="大量申请")
    accepted = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(REQUEST_STEPS, "ask_reasons", accepted, clerk, on=d(2021, 9, 23), grounds="大量申请")
    take(
        REQUEST_STEPS,
        "assess_reasons",
        accepted,
        clerk,
        on=d(2021, 9, 24),
        finding="reasonable",
        reasons_on=d(2021, 9, 24),
        reasons="编写村志",
        assessment="合理",
    )
    with_agency = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(REQUEST_STEPS, "consult_agency", with_agency, clerk, on=d(2021, 9, 24), agency="区农业农村委", matter="x")
    paying = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    take(REQUEST_STEPS, "fee", paying, clerk, on=d(2021, 9, 24), method="per_page", quantity=150)
    extended = f.request(clerk, world.town, submitted_on=d(2021, 9, 22))
    extension = {"days": 5, "reason": "x", "approver": world.leader.pk}
    take(REQUEST_STEPS, "extend", extended, clerk, on=d(2021, 10, 8), notified_on=d(2021, 10, 8), **extension)
    entry = take(
        CREATE_STEPS,
        "add_catalogue_entry",
        None,
        clerk,
        title="事项",
        summary="概述",
        generated_on=d(2021, 6, 1),
        category=CatalogueCategory.A20_2,
    )
    report = take(CREATE_STEPS, "create_report", None, clerk, year=2021)
    published_report = take(CREATE_STEPS, "create_report", None, clerk, year=2020)
    take(REPORT_STEPS, "publish", published_report, clerk)
    remedy = take(CREATE_STEPS, "record_remedy", None, clerk, kind=RemedyKind.REVIEW, filed_on=d(2021, 11, 1))
    concluded = take(CREATE_STEPS, "record_remedy", None, clerk, kind=RemedyKind.REVIEW, filed_on=d(2021, 11, 1))
    take(REMEDY_STEPS, "conclude", concluded, clerk, on=d(2021, 11, 2), result=RemedyResult.CORRECTED)
    R = REQUEST_STEPS
    return [
        ("confirm an in-person request", R, "confirm", fresh, {"on": d(2021, 9, 23)}, ["第三十一条"]),
        (
            "correction after 7 working days",
            R,
            "correction",
            fresh,
            {"on": d(2021, 10, 8), "items": "x"},
            ["7个工作日"],
        ),
        ("correction twice", R, "correction", waiting, {"on": d(2021, 9, 27), "items": "x"}, ["第三十条"]),
        ("correction received before asked", R, "receive_correction", waiting, {"on": d(2021, 9, 23)}, ["不能早于"]),
        ("abandoned before the correction is due", R, "abandon", waiting, {"on": d(2021, 10, 15)}, ["第三十条"]),
        (
            "consultation before the clock",
            R,
            "consult",
            fresh,
            {"on": d(2021, 9, 21), "third_party": "甲", "matter": "x"},
            ["早于"],
        ),  # noqa: E501
        (
            "silence before 15 working days",
            R,
            "finish_consultation",
            consulting,
            {"on": d(2021, 10, 8), "reply": "silent"},
            ["第三十二条"],
        ),  # noqa: E501
        (
            "a third party's receipt before the sending",
            R,
            "consult",
            fresh,
            {
                "on": d(2021, 9, 24),
                "third_party": "甲",
                "matter": "x",
                "delivery": "registered_post",
                "received_on": d(2021, 9, 23),
            },
            ["早于发出"],
        ),  # fmt: skip
        (
            "an agency's receipt before the sending",
            R,
            "consult_agency",
            fresh,
            {
                "on": d(2021, 9, 24),
                "agency": "乙",
                "matter": "x",
                "delivery": "ordinary_post",
                "received_on": d(2021, 9, 23),
            },
            ["早于发出"],
        ),  # fmt: skip
        (
            "letter received before it was sent",
            R,
            "consultation_received",
            posted,
            {"on": d(2021, 9, 23)},
            ["早于发出"],
        ),
        (
            "the third party's reply before its receipt is recorded",
            R,
            "finish_consultation",
            posted,
            {"on": d(2021, 10, 8), "reply": "consent"},
            ["先登记收到日期"],
        ),
        (
            "an agency's silence before 15 working days",
            R,
            "finish_agency_consultation",
            with_agency,
            {"on": d(2021, 10, 15), "reply": "silent"},
            ["第三十四条", "视为同意公开"],
        ),
        ("asking for reasons twice", R, "ask_reasons", questioned, {"on": d(2021, 9, 27), "grounds": "x"}, ["已于"]),
        (
            "assessing reasons never asked for",
            R,
            "assess_reasons",
            fresh,
            {"on": d(2021, 9, 27), "finding": "unreasonable", "assessment": "x"},
            ["请先要求申请人说明理由"],
        ),
        (
            "a later answer date not after the statutory due date",
            R,
            "delay_answer",
            accepted,
            {"on": d(2021, 9, 27), "delayed_to": d(2021, 10, 8), "reason": "x", "notified_on": d(2021, 9, 27)},
            ["第三十五条", "不晚于"],
        ),
        ("a fee of nothing", R, "fee", fresh, {"on": d(2021, 9, 24), "method": "per_page", "quantity": 30}, ["为零"]),  # noqa: E501
        ("payment after the due date", R, "fee_paid", paying, {"on": d(2021, 12, 20)}, ["已过"]),
        ("unpaid before the due date", R, "fee_lapsed", paying, {"on": d(2021, 9, 27)}, ["尚未届满"]),
        (
            "extension of 21 working days",
            R,
            "extend",
            fresh,
            {"on": d(2021, 10, 8), "notified_on": d(2021, 10, 8), **extension, "days": 21},
            ["第三十三条第二款"],
        ),  # noqa: E501
        (
            "second extension",
            R,
            "extend",
            extended,
            {"on": d(2021, 10, 9), "notified_on": d(2021, 10, 9), **extension},
            ["只能延长一次"],
        ),  # noqa: E501
        (
            "answer without reasons",
            R,
            "answer",
            fresh,
            {"on": d(2021, 10, 8), "outcome": "partial", "content": "x"},
            ["第三十七条"],
        ),  # noqa: E501
        (
            "answer while waiting for a correction",
            R,
            "answer",
            waiting,
            {"on": d(2021, 10, 8), "outcome": "disclosed.provided", "content": "x"},
            ["第三十条"],
        ),  # noqa: E501
        (
            "answer in the future",
            R,
            "answer",
            fresh,
            {"on": d(2022, 1, 4), "outcome": "disclosed.provided", "content": "x"},
            ["晚于今天"],
        ),  # noqa: E501
        ("publish before generated", CATALOGUE_STEPS, "publish", entry, {"on": d(2021, 5, 31)}, ["早于"]),
        ("repeal an unpublished item", CATALOGUE_STEPS, "repeal", entry, {"on": d(2021, 7, 1)}, ["只有已公开"]),
        ("edit with a word for a figure", REPORT_STEPS, "edit", report, {"proactive.coercion": "很多"}, ["应为数字"]),
        ("edit a published report", REPORT_STEPS, "edit", published_report, {"overview": "改"}, ["已经公布"]),
        ("publish twice", REPORT_STEPS, "publish", published_report, {}, ["公布"]),
        (
            "publish before the reporting year ends",
            REPORT_STEPS,
            "publish",
            report,
            {"on": d(2021, 12, 31)},
            ["2021年度至 2021-12-31 才结束", "第四十九条"],
        ),
        ("conclude twice", REMEDY_STEPS, "conclude", concluded, {"on": d(2021, 12, 1), "result": "other"}, ["审结"]),
        (
            "conclude before filing",
            REMEDY_STEPS,
            "conclude",
            remedy,
            {"on": d(2021, 10, 1), "result": "other"},
            ["早于"],
        ),  # noqa: E501
        ("a second report for one year", CREATE_STEPS, "create_report", None, {"year": 2021}, ["已经存在"]),
        (
            "a request without a description",
            CREATE_STEPS,
            "register",
            None,
            {**f.application(description=""), "channel": "in_person", "submitted_on": d(2021, 9, 22)},
            ["所需信息"],
        ),  # noqa: E501
    ]


def test_every_refused_step_changes_nothing(world, in_2021):
    cases = _refusals(world)
    covered = set()
    for what, steps, name, obj, values, words in cases:
        before = snapshot()
        result = steps.perform(name, actor=world.clerk, obj=obj, data=step_data(**values))
        assert not result.ok, what
        shown = " ".join([result.error, *(e for errs in result.errors().values() for e in errs)])
        for word in words:
            assert word in shown, (what, shown)
        assert snapshot() == before, what
        covered.add((steps.subject, name))
    # Every step on a record has at least one refusal above (creating steps: the ones that can be refused by rule).
    on_records = {(s.subject, spec.name) for s in ALL_STEP_SETS if s is not CREATE_STEPS for spec in s}
    assert on_records <= covered


def test_a_step_by_someone_without_the_role_or_outside_the_town_changes_nothing(world, in_2021):
    req = f.request(world.clerk, world.town, submitted_on=date(2021, 9, 22))
    data = step_data(on=date(2021, 10, 8), outcome="disclosed.provided", content="x")
    for actor, word in ((world.colleague, "政务公开专员"), (world.leader, "政务公开专员")):
        before = snapshot()
        result = REQUEST_STEPS.perform("answer", actor=actor, obj=req, data=data)
        assert not result.ok and word in result.error
        assert snapshot() == before
    from django.http import Http404

    before = snapshot()
    with pytest.raises(Http404):
        REQUEST_STEPS.perform("answer", actor=world.outsider, obj=req, data=data)
    assert snapshot() == before
    assert ChainEntry.objects.filter(event="disclosure.answered").count() == 0
