"""Chain append throughput (issue 17, ADR 0078): audit.record() beside a plain indexed insert, same transaction shape.

Every method runs one transaction per row, as a service does. The methods take turns in rounds (each round appends
N / ROUNDS rows with every method, in rotating order) so that load from other jobs on the shared machine falls on all
of them alike; the table gives the summed time.

- baseline: a plain ORM insert (Model.objects.create) of a similar row (same columns, same JSON payload, a unique
  seq and a unique 64-hex hash) into a table with the chain table's indexes — what a service writing its own row costs;
- the same row by one hand-written INSERT through the cursor (the floor for one statement);
- audit.record() as the application runs it (the registered on_record listeners), for a subject type no listener
  exports, so the figure is the chain's own cost;
- audit.record() forced onto the locked path on every append (the head read under its lock, as when another process
  appended in between);
- the previous record() (ORM get_or_create FOR UPDATE, ORM create, ORM update), for comparison;
- audit.record() of a subject type exchange exports (its listener loads the record for the outbox): the listener's
  cost, reported beside the chain's, not part of it.

    .venv/bin/python bench/bench_chain_append.py [N]     (default 3,000; SQLite unless FAZHI_DATABASE_URL is set)
"""

import os
import platform
import sys
import time

from _django import entry_shaped_model, reset_chain, setup, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
ROUNDS = 10


def indexed_model():
    return entry_shaped_model("BenchAppendRow", "bench_chain_append_row", indexed=True, prev_hash=True)


def payload_for(i: int) -> dict:
    return {"old": {"state": "valid", "note": f"第{i}次"}, "new": {"state": "suspended", "reason": "涉嫌违规"}}


def previous_record(*, actor, event, subject, payload=None, body_id=None):
    """record() as it was before ADR 0078 (ORM get_or_create FOR UPDATE, ORM create, ORM update), listeners included."""
    from django.db import transaction
    from django.utils import timezone

    from fazhi.audit import hashing, services
    from fazhi.audit.models import GENESIS_HASH, ChainEntry, ChainHead

    subject_type, subject_id, subject_label = services._subject_parts(subject)
    clean_payload = hashing.to_jsonable(payload or {})
    services._check_files(clean_payload)
    with transaction.atomic(savepoint=False):
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        seq = head.seq + 1
        prev_hash = head.entry_hash if head.seq else GENESIS_HASH
        at = timezone.now()
        fields = dict(
            at=at,
            actor_id=None,
            actor_label="系统",
            event=event.value,
            subject_type=subject_type,
            subject_id=subject_id,
            subject_label=subject_label,
            body_id=body_id,
            payload=clean_payload,
        )
        digest = hashing.entry_hash(seq=seq, prev_hash=prev_hash, **fields)
        entry = ChainEntry.objects.create(seq=seq, prev_hash=prev_hash, entry_hash=digest, **fields)
        ChainHead.objects.filter(id=1).update(seq=seq, entry_hash=digest)
        for callback in services._listeners:
            callback(entry)
    # Every append of a process goes through one record(); keep the current one's memory right after this one.
    services._known_head = (seq, digest)
    return entry


