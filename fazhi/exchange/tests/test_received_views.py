"""What a receiving (district) instance's supervisors see of the records towns pushed (issue #16, ADR 0081): the latest
version of each record, the quarter's figures worked out from them and the late-publication alert. Every row here is
stored through the real receive_batch, signed as a town's push signs it."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.access import Role
from fazhi.enforcement.tests.factories import person
from fazhi.exchange.batches import canonical, signature
from fazhi.exchange.quarterly import FIGURES
from fazhi.exchange.received import NONE, late_publications, latest
from fazhi.exchange.schema import SCHEMA_ID
from fazhi.exchange.services import receive_batch

URL = "/exchange/received/"
HEAD = "42:" + "b" * 64
COLUMN = {key: 2 + n for n, (key, _) in enumerate(FIGURES)}  # the figure's cell in a row (after code and name)


def _send(sender, *records):
    body = canonical({"schema": SCHEMA_ID, "records": list(records)})
    return receive_batch(sender=sender, body=body, sig=signature(body, HEAD), head=HEAD)


def _record(record_type, pk, version, body, data):
    subject = {
        "case": "enforcement.case",
        "publication": "publicity.publication",
        "compulsory": "enforcement.investigationact",
        "inspection": "inspection.taskobject",
    }[record_type]
    return {
        "schema": SCHEMA_ID,
        "record_type": record_type,
        "record_id": f"{subject}:{pk}",
        "version": version,
        "event": "test.step",
        "recorded_at": "2022-03-15T09:00:00+08:00",
        "body": {"code": body.code, "name": body.name},
        "data": data,
    }


def case(pk, version, body, *, procedure="ordinary", decided_on=None, outcome="penalty", fine="600.00"):
    decision = None
    if decided_on:
        decision = {
            "decision_number": f"辛综执罚决字〔2022〕{pk}号",
            "decided_on": decided_on,
            "outcome": outcome,
            "penalty_kinds": "fine",
            "fine_amount": fine,
            "decision_text": "",
            "served_on": None,
        }
    return _record(
        "case",
        pk,
        version,
        body,
        {
            "kind": "case",
            "number": f"辛综执立〔2022〕{pk}号",
            "title": "露天焚烧秸秆案",
            "procedure": procedure,
            "status": "decided" if decided_on else "investigating",
            "source": "inspection",
            "discovered_on": "2019-09-01",
            "act_date": "2019-09-01",
            "party_kind": "person",
            "party_name": "孙某某",
            "filed_on": "2019-09-02",
            "decision": decision,
            "closed_on": None,
        },
    )


def publication(pk, version, body, case_pk, *, decided_on, published_on):
    return _record(
        "publication",
        pk,
        version,
        body,
        {
            "kind": "publication",
            "case_record_id": f"enforcement.case:{case_pk}",
            "result_kind": "penalty",
            "state": "published" if published_on else "draft",
            "decision_number": f"辛综执罚决字〔2019〕{case_pk}号",
            "party_display": "孙某某",
            "violation_type": "露天焚烧",
            "penalty": "罚款",
            "fine_amount": "600.00",
            "decided_on": decided_on,
            "published_on": published_on,
            "withdrawn_on": None,
            "redacted_text": "",
        },
    )


def compulsory(pk, version, body, *, measure, on):
    return _record(
        "compulsory",
        pk,
        version,
        body,
        {
            "kind": "compulsory",
            "case_record_id": "enforcement.case:1",
            "case_number": "辛综执立〔2022〕1号",
            "measure": measure,
            "on": on,
            "due_on": None,
            "extended": False,
            "ended_on": None,
            "handling": "",
        },
    )


def inspection(pk, version, body, *, inspected_on):
    return _record(
        "inspection",
        pk,
        version,
        body,
        {
            "kind": "inspection",
            "task_number": "辛综执抽〔2022〕1号",
            "task_title": "2022年第一季度燃气安全抽查",
            "item_name": "燃气经营检查",
            "item_basis": "《城镇燃气管理条例》",
            "task_status": "completed",
            "drawn_on": "2022-01-10",
            "stratum": "medium",
            "object_name": f"辛口燃气站{pk}",
            "object_kind": "enterprise",
            "credit_code": "91120111MA05K1234X",
            "result": "passed" if inspected_on else "pending",
            "inspected_on": inspected_on,
            "completed_on": None,
            "published_on": None,
            "public_findings": "",
            "case_record_id": None,
        },
    )


def _rows(response):
    return {row[0]: row for row in response.context["sheet"].rows}


def test_the_latest_version_of_a_record_wins_whatever_order_it_arrives_in(client, w):
    _send(w.leader, case(1, 9, w.town, decided_on="2022-03-15"))  # v9: decided, penalty by ordinary procedure
    _send(w.leader, case(1, 5, w.town))  # v5 arrives late: still under investigation, no decision
    assert [(r.record_id, r.version) for r in latest(w.leader)] == [("enforcement.case:1", 9)]
    client.force_login(w.leader)
    response = client.get(URL, {"year": 2022, "quarter": 1})
    assert response.status_code == 200
    assert _rows(response)[w.town.code][COLUMN["penalties_ordinary"]] == 1  # counted once, as decided
    (sender,) = response.context["senders"]
    assert sender["total"] == 1  # two versions stored, one record


def test_the_same_record_id_from_two_senders_is_two_records(w):
    second = person(w.town, Role.LEADER, name="周")  # another account pushing for 辛口镇 (its own id space)
    _send(w.leader, case(1, 3, w.town, decided_on="2022-03-15"))
    _send(second, case(1, 2, w.town, decided_on="2022-03-16"))
    assert sorted(r.version for r in latest(w.leader)) == [2, 3]


def test_an_outsider_sees_nothing_and_those_without_a_role_are_refused_in_chinese(client, w):
    _send(w.leader, case(1, 9, w.town, decided_on="2019-09-27"))  # no publication: overdue today
    client.force_login(w.outsider)  # 张家窝镇's leader: the role, but 辛口镇 is outside the scope
    response = client.get(URL, {"year": 2022, "quarter": 1})
    assert response.status_code == 200
    assert response.context["senders"] == []
    assert list(_rows(response)) == ["合计"]
    assert response.context["alerts"] == []
    assert w.town.code not in response.content.decode()
    for user in (w.officer1, w.colleague):  # an officer; a colleague with no role
        client.force_login(user)
        refused = client.get(URL)
        assert refused.status_code == 403
        assert "查看接收的报送记录" in refused.content.decode()
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


def test_the_quarters_figures_are_worked_out_from_the_records_received(client, w):
    _send(
        w.leader,
        case(1, 4, w.town, procedure="summary", decided_on="2022-01-20", fine="50.00"),
        case(2, 8, w.town, procedure="ordinary", decided_on="2022-03-31", fine="600.00"),
        case(3, 9, w.town, procedure="ordinary", decided_on="2022-02-01", outcome="minor", fine=None),  # no penalty
        case(4, 10, w.town, procedure="ordinary", decided_on="2022-04-01", fine="900.00"),  # the next quarter
        case(5, 11, w.town),  # not decided
        compulsory(1, 12, w.team, measure="seizure", on="2022-02-10"),
        compulsory(2, 13, w.team, measure="demolition", on="2022-02-11"),  # 强制执行, not a 强制措施
        compulsory(3, 14, w.team, measure="seizure", on="2021-12-31"),  # the quarter before
        inspection(1, 15, w.team, inspected_on="2022-03-01"),
        inspection(2, 16, w.team, inspected_on="2022-03-02"),
        inspection(3, 17, w.team, inspected_on=None),  # drawn, not yet inspected
    )
    client.force_login(w.leader)
    response = client.get(URL, {"year": 2022, "quarter": 1})
    rows = _rows(response)
    town, team, total = rows[w.town.code], rows[w.team.code], rows["合计"]
    assert town[COLUMN["penalties_summary"]] == 1
    assert town[COLUMN["penalties_ordinary"]] == 1
    assert town[COLUMN["fines_imposed"]] == Decimal("650.00")
    assert team[COLUMN["coercive_measures"]] == 1
    assert team[COLUMN["random_checks"]] == 2
    assert total[COLUMN["penalties_ordinary"]] == 1 and total[COLUMN["random_checks"]] == 2
    for key in ("inspections", "fines_collected", "coercive_execution", "hearings", "reconsiderations", "lawsuits"):
        assert town[COLUMN[key]] == NONE and total[COLUMN[key]] == NONE  # not in the records: "—", never 0
    notes = "".join(response.context["sheet"].notes)
    assert "听证不在交换记录中" in notes
    q2 = _rows(client.get(URL, {"year": 2022, "quarter": 2}))
    assert q2[w.town.code][COLUMN["penalties_ordinary"]] == 1  # case 4
    assert q2[w.town.code][COLUMN["fines_imposed"]] == Decimal("900.00")
    by_type = dict(response.context["senders"][0]["cells"])
    assert by_type["行政处罚案件"] == 5 and by_type["行政强制"] == 3 and by_type["执法检查"] == 3


def test_a_publication_later_than_seven_working_days_after_the_decision_is_flagged(client, w, settings):
    """Decided Friday 2019-09-27. 国庆 2019: 10-01..10-07 off, Sunday 09-29 and Saturday 10-12 worked. The 7 working
    days are 09-29, 09-30, 10-08, 10-09, 10-10, 10-11, 10-12: due 2019-10-12 (国办发〔2018〕118号 第（六）项)."""
    settings.FAZHI_TODAY = date(2019, 10, 25)
    decided = "2019-09-27"
    _send(
        w.leader,
        case(1, 3, w.town, decided_on=decided),
        publication(1, 4, w.town, 1, decided_on=decided, published_on="2019-10-12"),  # the last day: on time
        case(2, 5, w.town, decided_on=decided),
        publication(2, 6, w.town, 2, decided_on=decided, published_on="2019-10-14"),  # the next working day: late
        case(3, 7, w.town, decided_on=decided),  # no publication record at all
        case(4, 8, w.town, decided_on=decided),
        publication(4, 9, w.town, 4, decided_on=decided, published_on=None),  # drafted, never published
        case(5, 10, w.town, decided_on=decided, outcome="minor", fine=None),  # not a penalty: another period
    )
    alerts = {a.record_id: a for a in late_publications(w.leader)}
    assert set(alerts) == {"enforcement.case:2", "enforcement.case:3", "enforcement.case:4"}
    assert {a.due for a in alerts.values()} == {date(2019, 10, 12)}
    assert alerts["enforcement.case:2"].published_on == date(2019, 10, 14)
    assert "没有公示记录" in alerts["enforcement.case:3"].detail
    assert "至今未公示" in alerts["enforcement.case:4"].detail
    client.force_login(w.leader)
    page = client.get(URL, {"year": 2019, "quarter": 3}).content.decode()
    assert "2019-10-12" in page and "enforcement.case:2" in page and 'enforcement.case:1"' not in page
    assert "国办发〔2018〕118号" in page


def test_an_unpublished_decision_is_not_flagged_before_its_due_date(w, settings):
    _send(w.leader, case(3, 7, w.town, decided_on="2019-09-27"))
    settings.FAZHI_TODAY = date(2019, 10, 12)  # the due day itself (a worked Saturday)
    assert late_publications(w.leader) == []
    settings.FAZHI_TODAY = date(2019, 10, 13)
    assert [a.record_id for a in late_publications(w.leader)] == ["enforcement.case:3"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"year": "二〇一九", "quarter": 1}, "year"),
        ({"year": 1999, "quarter": 1}, "year"),
        ({"year": 2019, "quarter": 5}, "quarter"),
    ],
)
def test_a_bad_year_or_quarter_is_400_in_chinese(client, w, params, words):
    client.force_login(w.leader)
    response = client.get(URL, params)
    assert response.status_code == 400
    text = response.content.decode()
    assert words in text and "应为" in text


def test_the_staff_menu_shows_the_entry_to_the_roles_that_may_open_it(client, w):
    client.force_login(w.leader)
    assert 'href="/exchange/received/"' in client.get(URL).content.decode()
    client.force_login(w.officer1)
    page = client.get("/cases/")
    assert page.status_code == 200 and 'href="/cases/"' in page.content.decode()  # the menu is there
    assert 'href="/exchange/received/"' not in page.content.decode()


def test_the_page_costs_the_same_queries_for_few_or_many_records(client, w):
    """Set-based reads: the latest versions in one query per section, never one per record."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(w.leader)

    def cost():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"year": 2019, "quarter": 3}).status_code == 200
        return len(ctx.captured_queries)

    _send(
        w.leader,
        case(1, 1, w.town, decided_on="2019-09-27"),
        publication(1, 2, w.town, 1, decided_on="2019-09-27", published_on="2019-10-14"),
    )
    few = cost()
    _send(
        w.leader,
        *(case(n, 10 + 2 * n, w.town, decided_on="2019-09-27") for n in range(2, 30)),
        *(case(n, 11 + 2 * n, w.town, decided_on="2019-09-27") for n in range(2, 30)),  # a newer version of each
        *(publication(n, 100 + n, w.town, n, decided_on="2019-09-27", published_on="2019-10-14") for n in range(2, 30)),
    )
    assert cost() == few
