"""Exchange: exporting case records through the outbox, and a receiver ingesting them (issue #16's Measure).

(a) Export. N cases are bulk-inserted first. The baseline builds each case's v2 record (``records.case_data``, the
    same dict the listener builds) and bulk-inserts them into the outbox table — no chain, no listener — for all N.
    The outbox path appends one chain entry per case (``audit.record``, the call every step ends with), so the
    listener loads the case, builds its record and stores it in the same transaction: the real code, one append and
    one outbox row per record, at N_EXPORT cases (1,000 appends per transaction, so the disk's commit cost, which is
    the same with or without an outbox, does not drown the comparison; the per-step figures below commit each one).
    Then the outbox's cost per append: ``audit.record`` with the listener against the same appends with the listener
    turned off (``records.EXPORTED`` emptied, so it returns at its first line), each append committed on its own, and
    a whole service step (``register_lead``: permissions, workflow, chain, outbox) the same way.
(b) Receive. The baseline's N records as ceil(N / MAX_RECORDS) canonical, signed batches through
    ``services.receive_batch`` (signature, canonical form, schema validation of every record, scope, idempotency
    lookup, insert, one chain entry per batch), against a plain ``bulk_create`` of the same ReceivedRecord rows.
    Plus the validation alone: the compiled validator against the interpreting one it replaced (kept below).

    .venv/bin/python bench/bench_exchange.py [N] [N_EXPORT] [N_STEPS]   (default 100000, 20000, 1000; a throwaway
                                                                        SQLite DB unless FAZHI_DATABASE_URL is set)
Writes bench/results/exchange_<vendor>.md.
"""