def main() -> None:
    setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.audit import hashing, services, verify
    from fazhi.audit.events import Event

    reset_chain()
    services.forget_head()
    model = indexed_model()
    event = Event.CERTIFICATE_SUSPENDED
    counter = {"plain": 0, "raw": 0}
    table = model._meta.db_table
    columns = "seq, entry_hash, at, actor_id, actor_label, event, subject_type, subject_id, subject_label, body_id, "
    raw_sql = (
        f"INSERT INTO {table} ({columns}payload, prev_hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    payload_field = model._meta.get_field("payload")
    at_field = model._meta.get_field("at")

    def plain(i):
        counter["plain"] += 1
        n = counter["plain"]
        with transaction.atomic():
            model.objects.create(
                seq=n,
                entry_hash=hashing.sm3_hex(f"plain{n}".encode()),
                at=timezone.now(),
                actor_id=None,
                actor_label="系统",
                event=event.value,
                subject_type="org.certificate",
                subject_id=str(i),
                subject_label=f"执法证 津执{i:05d}",
                body_id=1,
                payload=hashing.to_jsonable(payload_for(i)),
                prev_hash="0" * 64,
            )

    def raw(i):
        counter["raw"] += 1
        n = 10_000_000 + counter["raw"]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                raw_sql,
                [
                    n,
                    hashing.sm3_hex(f"raw{n}".encode()),
                    at_field.get_db_prep_value(timezone.now(), connection),
                    None,
                    "系统",
                    event.value,
                    "org.certificate",
                    str(i),
                    f"执法证 津执{i:05d}",
                    1,
                    payload_field.get_db_prep_value(hashing.to_jsonable(payload_for(i)), connection),
                    "0" * 64,
                ],
            )

    # A subject type no listener exports (exchange's listener returns at once): the chain's own cost.
    subject_type = "core.setting"

    def chain(i):
        with transaction.atomic():
            services.record(actor=None, event=event, subject=(subject_type, str(i), f"设置{i}"), payload=payload_for(i))

    def chain_locked(i):
        services.forget_head()
        chain(i)

    def chain_exported(i):
        # org.certificate is exported: exchange's listener loads the certificate to build its outbox record.
        with transaction.atomic():
            services.record(
                actor=None,
                event=event,
                subject=("org.certificate", str(i), f"执法证 津执{i:05d}"),
                payload=payload_for(i),
            )

    def chain_previous(i):
        with transaction.atomic():
            previous_record(actor=None, event=event, subject=(subject_type, str(i), f"设置{i}"), payload=payload_for(i))

    methods = [
        ("plain", "plain ORM insert, indexed table (baseline)", plain),
        ("raw", "one hand-written INSERT, indexed table", raw),
        ("record", "audit.record() (listeners registered; a subject no listener exports)", chain),
        ("locked", "audit.record() on the locked path every time (head read under its lock)", chain_locked),
        ("previous", "previous record(): ORM get_or_create FOR UPDATE + create + update", chain_previous),
        (
            "exported",
            "audit.record() of an exported subject (exchange's listener loads it for the outbox)",
            chain_exported,
        ),
    ]
    totals = {key: 0.0 for key, _, _ in methods}
    per_round = N // ROUNDS
    i = 0
    for r in range(ROUNDS):
        order = methods[r % len(methods) :] + methods[: r % len(methods)]
        for key, _, call in order:
            start = time.perf_counter()
            for _ in range(per_round):
                i += 1
                call(i)
            totals[key] += time.perf_counter() - start
    n = per_round * ROUNDS
    result = verify.verify_chain(check_files=False)
    if not result.ok or result.count != 4 * n:
        raise SystemExit(f"the chain does not verify after the benchmark: {result.message}")

    base = totals["plain"]
    lines = [
        f"# Chain append: {n:,} rows per method, one transaction each, on {connection.vendor}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared with other jobs while measured), Python "
        f"{platform.python_version()}, {connection.vendor}. Run: `.venv/bin/python bench/bench_chain_append.py {N}`"
        + (" with FAZHI_DATABASE_URL set to a local PostgreSQL" if connection.vendor == "postgresql" else "")
        + f". Methods take turns in {ROUNDS} rounds; the chain (all four record() variants, {4 * n:,} entries) "
        "verifies afterwards.",
        "",
        "| method | rows | total (s) | rows/s | throughput vs baseline |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, name, _ in methods:
        seconds = totals[key]
        lines.append(f"| {name} | {n:,} | {seconds:.3f} | {n / seconds:,.0f} | {base / seconds:.0%} |")
    text = "\n".join(lines) + "\n"
    print(text)
    write_result(f"chain_append_{connection.vendor}.md", text)
    model_cleanup(model)


def model_cleanup(model) -> None:
    from django.db import connection

    with connection.schema_editor() as editor:
        editor.delete_model(model)


if __name__ == "__main__":
    main()
