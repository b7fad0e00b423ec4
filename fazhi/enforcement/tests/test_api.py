"""API: read cases and perform steps through the same services, with session or bearer-token authentication."""

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.accounts.services import issue_token
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at


def make_token(user) -> str:
    return issue_token(actor=user, user=user, name="测试")[1]


@pytest.fixture
def client():
    """Like the browser and a script: Django's CSRF check is on (the default test client skips it)."""
    return Client(enforce_csrf_checks=True)


def test_token_reads_only_the_towns_cases(w, client):
    case = case_at(w, "investigating")
    mine = client.get("/api/v1/enforcement/cases", HTTP_AUTHORIZATION=f"Bearer {make_token(w.officer1)}")
    assert mine.status_code == 200
    assert [c["number"] for c in mine.json()] == ["辛口综执立字〔2022〕第1号"]
    theirs = client.get("/api/v1/enforcement/cases", HTTP_AUTHORIZATION=f"Bearer {make_token(w.outsider)}")
    assert theirs.json() == []
    detail = client.get(f"/api/v1/enforcement/cases/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {make_token(w.outsider)}")
    assert detail.status_code == 404
    assert client.get("/api/v1/enforcement/cases", HTTP_AUTHORIZATION="Bearer forged").status_code == 401


def test_steps_go_through_the_services_and_refusals_name_the_article(w, client):
    case = case_at(w, "lead")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {make_token(w.officer1)}"}
    url = f"/api/v1/enforcement/cases/{case.pk}/steps/request_filing"
    bad = client.post(url, {"on": "2022-03-02", "officers": [w.officer1.pk]}, content_type="application/json", **auth)
    assert bad.status_code == 400 and "第四十二条" in bad.json()["detail"]
    assert Case.objects.get(pk=case.pk).status == "lead"
    ok = client.post(
        url, {"on": "2022-03-02", "officers": [w.officer1.pk, w.officer2.pk]}, content_type="application/json", **auth
    )
    assert ok.status_code == 200 and ok.json()["status"] == "filing"
    leader = {"HTTP_AUTHORIZATION": f"Bearer {make_token(w.leader)}"}
    approved = client.post(
        f"/api/v1/enforcement/cases/{case.pk}/steps/approve_filing",
        {"on": "2022-03-03"},
        content_type="application/json",
        **leader,
    )
    assert approved.json()["number"] == "辛口综执立字〔2022〕第1号"


def test_session_users_get_a_token_and_the_command_prints_one(w, client, capsys):
    client.force_login(w.officer1)
    client.get("/account/")  # sets the CSRF cookie
    token = client.post(
        "/api/v1/accounts/tokens",
        {"name": "脚本"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    ).json()["token"]
    client.logout()
    assert client.get("/api/v1/enforcement/cases", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    call_command("api_token", w.officer1.username, "--name", "命令行")
    key = capsys.readouterr().out.strip()
    assert client.get("/api/v1/enforcement/cases", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_decide_step_takes_a_late_reason_after_the_decision_period(w, client):
    from datetime import date

    from fazhi.enforcement import services

    case = case_at(w, "notified")
    services.waive_rights(actor=w.officer1, case=case, on=date(2022, 3, 10), note="书面放弃")
    url = f"/api/v1/enforcement/cases/{case.pk}/steps/decide"
    leader = {"HTTP_AUTHORIZATION": f"Bearer {make_token(w.leader)}"}
    bad = client.post(url, {"on": "2022-06-10"}, content_type="application/json", **leader)
    assert bad.status_code == 400 and "第六十条" in bad.json()["detail"]
    ok = client.post(url, {"on": "2022-06-10", "late_reason": "鉴定耗时"}, content_type="application/json", **leader)
    assert ok.status_code == 200 and ok.json()["status"] == "decided"


def test_a_session_post_needs_the_csrf_token_and_a_bearer_post_does_not(w, client):
    case = case_at(w, "lead")
    url = f"/api/v1/enforcement/cases/{case.pk}/steps/request_filing"
    data = {"on": "2022-03-02", "officers": [w.officer1.pk, w.officer2.pk]}
    client.force_login(w.officer1)
    refused = client.post(url, data, content_type="application/json")
    assert refused.status_code == 403 and Case.objects.get(pk=case.pk).status == "lead"
    client.get("/account/")  # the page sets the CSRF cookie, as the browser's pages do
    token = client.cookies["csrftoken"].value
    assert client.post(url, data, content_type="application/json", HTTP_X_CSRFTOKEN=token).status_code == 200
    client.logout()
    other = case_at(w, "lead")
    by_token = client.post(
        f"/api/v1/enforcement/cases/{other.pk}/steps/request_filing",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {make_token(w.officer1)}",
    )
    assert by_token.status_code == 200
