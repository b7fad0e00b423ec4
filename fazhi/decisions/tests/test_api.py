"""API: decisions and counsel in scope only; steps through the same services; refusals name the article."""

import pytest
from django.test import Client

from fazhi.accounts.services import issue_token
from fazhi.decisions.tests.test_procedure import deliberated, started

pytestmark = pytest.mark.django_db


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(actor=user, user=user, name='测试')[1]}"}


def test_decisions_api_scope_steps_and_said(town, item):
    client = Client(enforce_csrf_checks=True)
    decision = started(town, item)
    mine = client.get("/api/v1/decisions/decisions", **auth(town.leader))
    assert [d["id"] for d in mine.json()] == [decision.pk]
    assert client.get("/api/v1/decisions/decisions", **auth(town.outsider)).json() == []
    assert client.get(f"/api/v1/decisions/decisions/{decision.pk}", **auth(town.outsider)).status_code == 404
    url = f"/api/v1/decisions/decisions/{decision.pk}/comment"
    bad = client.post(url, {"on": "2019-09-10", "ends_on": "2019-09-20", "channel": "网站"},
                      content_type="application/json", **auth(town.clerk))  # fmt: skip
    assert bad.status_code == 400 and "第十五条" in bad.json()["detail"] and bad.json()["field"] == "short_reason"
    ok = client.post(url, {"on": "2019-09-10", "ends_on": "2019-10-10", "channel": "网站"},
                     content_type="application/json", **auth(town.clerk))  # fmt: skip
    assert ok.status_code == 200 and ok.json()["status"] == "consulting"


def test_said_and_counsel_figures(town, item):
    client = Client(enforce_csrf_checks=True)
    decision = deliberated(town, item)
    said = client.get(f"/api/v1/decisions/decisions/{decision.pk}", **auth(town.leader)).json()["said"]
    assert [s["name"] for s in said if s["exempt"]] == ["李二"]
    rows = client.get("/api/v1/counsel/engagements?year=2019", **auth(town.leader)).json()
    assert rows[0]["asked"] == 1 and rows[0]["on_time"] == 1
    assert client.get("/api/v1/counsel/engagements", **auth(town.outsider)).json() == []
