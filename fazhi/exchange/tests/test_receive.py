"""The receiving end (POST /api/v1/exchange/batches) and the pushing side against it, in one process."""

import json
import urllib.error

import pytest

from fazhi.accounts.services import issue_token
from fazhi.enforcement.tests.factories import case_at
from fazhi.exchange import push as push_module
from fazhi.exchange.batches import canonical, signature
from fazhi.exchange.models import OutboxEvent, ReceivedRecord
from fazhi.exchange.push import check_url, push
from fazhi.exchange.schema import SCHEMA_ID, V1

URL = "/api/v1/exchange/batches"


def _token(user):
    return issue_token(actor=None, user=user, name="数据报送")[1]


def _batch(records, version=SCHEMA_ID):
    return canonical({"schema": version, "records": records})


def _post(client, key, body, *, sig=None, head="7:" + "a" * 64):
    return client.post(
        URL,
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        HTTP_X_FAZHI_SIGNATURE=signature(body, head) if sig is None else sig,
        HTTP_X_FAZHI_CHAIN_HEAD=head,
    )


@pytest.fixture
def case_records(w):
    case = case_at(w, "decided")
    return [r.record for r in OutboxEvent.objects.filter(record_id=f"enforcement.case:{case.pk}").order_by("id")]


def test_a_batch_is_stored_once_and_a_retry_is_a_no_op(client, w, case_records):
    key = _token(w.leader)  # 辛口镇's leader: the case's body is in scope
    body = _batch(case_records)
    first = _post(client, key, body)
    assert first.status_code == 200, first.content
    assert first.json() == {"accepted": len(case_records), "duplicates": 0}
    again = _post(client, key, body)
    assert again.json() == {"accepted": 0, "duplicates": len(case_records)}
    assert ReceivedRecord.objects.filter(sender=w.leader).count() == len(case_records)
    stored = ReceivedRecord.objects.get(record_id=case_records[-1]["record_id"], version=case_records[-1]["version"])
    assert stored.record == case_records[-1]
    assert stored.body_code == w.town.code


@pytest.mark.parametrize(
    ("spoil", "status", "words"),
    [
        ("signature", 400, "批次签名不符"),
        ("schema", 400, "不符合数据交换格式 v2"),
        ("not_canonical", 400, "规范化 JSON"),
        ("not_json", 400, "UTF-8 JSON"),
        ("empty", 400, "没有记录"),
    ],
)
def test_a_bad_batch_is_refused_in_chinese_and_nothing_of_it_is_stored(client, w, case_records, spoil, status, words):
    key = _token(w.leader)
    records = [dict(r) for r in case_records]
    sig = None
    body = _batch(records)
    if spoil == "signature":
        sig = "0" * 64
    elif spoil == "schema":
        records[-1] = {**records[-1], "version": "最新"}  # the last record is bad: the good ones before it are not kept
        body = _batch(records)
    elif spoil == "not_canonical":
        body = json.dumps({"schema": SCHEMA_ID, "records": records}, indent=1).encode()
    elif spoil == "not_json":
        body = b"\xff{"
    elif spoil == "empty":
        body = _batch([])
    response = _post(client, key, body, sig=sig)
    assert response.status_code == status
    assert words in response.json()["detail"]
    assert ReceivedRecord.objects.count() == 0


def test_a_record_of_a_body_outside_the_senders_scope_refuses_the_batch(client, w, case_records):
    response = _post(client, _token(w.outsider), _batch(case_records))  # 张家窝镇 sending 辛口镇's case
    assert response.status_code == 403
    assert "不在报送账号的管辖范围内" in response.json()["detail"]
    assert ReceivedRecord.objects.count() == 0


def test_an_unknown_sender_or_a_session_cannot_deliver(client, w, case_records):
    body = _batch(case_records)
    assert _post(client, "fz_not-a-token", body).status_code == 401
    anonymous = client.post(URL, data=body, content_type="application/json")
    assert anonymous.status_code == 401
    client.force_login(w.leader)
    session = client.post(URL, data=body, content_type="application/json")
    assert session.status_code in (403, 401)
    assert ReceivedRecord.objects.count() == 0


def test_only_https_or_the_loopback_may_be_the_upstream():
    assert check_url("https://fazhi.tj.gov.example") == "https://fazhi.tj.gov.example"
    assert check_url("http://127.0.0.1:8123") == "http://127.0.0.1:8123"
    for bad in ("http://fazhi.tj.gov.example", "ftp://127.0.0.1", ""):
        with pytest.raises(Exception, match="https://"):
            check_url(bad)


