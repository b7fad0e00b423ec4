import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1/audit"


def api_get(client, user, path, **params):
    if user is not None:
        client.force_login(user)
    return client.get(f"{API}{path}", params)


def test_entries_are_scoped_like_the_page(client, town_chain):
    data = api_get(client, town_chain.leader, "/entries").json()
    assert data["count"] == 2
    assert [item["seq"] for item in data["items"]] == [town_chain.team_entry.seq, town_chain.town_entry.seq]
    item = data["items"][0]
    assert item["event_label"] == "暂扣执法证件"
    assert "状态：有效 → 暂扣" in item["summary"]  # in words, not the stored codes
    assert item["entry_hash"] == town_chain.team_entry.entry_hash


def test_supervisor_filters_entries(client, town_chain):
    data = api_get(client, town_chain.supervisor, "/entries", date_from="2019-10-10").json()
    assert {item["seq"] for item in data["items"]} == {town_chain.other_entry.seq, town_chain.system_entry.seq}
    data = api_get(client, town_chain.supervisor, "/entries", subject_type="org.user", subject_id="99").json()
    assert [item["seq"] for item in data["items"]] == [town_chain.other_entry.seq]


def test_reversed_dates_are_refused_in_chinese(client, town_chain):
    response = api_get(client, town_chain.supervisor, "/entries", date_from="2019-10-10", date_to="2019-10-01")
    assert response.status_code == 422
    assert "截止日期" in response.json()["detail"]


def test_officer_without_role_gets_403_and_anonymous_401(client, town_chain):
    assert api_get(client, town_chain.officer, "/entries").status_code == 403
    assert api_get(client, town_chain.officer, "/head").status_code == 403
    client.logout()
    assert api_get(client, None, "/entries").status_code == 401


def test_head_is_the_last_entry_as_a_checkpoint(client, town_chain):
    data = api_get(client, town_chain.leader, "/head").json()
    last = town_chain.system_entry
    assert data == {"seq": last.seq, "entry_hash": last.entry_hash, "checkpoint": f"{last.seq}:{last.entry_hash}"}


def test_verify_endpoint_for_supervisors_only(client, town_chain):
    data = api_get(client, town_chain.supervisor, "/verify").json()
    assert data["ok"] and data["count"] == 4 and data["finding"] is None
    data = api_get(client, town_chain.supervisor, "/verify", against="4:" + "b" * 64).json()
    assert not data["ok"] and data["finding"]["kind"] == "与检查点不符"
    assert api_get(client, town_chain.supervisor, "/verify", against="x").status_code == 422
    assert api_get(client, town_chain.leader, "/verify").status_code == 403