import json
import platform
import re
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from _django import setup, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
N_EXPORT = min(N, int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
N_STEPS = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000
N_APPENDS = N_STEPS  # for the per-append cost, with and without the listener
CHUNK = 1000


def _old_errors(instance, node=None, path="$", root=None):
    """The interpreting validator exchange used before this bench (walks the schema dicts for every record)."""
    from fazhi.exchange.schema import schema

    root = root or schema()
    node = root if node is None else node
    if "$ref" in node:
        return _old_errors(instance, root["$defs"][node["$ref"].removeprefix("#/$defs/")], path, root)
    types = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    found = []
    if "type" in node:
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(types[t](instance) for t in kinds):
            return [f"{path}：类型应为 {'/'.join(kinds)}"]
    if "const" in node and instance != node["const"]:
        found.append(f"{path}：应为 {node['const']!r}")
    if "enum" in node and instance not in node["enum"]:
        found.append(f"{path}：应为 之一")
    if isinstance(instance, str):
        if "pattern" in node and not re.search(node["pattern"], instance):
            found.append(f"{path}：格式不符")
        if len(instance) < node.get("minLength", 0):
            found.append(f"{path}：不能为空")
    if isinstance(instance, int) and "minimum" in node and instance < node["minimum"]:
        found.append(f"{path}：不能小于 {node['minimum']}")
    if isinstance(instance, dict):
        for key in node.get("required", []):
            if key not in instance:
                found.append(f"{path}.{key}：缺少必填项")
        props = node.get("properties", {})
        for key, value in instance.items():
            if key in props:
                found.extend(_old_errors(value, props[key], f"{path}.{key}", root))
            elif node.get("additionalProperties") is False:
                found.append(f"{path}.{key}：不允许的字段")
    if "oneOf" in node:
        matching = [b for b in node["oneOf"] if not _old_errors(instance, b, path, root)]
        if len(matching) != 1:
            found.append(f"{path}：应恰好符合一种记录格式")
    return found


def seed():
    from django.db import transaction

    from fazhi.core.access import Role
    from fazhi.enforcement.models import Case
    from fazhi.org.models import BodyKind
    from fazhi.org.services import create_body, create_staff

    district = create_body(actor=None, name="天津市西青区", kind=BodyKind.DISTRICT, code="XB")
    town = create_body(actor=None, name="西青区辛口镇人民政府", kind=BodyKind.TOWN, code="XB-XK", parent=district)

    def staff(name, roles, body=town):
        return create_staff(actor=None, username=name, last_name="测", first_name=name, body=body, roles=roles,
                            password="x" * 12)  # fmt: skip

    people = {
        "officer": staff("officer", [Role.OFFICER]),
        "sender": staff("sender", [Role.LEADER]),
        "plain": staff("plain", [Role.LEADER]),
    }
    with transaction.atomic():
        for offset in range(0, N, 5000):
            Case.objects.bulk_create(
                [
                    Case(body=town, source="patrol", title="占道经营", description="-", place="-",
                         discovered_on=date(2019, 1, 1) + timedelta(days=n % 365), act_date=date(2019, 1, 1),
                         registered_by=people["officer"], party_kind="person", party_name="某某",
                         filed_on=date(2019, 1, 2), procedure="ordinary", status="closed",
                         decision_number=f"罚决〔2019〕{n}号", decided_on=date(2019, 3, 1), outcome="penalty",
                         fine_amount=Decimal(200 + n % 50 * 100), closed_on=date(2019, 4, 1),
                         number=f"西辛综执〔2019〕{n}号")
                    for n in range(offset, min(offset + 5000, N))
                ]
            )  # fmt: skip
    return town, people


def export_baseline(case_ids) -> list[dict]:
    """The same v2 case records, built from the same cases and bulk-inserted plainly (no chain, no listener)."""
    from django.db import transaction
    from django.utils import timezone

    from fazhi.enforcement.models import Case
    from fazhi.exchange import records
    from fazhi.exchange.models import OutboxEvent
    from fazhi.exchange.schema import SCHEMA_ID

    at = timezone.now().isoformat()
    built = []
    with transaction.atomic():
        for offset in range(0, len(case_ids), CHUNK):
            ids = case_ids[offset : offset + CHUNK]
            rows = []
            for case in Case.objects.select_related("body").filter(pk__in=ids):
                record = {
                    "schema": SCHEMA_ID, "record_type": "case", "record_id": f"enforcement.case:{case.pk}",
                    "version": 1, "event": "enforcement.lead_registered", "recorded_at": at,
                    "body": {"code": case.body.code, "name": case.body.name}, "data": records.case_data(case),
                }  # fmt: skip
                rows.append(OutboxEvent(record_type="case", record_id=record["record_id"], version=1,
                                        body_id=case.body_id, record=record))  # fmt: skip
                built.append(record)
            OutboxEvent.objects.bulk_create(rows)
    return built


def export_outbox(case_ids, actor, *, per_transaction: int = 1):
    """One chain entry per case (as a step ends), ``per_transaction`` appends per commit; the listener writes the
    outbox row inside each append."""
    from django.db import transaction

    from fazhi.audit.events import Event
    from fazhi.audit.services import record

    for offset in range(0, len(case_ids), per_transaction):
        with transaction.atomic():
            for pk in case_ids[offset : offset + per_transaction]:
                record(actor=actor, event=Event.CASE_LEAD_REGISTERED, subject=("enforcement.case", pk, "案件"),
                       payload={"new": {"status": "closed"}}, body_id=actor.body_id)  # fmt: skip


def appends(case_ids, actor, *, listening: bool) -> float:
    from fazhi.exchange import records

    saved = records.EXPORTED
    if not listening:
        records.EXPORTED = {}
    try:
        t0 = time.perf_counter()
        export_outbox(case_ids, actor)
        return time.perf_counter() - t0
    finally:
        records.EXPORTED = saved


def steps(town, actor, n, *, listening: bool) -> float:
    from fazhi.enforcement import services
    from fazhi.exchange import records

    saved = records.EXPORTED
    if not listening:
        records.EXPORTED = {}
    try:
        t0 = time.perf_counter()
        for i in range(n):
            services.register_lead(actor=actor, body=town, source="patrol", title="占道经营", description="巡查发现",
                                   place="辛口镇", discovered_on=date(2019, 5, 1), act_date=date(2019, 5, 1),
                                   party_kind="person", party_name=f"某{i}")  # fmt: skip
        return time.perf_counter() - t0
    finally:
        records.EXPORTED = saved


def main():
    setup()
    from django.db import connection, transaction

    from fazhi.exchange import schema, services
    from fazhi.exchange.batches import canonical, signature
    from fazhi.exchange.models import OutboxEvent, ReceivedRecord
    from fazhi.exchange.services import MAX_RECORDS

    t0 = time.perf_counter()
    town, people = seed()
    seeded = time.perf_counter() - t0
    from fazhi.enforcement.selectors import cases_visible_to

    case_ids = list(cases_visible_to(people["sender"]).order_by("id").values_list("id", flat=True))
    assert len(case_ids) == N

    # (a) export
    t0 = time.perf_counter()
    records = export_baseline(case_ids)
    base_export = time.perf_counter() - t0
    OutboxEvent.objects.all().delete()  # the outbox path stores its own rows (not timed)
    exporting = case_ids[:N_EXPORT]
    t0 = time.perf_counter()
    export_outbox(exporting, people["officer"], per_transaction=CHUNK)
    outbox_export = time.perf_counter() - t0
    exported = OutboxEvent.objects.filter(record_type="case").count()
    assert exported == N_EXPORT, exported
    sample = case_ids[-N_APPENDS:]
    without_listener = appends(sample, people["officer"], listening=False) / len(sample)
    with_listener = appends(sample, people["officer"], listening=True) / len(sample)
    step_without = steps(town, people["officer"], N_STEPS, listening=False) / N_STEPS
    step_with = steps(town, people["officer"], N_STEPS, listening=True) / N_STEPS

    # (b) receive: the baseline's records, as signed canonical batches
    head = "1:" + "0" * 64
    batches = []
    for offset in range(0, len(records), MAX_RECORDS):
        body = canonical({"schema": schema.SCHEMA_ID, "records": records[offset : offset + MAX_RECORDS]})
        batches.append((body, signature(body, head)))
    t0 = time.perf_counter()
    accepted = 0
    for body, sig in batches:
        accepted += services.receive_batch(sender=people["sender"], body=body, sig=sig, head=head)["accepted"]
    received = time.perf_counter() - t0
    assert accepted == len(records), accepted
    t0 = time.perf_counter()
    again = sum(
        services.receive_batch(sender=people["sender"], body=body, sig=sig, head=head)["duplicates"]
        for body, sig in batches[:10]
    )
    replay = (time.perf_counter() - t0) / 10
    assert again == min(len(records), 10 * MAX_RECORDS)

    t0 = time.perf_counter()
    with transaction.atomic():
        for offset in range(0, len(records), MAX_RECORDS):
            ReceivedRecord.objects.bulk_create(
                [
                    ReceivedRecord(sender=people["plain"], record_type=r["record_type"], record_id=r["record_id"],
                                   version=r["version"], body_code=r["body"]["code"], record=r, batch_sm3="0" * 64,
                                   sender_chain_head=head)
                    for r in records[offset : offset + MAX_RECORDS]
                ]
            )  # fmt: skip
    plain = time.perf_counter() - t0

    parsed = [json.loads(body)["records"] for body, _ in batches]
    t0 = time.perf_counter()
    for batch in parsed:
        for item in batch:
            assert not schema.errors(item, schema.SCHEMA_ID)
    compiled = time.perf_counter() - t0
    t0 = time.perf_counter()
    for batch in parsed[: max(1, len(parsed) // 10)]:
        for item in batch:
            assert not _old_errors(item)
    old_share = max(1, len(parsed) // 10) / len(parsed)
    interpreted = (time.perf_counter() - t0) / old_share

    n = len(records)
    vendor = connection.vendor
    rate = lambda count, seconds: f"{count / seconds:,.0f}"  # noqa: E731
    text = "\n".join(
        [
            f"# Exchange: exporting and receiving {N:,} case records ({vendor})",
            "",
            f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, {vendor}; "
            f"2 shared CPUs. {N:,} closed cases bulk-inserted in {seeded:.1f} s. "
            f"Run: `.venv/bin/python bench/bench_exchange.py {N} {N_EXPORT} {N_STEPS}`"
            f"{' with FAZHI_DATABASE_URL' if vendor != 'sqlite' else ''}.",
            "",
            "## (a) Export",
            "",
            "| what | records | seconds | records/s | ratio |",
            "|---|---:|---:|---:|---:|",
            f"| baseline: same v2 dicts built from the same cases, bulk-inserted (no chain, no listener) | {N:,} | "
            f"{base_export:.1f} | {rate(N, base_export)} | 1.0× |",
            f"| outbox: one chain append per case (`audit.record`, {CHUNK:,} per commit), the listener loads the case, "
            f"builds and stores the record | {N_EXPORT:,} | {outbox_export:.1f} | {rate(N_EXPORT, outbox_export)} | "
            f"{(outbox_export / N_EXPORT) / (base_export / N):.1f}× per record |",
            f"| outbox at {N:,}, extrapolated (per-record cost × {N:,}: every lookup is by primary key, nothing grows "
            f"with the table but the indexes) | {N:,} | ≈ {outbox_export / N_EXPORT * N:.0f} | | |",
            "",
            "| per chain append | ms | outbox share |",
            "|---|---:|---:|",
            f"| `audit.record` on a case, its own commit, listener off | {without_listener * 1000:.2f} | |",
            f"| `audit.record` on a case, its own commit, listener on (loads the case, builds + inserts the record) | "
            f"{with_listener * 1000:.2f} | "
            f"{(with_listener - without_listener) * 1000:.2f} ms ({(with_listener / without_listener - 1) * 100:.0f} %) |",
            f"| a whole step, `register_lead` ({N_STEPS:,} new cases each way), listener off | {step_without * 1000:.2f} | |",
            f"| a whole step, `register_lead`, listener on | {step_with * 1000:.2f} | "
            f"{(step_with - step_without) * 1000:.2f} ms ({(step_with / step_without - 1) * 100:.0f} %) |",
            "",
            "## (b) Receive",
            "",
            "| what | records | seconds | records/s | ratio |",
            "|---|---:|---:|---:|---:|",
            f"| baseline: `bulk_create` of the same ReceivedRecord rows, {MAX_RECORDS} a time | {n:,} | {plain:.1f} | "
            f"{rate(n, plain)} | 1.0× |",
            f"| `receive_batch`, {len(batches)} batches of {MAX_RECORDS} (SM3 signature, canonical check, v2 "
            f"validation, scope, idempotency lookup, insert, chain entry) | {n:,} | {received:.1f} | "
            f"{rate(n, received)} | {received / plain:.1f}× |",
            f"| a replayed batch (all {MAX_RECORDS} duplicates: nothing stored) | {MAX_RECORDS:,} | {replay:.2f} | "
            f"{rate(MAX_RECORDS, replay)} | |",
            "",
            "| schema validation alone | records | seconds | records/s |",
            "|---|---:|---:|---:|",
            f"| the interpreting validator (walks the schema dicts per record; timed on a tenth, scaled) | {n:,} | "
            f"{interpreted:.1f} | {rate(n, interpreted)} |",
            f"| the compiled validator (`exchange.schema.validator`, now used) | {n:,} | {compiled:.1f} | "
            f"{rate(n, compiled)} |",
            "",
        ]
    )
    print(text)
    write_result(f"exchange_{vendor}.md", text)


if __name__ == "__main__":
    main()