def test_push_retries_with_backoff_and_marks_rows_sent_only_on_2xx(client, w, case_records, monkeypatch):
    """The upstream is down for the first two tries, then answers: the rows are sent once, in one batch."""
    key = _token(w.leader)
    OutboxEvent.objects.exclude(record_id=case_records[0]["record_id"]).delete()  # only the case's versions
    calls, waits = [], []

    def fake_post(url, token, body, head, timeout):
        calls.append(head)
        if len(calls) <= 2:
            raise urllib.error.URLError(ConnectionRefusedError("拒绝连接"))
        response = _post(client, token, body, head=head)
        return response.status_code, response.content.decode()

    monkeypatch.setattr(push_module, "_post", fake_post)
    result = push(url="http://127.0.0.1:9", token=key, retries=3, backoff=0.5, sleep=waits.append)
    assert (result.sent, result.batches, result.failures) == (len(case_records), 1, [])
    assert waits == [0.5, 1.0]  # back-off doubles: 0.5 s, then 1 s, then the third try gets through
    assert all(head.split(":")[0].isdigit() and len(head.split(":")[1]) == 64 for head in calls)
    assert OutboxEvent.objects.filter(sent_at__isnull=True).count() == 0
    assert ReceivedRecord.objects.count() == len(case_records)
    # A second run has nothing to send.
    assert push(url="http://127.0.0.1:9", token=key, sleep=waits.append).sent == 0


def test_push_keeps_rows_pending_when_the_upstream_refuses_or_stays_down(client, w, case_records, monkeypatch):
    outsider_key = _token(w.outsider)
    OutboxEvent.objects.exclude(record_id=case_records[0]["record_id"]).delete()

    def refusing(url, token, body, head, timeout):
        response = _post(client, token, body, head=head)
        return response.status_code, response.content.decode()

    monkeypatch.setattr(push_module, "_post", refusing)
    result = push(url="http://127.0.0.1:9", token=outsider_key, retries=3, sleep=lambda s: None)
    assert result.sent == 0 and "HTTP 403" in result.failures[0]
    rows = OutboxEvent.objects.filter(sent_at__isnull=True)
    assert rows.count() == len(case_records)
    assert {r.attempts for r in rows} == {1}  # a 4xx is not retried: the same bytes would be refused again
    assert "管辖范围" in rows.first().last_error

    def down(url, token, body, head, timeout):
        raise urllib.error.URLError(ConnectionRefusedError("拒绝连接"))

    monkeypatch.setattr(push_module, "_post", down)
    waits = []
    result = push(url="http://127.0.0.1:9", token=outsider_key, retries=2, backoff=1, sleep=waits.append)
    assert waits == [1, 2] and result.sent == 0 and "连接失败" in result.failures[0]
    assert OutboxEvent.objects.filter(sent_at__isnull=True).count() == len(case_records)


def test_a_town_still_on_v1_is_received_and_a_v1_batch_must_hold_v1_records(client, w, case_records):
    """ADR 0067: the receiver accepts v1 and v2 batches, each record checked against its batch's version."""
    key = _token(w.leader)
    as_v1 = [{**r, "schema": V1} for r in case_records]  # a case record reads the same in v1 and v2
    response = _post(client, key, _batch(as_v1, V1))
    assert response.status_code == 200, response.content
    assert response.json() == {"accepted": len(case_records), "duplicates": 0}
    mixed = _post(client, key, _batch([*as_v1[:1], case_records[1]], V1))  # a v2 record in a v1 batch
    assert mixed.status_code == 400
    assert "第 2 条记录不符合数据交换格式 v1：$.schema：应为 'fazhi.exchange.v1'" in mixed.json()["detail"]
    unknown = _post(client, key, _batch(case_records, "fazhi.exchange.v9"))
    assert unknown.status_code == 400 and "fazhi.exchange.v2" in unknown.json()["detail"]


def test_push_cuts_a_batch_where_the_schema_version_changes(client, w, case_records, monkeypatch):
    """Rows queued before the upgrade (v1) go in their own v1 batch, then the v2 rows: order kept, both accepted."""
    key = _token(w.leader)
    OutboxEvent.objects.exclude(record_id=case_records[0]["record_id"]).delete()
    old = list(OutboxEvent.objects.order_by("id")[:2])
    for row in old:
        row.record = {**row.record, "schema": V1}
        row.save(update_fields=["record"])
    versions = []

    def deliver(url, token, body, head, timeout):
        versions.append(json.loads(body)["schema"])
        response = _post(client, token, body, head=head)
        return response.status_code, response.content.decode()

    result = push(url="https://xq.example", token=key, transport=deliver)
    assert versions == [V1, SCHEMA_ID]
    assert (result.sent, result.batches) == (len(case_records), 2)
    assert ReceivedRecord.objects.count() == len(case_records)


def test_push_can_send_only_some_rows(client, w, case_records):
    key = _token(w.leader)
    first = case_records[0]

    def deliver(url, token, body, head, timeout):
        response = _post(client, token, body, head=head)
        return response.status_code, response.content.decode()

    result = push(url="https://xq.example", token=key, transport=deliver, only={"record_id": first["record_id"]})
    assert result.sent == len(case_records)
    assert set(ReceivedRecord.objects.values_list("record_id", flat=True)) == {first["record_id"]}
    assert OutboxEvent.objects.filter(sent_at__isnull=True).exclude(record_id=first["record_id"]).exists()
