import json

import pytest
from django.urls import reverse

from fazhi.audit.tests.factories import append
from fazhi.audit.tests.tamper import tamper

pytestmark = pytest.mark.django_db

CHAIN = reverse("supervision:chain")
VERIFY = reverse("supervision:verify")


def seqs(response) -> set[int]:
    return {row.entry.seq for row in response.context["rows"]}


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_district_supervisor_sees_both_towns_and_system_entries(client, town_chain):
    response = get(client, town_chain.supervisor, CHAIN)
    assert response.status_code == 200
    t = town_chain
    assert seqs(response) == {t.town_entry.seq, t.team_entry.seq, t.other_entry.seq, t.system_entry.seq}


def test_town_leader_sees_only_own_town(client, town_chain):
    response = get(client, town_chain.leader, CHAIN)
    assert response.status_code == 200
    assert seqs(response) == {town_chain.town_entry.seq, town_chain.team_entry.seq}
    assert "张家窝镇" not in response.content.decode()


def test_town_legal_reviewer_sees_own_town(client, town_chain):
    assert seqs(get(client, town_chain.reviewer, CHAIN)) == {town_chain.town_entry.seq, town_chain.team_entry.seq}


def test_other_town_leader_sees_only_their_town(client, town_chain):
    assert seqs(get(client, town_chain.outsider, CHAIN)) == {town_chain.other_entry.seq}


def test_superuser_sees_everything(client, town_chain):
    assert len(seqs(get(client, town_chain.superuser, CHAIN))) == 4


def test_officer_without_a_chain_role_is_refused(client, town_chain):
    assert get(client, town_chain.officer, CHAIN).status_code == 403
    assert (
        get(client, town_chain.officer, reverse("supervision:entry", args=[town_chain.team_entry.seq])).status_code
        == 403
    )
    assert get(client, town_chain.officer, VERIFY).status_code == 403


