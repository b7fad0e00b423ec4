"""Supervision alerts computed from the record (DOMAIN.md §1, §7): each rule, scope, the page and its export."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.enforcement.tests.factories import case_at
from fazhi.supervision import alerts

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
ALERTS = reverse("supervision:alerts")


def found(user, year, rule, today=TODAY):
    return [a for a in alerts.compute(user, today=today, year=year, only=[rule])]


def test_a_suspended_certificate_flags_the_acts_it_was_used_on(w, sup):
    from fazhi.org.services import suspend_certificate

    case_at(w, "proposed")  # 2022-03-04: inspection by officer1 and officer2, both certified
    supervisor = sup
    assert found(supervisor, 2022, "uncertified_officer") == []
    cert = w.officer2.certificates.get()
    suspend_certificate(actor=None, certificate=cert, reason="涉嫌违法执法，监督期间暂扣")
    bad = found(supervisor, 2022, "uncertified_officer")
    assert len(bad) == 1 and w.officer2.last_name in bad[0].detail and bad[0].on == date(2022, 3, 4)
    few = found(supervisor, 2022, "too_few_officers")
    assert len(few) == 1 and "只有 1 名" in few[0].detail  # officer1 alone still holds a valid certificate
    assert few[0].url == reverse("enforcement:case_detail", args=[few[0].url.split("/")[-2]])


def test_a_case_not_decided_within_ninety_days_is_late_and_idle(w, sup):
    case = case_at(w, "investigating")  # filed 2022-03-03: 第六十条 90 days → due 2022-06-01, never decided
    supervisor = sup
    late = found(supervisor, 2022, "decision_late")
    assert len(late) == 1 and late[0].url == reverse("enforcement:case_detail", args=[case.pk])
    assert "至今未决定" in late[0].detail
    idle = found(supervisor, 2022, "case_idle")
    assert len(idle) == 1 and idle[0].on == date(2022, 3, 3)  # 立案 on 2022-03-03 was the last step taken
    assert any(a.rule == "deadline_overdue" for a in alerts.compute(supervisor, today=TODAY, year=2022))


def test_a_body_with_penalty_powers_and_no_decision_in_the_year(w, sup):
    case_at(w, "decided")  # decided 2022-03-15
    supervisor = sup
    assert [a.record for a in found(supervisor, 2021, "zero_enforcement")] == [w.town.name]  # 天津 Art. 17
    assert found(supervisor, 2022, "zero_enforcement") == []


def test_another_town_sees_none_of_these(w, sup):
    case_at(w, "investigating")
    outsider = w.outsider  # 张家窝镇
    assert all(a.body_id not in (w.town.pk, w.team.pk) for a in alerts.compute(outsider, today=TODAY, year=2022))
    assert found(outsider, 2022, "decision_late") == []


def _queries(client, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(ALERTS, params).status_code == 200
    return len(captured)


def test_the_page_reads_set_based(client, w, sup):
    """One read per rule (and the scope lookups), whatever the number of records: more cases, same query count."""
    case_at(w, "investigating")
    client.force_login(sup)
    first = _queries(client, year=2022)
    for _ in range(3):
        case_at(w, "proposed")
    assert _queries(client, year=2022) <= first + 2  # the calendar years touched may add a read; rows add none


def test_page_counts_per_town_and_exports(client, w, sup):
    case_at(w, "investigating")
    client.force_login(sup)
    response = client.get(ALERTS, {"year": 2022})
    assert response.status_code == 200
    row = next(r for r in response.context["matrix"] if r["rule"].key == "decision_late")
    names = [u.name for u in response.context["units"]]
    assert names == ["辛口镇", "张家窝镇"]
    assert row["cells"] == [1, 0]
    filtered = client.get(ALERTS, {"year": 2022, "rule": "decision_late", "body": w.other.pk})
    assert filtered.context["shown"] == 0
    export = client.get(ALERTS, {"year": 2022, "format": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_page_refuses_the_wrong_people(client, w):
    client.force_login(w.officer1)
    assert client.get(ALERTS).status_code == 403
    client.logout()
    assert client.get(ALERTS).status_code == 302
    client.force_login(w.outsider)
    response = client.get(ALERTS, {"year": "不是年份"})
    assert response.status_code == 200 and "辛口" not in response.content.decode()
