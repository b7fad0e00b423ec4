"""The chain in people's words: labels for every state and outcome, names for ids, filters in Chinese, the checkpoint
as a file and its check in the browser — for the supervisor, a colleague without the role and an outsider."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from fazhi.audit import display
from fazhi.audit.events import Event
from fazhi.audit.services import record

pytestmark = pytest.mark.django_db

CHAIN = reverse("supervision:chain")
VERIFY = reverse("supervision:verify")
CHECKPOINT = reverse("supervision:checkpoint")


def seqs(response) -> set[int]:
    return {row.entry.seq for row in response.context["rows"]}


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


@pytest.fixture
def answered(town_chain):
    """A disclosure request answered by the town's leader, with the internal codes the chain stores."""
    with time_machine.travel(datetime(2019, 10, 11, 2, 0, tzinfo=UTC), tick=False):
        return record(
            actor=town_chain.leader,
            event=Event.DISCLOSURE_ANSWERED,
            subject=("disclosure.disclosurerequest", "5", "辛口镇依申请〔2019〕5号"),
            payload={
                "old": {"status": "in_progress", "outcome": ""},
                "new": {"status": "answered", "outcome": "disclosed.provided"},
                "in_time": True,
                "approver_id": town_chain.leader.pk,
            },
            body_id=town_chain.town.pk,
        )


def test_states_and_outcomes_read_as_words_with_names_for_ids(client, town_chain, answered):
    page = get(client, town_chain.supervisor, CHAIN).content.decode()
    assert '状态：<span class="old">办理中</span> → 已答复' in page
    assert '办理结果：<span class="old">（空）</span> → 予以公开，提供信息或告知获取方式、途径和时间' in page
    assert "是否在期限内：是" in page and "批准人：王建国" in page
    for raw in ("in_progress", "disclosed.provided", "→ answered", "approver_id", "{&quot;"):
        assert raw not in page, raw


def test_every_choice_of_every_app_has_its_label(client):
    """Each state/outcome value of every registered model reads as its label, whatever the app."""
    from django.apps import apps

    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("fazhi."):
            continue
        scope = model._meta.label_lower
        for field in model._meta.concrete_fields:
            for value, label in getattr(field, "flatchoices", None) or []:
                if not value:
                    continue
                lines = display.summarize({"new": {field.name: value}}, subject_type=scope)
                if lines[0].new != str(label) or lines[0].label != str(field.verbose_name):
                    missing.append((scope, field.name, value))
    assert missing == []
    assert display.scope_name("enforcement.case") == "行政处罚案件"


def test_sub_record_fields_follow_the_event(client, town_chain):
    changes = display.summarize(
        {"new": {"kind": "inspection", "signed": True}},
        subject_type="enforcement.case",
        event="enforcement.act_recorded",
    )
    assert [(c.label, c.new) for c in changes] == [("类别", "现场检查"), ("当事人已签名确认", "是")]


def test_filters_by_person_body_record_and_event_are_selects_in_chinese(client, town_chain, answered):
    t = town_chain
    response = get(client, t.supervisor, CHAIN)
    html = response.content.decode()
    assert '<option value="disclosure.answered">答复政府信息公开申请</option>' in html
    assert '<optgroup label="政府信息公开">' in html
    assert f'<option value="{t.leader.pk}">王建国（辛口镇）</option>' in html
    assert '<option value="disclosure.disclosurerequest">政府信息公开申请</option>' in html
    assert f'<option value="{t.other_town.pk}">' in html  # the 执法机关 select
    assert seqs(get(client, t.supervisor, CHAIN, person=t.leader.pk)) == {
        t.town_entry.seq,
        t.team_entry.seq,
        answered.seq,
    }
    assert seqs(get(client, t.supervisor, CHAIN, person="system")) == {t.system_entry.seq}
    assert seqs(get(client, t.supervisor, CHAIN, body=t.town.pk)) == {t.town_entry.seq, t.team_entry.seq, answered.seq}
    assert seqs(get(client, t.supervisor, CHAIN, body=t.team.pk)) == {t.team_entry.seq}
    assert seqs(get(client, t.supervisor, CHAIN, subject_type="disclosure.disclosurerequest")) == {answered.seq}
    assert seqs(get(client, t.supervisor, CHAIN, record="依申请〔2019〕5号")) == {answered.seq}
    assert seqs(get(client, t.supervisor, CHAIN, event="disclosure.answered")) == {answered.seq}