def test_anonymous_is_sent_to_login(client, town_chain):
    for url in (CHAIN, VERIFY, reverse("supervision:entry", args=[1])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_row_shows_time_in_beijing_actor_event_subject_change_and_short_hash(client, town_chain):
    response = get(client, town_chain.leader, CHAIN)
    page = response.content.decode()
    entry = town_chain.team_entry
    assert '2019-10-09 <span class="text-muted">10:00:00</span>' in page  # 02:00 UTC
    assert "王建国" in page
    assert "暂扣执法证件" in page
    assert "执法证 津执00007" in page
    assert "状态：" in page and '<span class="old">有效</span> → 暂扣' in page
    assert "valid" not in page.replace("is-valid", "")
    assert "理由：涉嫌违规" in page
    assert entry.entry_hash[:12] in page and entry.entry_hash not in page.replace(
        f'title="本条哈希 {entry.entry_hash}"', ""
    )


def test_entry_detail_in_scope_and_404_outside(client, town_chain):
    own = reverse("supervision:entry", args=[town_chain.other_entry.seq])
    foreign = reverse("supervision:entry", args=[town_chain.town_entry.seq])
    response = get(client, town_chain.outsider, own)
    assert response.status_code == 200
    assert town_chain.other_entry.entry_hash in response.content.decode()
    assert get(client, town_chain.outsider, foreign).status_code == 404
    assert (
        get(client, town_chain.leader, reverse("supervision:entry", args=[town_chain.system_entry.seq])).status_code
        == 404
    )
    assert (
        get(client, town_chain.supervisor, reverse("supervision:entry", args=[town_chain.system_entry.seq])).status_code
        == 200
    )


def test_filter_by_subject(client, town_chain):
    response = get(client, town_chain.supervisor, CHAIN, subject_type="org.certificate", subject_id="7")
    assert seqs(response) == {town_chain.team_entry.seq}


def test_filter_by_actor_name_and_event(client, town_chain):
    assert seqs(get(client, town_chain.supervisor, CHAIN, actor="彭红")) == {town_chain.other_entry.seq}
    assert seqs(get(client, town_chain.supervisor, CHAIN, actor="系统")) == {town_chain.system_entry.seq}
    assert seqs(get(client, town_chain.supervisor, CHAIN, actor_id=town_chain.leader.pk)) == {
        town_chain.town_entry.seq,
        town_chain.team_entry.seq,
    }
    assert seqs(get(client, town_chain.supervisor, CHAIN, event="org.body_created")) == {town_chain.town_entry.seq}


def test_filter_by_date_range_uses_beijing_days(client, town_chain):
    response = get(client, town_chain.supervisor, CHAIN, date_from="2019-10-09", date_to="2019-10-09")
    assert seqs(response) == {town_chain.team_entry.seq}
    response = get(client, town_chain.supervisor, CHAIN, date_from="2019-10-09")
    assert seqs(response) == {town_chain.team_entry.seq, town_chain.other_entry.seq, town_chain.system_entry.seq}


def test_bad_filter_rerenders_with_chinese_error_naming_the_field(client, town_chain):
    response = get(client, town_chain.supervisor, CHAIN, date_from="2019-13-45")
    assert response.status_code == 400
    assert "起始日期" in response.content.decode() and "年-月-日" in response.content.decode()
    response = get(client, town_chain.supervisor, CHAIN, date_from="2019-10-09", date_to="2019-10-01")
    assert response.status_code == 400
    assert "“截止日期”不能早于“起始日期”" in response.content.decode()
    assert seqs(response) == set()


def test_list_is_paginated_and_keeps_filters(client, town_chain):
    append(60, body_id=town_chain.town.pk)
    response = get(client, town_chain.leader, CHAIN, event="core.setting_changed")
    assert len(response.context["rows"]) == 50
    assert response.context["page"].paginator.count == 60
    page = response.content.decode()
    assert "event=core.setting_changed&amp;page=2" in page
    second = get(client, town_chain.leader, CHAIN, event="core.setting_changed", page=2)
    assert len(second.context["rows"]) == 10


def test_nav_shows_chain_only_to_those_who_may_see_it(client, town_chain):
    assert "审计链</a>" in get(client, town_chain.supervisor, CHAIN).content.decode()
    client.force_login(town_chain.officer)
    assert 'href="/audit/"' not in client.get(reverse("workbench:home")).content.decode()


def test_supervisor_runs_verification_and_sees_intact_chain(client, town_chain):
    response = get(client, town_chain.supervisor, VERIFY)
    assert response.status_code == 200 and response.context["result"] is None
    response = get(client, town_chain.supervisor, VERIFY, run="1")
    assert response.context["result"].ok
    assert f"审计链完整：共 4 条，链头 #4 {town_chain.system_entry.entry_hash}" in response.content.decode()


def test_supervisor_sees_the_first_broken_entry(client, town_chain):
    tamper(("UPDATE audit_chainentry SET payload = %s WHERE seq = 2", [json.dumps({"new": {"state": "valid"}})]))
    response = get(client, town_chain.supervisor, VERIFY, run="1")
    assert not response.context["result"].ok
    assert "#2 内容被修改" in response.content.decode()


def test_verification_against_a_checkpoint_and_a_bad_checkpoint(client, town_chain):
    good = f"4:{town_chain.system_entry.entry_hash}"
    assert get(client, town_chain.supervisor, VERIFY, run="1", against=good).context["result"].ok
    wrong = "4:" + "a" * 64
    response = get(client, town_chain.supervisor, VERIFY, run="1", against=wrong)
    assert "与检查点不符" in response.content.decode()
    response = get(client, town_chain.supervisor, VERIFY, run="1", against="四:abc")
    assert response.status_code == 400
    assert "检查点" in response.content.decode() and "格式" in response.content.decode()


def test_town_leader_may_not_run_verification(client, town_chain):
    assert get(client, town_chain.leader, VERIFY, run="1").status_code == 403
    assert 'href="/audit/verify/"' not in get(client, town_chain.leader, CHAIN).content.decode()
