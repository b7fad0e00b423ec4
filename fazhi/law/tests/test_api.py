import pytest

from fazhi.core.access import Role
from fazhi.law.services import create_power_item
from fazhi.law.tests.factories import staff, town
from fazhi.law.tests.test_powers import burning_spec


@pytest.fixture
def setup(laws):
    _, team = town("辛口镇")
    _, other = town("杨柳青镇")
    mine = create_power_item(actor=None, body=team, code="XK-001", spec=burning_spec())
    theirs = create_power_item(actor=None, body=other, code="YLQ-001", spec=burning_spec())
    return {"mine": mine, "theirs": theirs, "officer": staff(team, Role.OFFICER)}


def test_api_article_by_key_search_and_scoped_powers(client, setup):
    client.force_login(setup["officer"])
    art = client.get("/api/v1/law/articles", {"key": "行政处罚法/2021-01-22/第五十八条/第一款/第三项"}).json()
    assert art["display"] == "《中华人民共和国行政处罚法》第五十八条第一款第三项"
    assert len(art["paragraphs"][0]["items"]) == 4
    assert client.get("/api/v1/law/articles", {"key": "行政处罚法/2021-01-22/第九百条"}).status_code == 404
    found = client.get("/api/v1/law/search", {"q": "露天焚烧"}).json()
    assert found["total"] >= 1 and "<mark>露天焚烧</mark>" in found["hits"][0]["snippet"]
    powers = client.get("/api/v1/law/powers").json()
    assert [p["code"] for p in powers] == ["XK-001"]
    assert powers[0]["benchmark"][0]["name"] == "轻微"
    assert client.get(f"/api/v1/law/powers/{setup['theirs'].pk}").status_code == 404
    laws = client.get("/api/v1/law/laws").json()
    assert any(law["short_name"] == "行政复议法" and len(law["versions"]) == 2 for law in laws)


def test_api_needs_login(client, setup):
    assert client.get("/api/v1/law/powers").status_code == 401


def test_api_is_in_the_openapi_schema(client, setup):
    client.force_login(setup["officer"])
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/law/articles", "/api/v1/law/search", "/api/v1/law/powers"} <= set(paths)