def test_bad_filter_values_are_a_400_in_chinese_or_ignored_never_a_500(client, town_chain):
    t = town_chain
    response = get(client, t.supervisor, CHAIN, person="abc")
    assert response.status_code == 400 and "操作人" in response.content.decode()
    assert get(client, t.leader, CHAIN, person=t.outsider.pk).status_code == 400  # not in the leader's scope
    assert get(client, t.supervisor, CHAIN, actor_id="99999999999999999999999").status_code == 400
    assert get(client, t.supervisor, CHAIN, event="enforcement.nope").status_code == 400
    for params in ({"body": "x"}, {"body": t.other_town.pk, "page": "-1"}, {"page": "zz"}):
        assert get(client, t.leader, CHAIN, **params).status_code == 200, params


def test_a_page_costs_the_same_queries_for_few_or_many_entries(client, town_chain, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.audit.tests.factories import append

    client.force_login(town_chain.supervisor)
    with CaptureQueriesContext(connection) as few:
        client.get(CHAIN)
    append(60, body_id=town_chain.town.pk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(CHAIN).status_code == 200
    # The page's own reads; the rest is the session, the login's second factor and the lockout check (accounts).
    assert len(few.captured_queries) <= 18


def test_readers_in_scope_see_the_body_of_each_entry_and_the_outsider_only_theirs(client, town_chain, answered):
    t = town_chain
    html = get(client, t.reviewer, CHAIN).content.decode()  # a town's legal reviewer may read
    assert "政府信息公开申请 · 辛口镇" in html
    outsider = get(client, t.outsider, CHAIN, body=t.town.pk)
    assert seqs(outsider) == {t.other_entry.seq}  # another town's body is not a choice: ignored
    assert get(client, t.officer, CHAIN).status_code == 403


def test_supervisor_downloads_the_checkpoint_and_checks_it_in_the_browser(client, town_chain):
    t = town_chain
    response = get(client, t.supervisor, CHECKPOINT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert 'attachment; filename="fazhi-checkpoint-4.txt"' == response["Content-Disposition"]
    text = response.content.decode()
    assert text.splitlines()[0] == f"4:{t.system_entry.entry_hash}"
    # The whole file pasted back, with its comment lines, is a valid checkpoint.
    result = get(client, t.supervisor, VERIFY, run="1", against=text)
    assert result.status_code == 200 and result.context["result"].ok
    assert "审计链完整" in result.content.decode()
    page = get(client, t.supervisor, VERIFY).content.decode()
    assert "audit_checkpoint" not in page and "命令" not in page
    assert f"4:{t.system_entry.entry_hash}" in page  # the current head, to save


def test_checkpoint_is_for_supervisors_only(client, town_chain):
    assert get(client, town_chain.officer, CHECKPOINT).status_code == 403  # colleague without the role
    assert get(client, town_chain.leader, CHECKPOINT).status_code == 403  # reads the chain, does not verify
    assert get(client, town_chain.outsider, CHECKPOINT).status_code == 403  # another town
    client.logout()
    assert client.get(CHECKPOINT).status_code == 302


def test_a_rewritten_history_fails_against_the_saved_checkpoint(client, town_chain):
    saved = get(client, town_chain.supervisor, CHECKPOINT).content.decode().splitlines()[0]
    seq, _ = saved.split(":")
    forged = f"{seq}:{'b' * 64}"
    response = get(client, town_chain.supervisor, VERIFY, run="1", against=forged)
    assert not response.context["result"].ok
    assert "与检查点不符" in response.content.decode()
