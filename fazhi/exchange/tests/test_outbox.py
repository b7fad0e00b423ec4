"""The outbox: one row per exported record version, in the step's own transaction; every row conforms to v1."""

from datetime import date

import pytest
from django.db import transaction

from fazhi.audit.selectors import entries_for_subject
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.tests.factories import case_at
from fazhi.exchange import outbox, schema
from fazhi.exchange.models import OutboxEvent
from fazhi.org.services import issue_certificate


def _rows(record_id):
    return list(OutboxEvent.objects.filter(record_id=record_id).order_by("version"))


def test_every_step_of_a_case_queues_one_version_equal_to_its_chain_entry(w):
    case = case_at(w, "decided")
    rows = _rows(f"enforcement.case:{case.pk}")
    entries = list(entries_for_subject("enforcement.case", case.pk).order_by("seq"))
    # One outbox row per chain entry on the case (登记, 提请立案, 立案, 调查取证…, 决定): same seqs, same events.
    assert [(r.version, r.record["event"]) for r in rows] == [(e.seq, e.event) for e in entries]
    assert len(rows) >= 6
    last = rows[-1].record
    assert last["record_type"] == "case"
    assert last["body"] == {"code": w.town.code, "name": w.town.name}
    assert last["data"]["status"] == "decided"
    assert last["data"]["decision"]["fine_amount"] == "600.00"  # case_at's default fine
    assert last["data"]["decision"]["decided_on"] == "2022-03-15"
    # The first version (登记案源) had no decision yet: each row is the record as that step left it.
    assert rows[0].record["data"]["decision"] is None
    assert all(r.sent_at is None and r.body_id == w.town.pk for r in rows)


def test_every_queued_record_conforms_to_schema_v1(w):
    case_at(w, "closed")
    records = [row.record for row in OutboxEvent.objects.all()]
    kinds = {r["record_type"] for r in records}
    assert {"case", "publication", "certificate"} <= kinds  # the world's certificates, the case, its publication
    for record in records:
        assert schema.errors(record) == [], record


def test_the_validator_names_what_is_wrong(w):
    case = case_at(w, "lead")
    record = _rows(f"enforcement.case:{case.pk}")[0].record
    bad = {**record, "version": 0, "data": {**record["data"], "status": ""}, "extra": 1}
    problems = schema.errors(bad)
    assert "$.version：不能小于 1" in problems
    assert "$.extra：不允许的字段" in problems
    assert any(p.startswith("$.data") for p in problems)
    missing = {k: v for k, v in record.items() if k != "body"}
    assert "$.body：缺少必填项" in schema.errors(missing)


def test_a_step_that_fails_after_its_entry_leaves_no_outbox_row(w):
    case = case_at(w, "filing")
    before = OutboxEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        enforcement.approve_filing(actor=w.leader, case=case, on=date(2022, 3, 3))
        assert OutboxEvent.objects.count() == before + 1  # written inside the step …
        raise RuntimeError("the surrounding transaction fails")
    assert OutboxEvent.objects.count() == before  # … and rolled back with it
    case.refresh_from_db()
    assert case.status == "filing"


def test_an_outbox_write_that_fails_fails_the_step(w, monkeypatch):
    case = case_at(w, "filing")
    before = OutboxEvent.objects.count()
    entries = entries_for_subject("enforcement.case", case.pk).count()

    def broken(entry):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(outbox.records, "build_all", broken)
    with pytest.raises(RuntimeError):
        enforcement.approve_filing(actor=w.leader, case=case, on=date(2022, 3, 3))
    case.refresh_from_db()
    assert case.status == "filing"  # no change without its event
    assert entries_for_subject("enforcement.case", case.pk).count() == entries
    assert OutboxEvent.objects.count() == before


def test_a_certificate_is_queued_with_its_holder_and_body_but_other_records_are_not(w):
    before = OutboxEvent.objects.count()
    cert = issue_certificate(
        actor=None,
        holder=w.colleague,
        number="TJ-XQ-2019-0099",
        field="综合执法",
        valid_from=date(2019, 1, 1),
        valid_to=date(2024, 12, 31),
    )
    (row,) = _rows(f"org.certificate:{cert.pk}")
    assert row.record["data"] == {
        "kind": "certificate",
        "number": "TJ-XQ-2019-0099",
        "holder_name": w.colleague.get_full_name() or w.colleague.username,
        "issuer": "天津市人民政府",
        "field": "综合执法",
        "valid_from": "2019-01-01",
        "valid_to": "2024-12-31",
        "state": "valid",
    }
    assert row.record["body"]["code"] == w.colleague.body.code
    assert OutboxEvent.objects.count() == before + 1  # nothing for the 司法所 colleague's own record


def test_no_personal_identifiers_beyond_the_name_leave_the_instance(w):
    case = case_at(w, "decided")
    data = _rows(f"enforcement.case:{case.pk}")[-1].record["data"]
    text = str(data)
    assert "120111198001010000" not in text  # the party's ID number (case_at)
    assert "天津市西青区辛口镇某村" not in text  # the party's address
    assert data["party_name"] == "孙某某"
