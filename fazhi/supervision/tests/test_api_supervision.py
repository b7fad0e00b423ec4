"""The supervision API: alerts, 评查 results, 监督事项 and their steps — scoped like the pages."""

from datetime import date

import pytest

from fazhi.enforcement.tests.factories import case_at
from fazhi.supervision import services

pytestmark = pytest.mark.django_db


def test_alerts_api_is_scoped(client, w, sup):
    case_at(w, "investigating")
    client.force_login(sup)
    rows = client.get("/api/v1/audit/alerts", {"year": 2022, "rule": "decision_late"}).json()
    assert len(rows) == 1 and rows[0]["citation"].endswith("第六十条") and rows[0]["body_id"] == w.town.pk
    assert client.get("/api/v1/audit/alerts", {"rule": "nope"}).status_code == 422
    client.force_login(w.outsider)
    assert client.get("/api/v1/audit/alerts", {"year": 2022, "rule": "decision_late"}).json() == []
    client.force_login(w.officer1)
    assert client.get("/api/v1/audit/alerts").status_code == 403


def test_matter_steps_through_the_api(client, w, sup):
    m = services.open_matter(actor=sup, body=w.town, source="check", title="检查", facts="情况", on=date(2022, 6, 13))
    client.force_login(sup)
    response = client.post(
        f"/api/v1/audit/matters/{m.pk}/accept", {"on": "2022-06-14"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    response = client.post(f"/api/v1/audit/matters/{m.pk}/issue",
                           {"kind": "notice", "findings": "限期改正", "rectify_by": "2022-06-10", "on": "2022-06-15"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400 and response.json()["field"] == "rectify_by"
    client.force_login(w.outsider)
    assert client.post(f"/api/v1/audit/matters/{m.pk}/accept", {"on": "2022-06-14"},
                       content_type="application/json").status_code == 404  # fmt: skip
