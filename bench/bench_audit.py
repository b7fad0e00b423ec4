"""Audit chain throughput, each measured against a baseline in the same run.

1. Appends/s through audit.record() (SM3, head-row lock, one transaction each) vs plain ORM inserts of a similar
   row (same columns, same JSON payload, one transaction each) into a chain-less table — once without indexes
   (the baseline) and once with the chain table's indexes, to show where the time goes.
2. Verification entries/s (stream rows, canonical JSON, SM3, link and seq checks) vs plain SM3 over the very same
   canonical bytes already in memory.

    .venv/bin/python bench/bench_audit.py [N]        (default N = 5000; a throwaway SQLite DB unless
                                                      FAZHI_DATABASE_URL is set)
"""

import platform
import sys
import time

from _django import entry_shaped_model, reset_chain, setup, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5000


def plain_model(*, indexed: bool):
    """The baseline table; `indexed` gives it the chain table's indexes (see _django.entry_shaped_model)."""
    name = "BenchIndexedRow" if indexed else "BenchPlainRow"
    return entry_shaped_model(name, f"bench_audit_{name.lower()}", indexed=indexed)


def payload_for(i: int) -> dict:
    return {"old": {"state": "valid", "note": f"第{i}次"}, "new": {"state": "suspended", "reason": "涉嫌违规"}}


def main() -> None:
    setup()
    reset_chain()  # PostgreSQL keeps its database between runs: count only this run's entries
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.audit import hashing, verify
    from fazhi.audit.events import Event
    from fazhi.audit.models import ChainEntry
    from fazhi.audit.services import record

    def insert_plain(model) -> float:
        start = time.perf_counter()
        for i in range(N):
            with transaction.atomic():
                model.objects.create(
                    seq=i + 1,
                    entry_hash=hashing.sm3_hex(str(i).encode()),
                    at=timezone.now(),
                    actor_id=None,
                    actor_label="系统",
                    event=Event.CERTIFICATE_SUSPENDED.value,
                    subject_type="org.certificate",
                    subject_id=str(i),
                    subject_label=f"执法证 津执{i:05d}",
                    body_id=1,
                    payload=hashing.to_jsonable(payload_for(i)),
                )
        return time.perf_counter() - start

    t_plain = insert_plain(plain_model(indexed=False))
    t_indexed = insert_plain(plain_model(indexed=True))

    t0 = time.perf_counter()
    for i in range(N):
        with transaction.atomic():
            record(
                actor=None,
                event=Event.CERTIFICATE_SUSPENDED,
                subject=("org.certificate", str(i), f"执法证 津执{i:05d}"),
                payload=payload_for(i),
                body_id=1,
            )
    t_record = time.perf_counter() - t0

    # Verification vs SM3 alone over the same canonical bytes.
    canonical = []
    for row in ChainEntry.objects.order_by("seq").values(*verify.HASHED_FIELDS, "entry_hash").iterator(chunk_size=2000):
        canonical.append(hashing.entry_bytes(**{k: v for k, v in row.items() if k != "entry_hash"}))
    t0 = time.perf_counter()
    for data in canonical:
        hashing.sm3_hex(data)
    t_sm3 = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = verify.verify_chain(check_files=False)
    t_verify = time.perf_counter() - t0
    if not result.ok or result.count != N:
        raise SystemExit(f"verification failed in the benchmark: {result.message}")

    rows = [
        ("append", "plain ORM insert of a similar row, no indexes (baseline)", t_plain),
        ("append", "plain ORM insert, same indexes as the chain table", t_indexed),
        ("append", "audit.record()", t_record),
        ("verify", "SM3 over the same canonical bytes in memory (baseline)", t_sm3),
        ("verify", "verify_chain(): stream, canonicalise, SM3, link + seq checks", t_verify),
    ]
    baseline = {"append": t_plain, "verify": t_sm3}
    lines = [
        f"# Audit chain: {N:,} appends and one full verification",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {connection.vendor}. "
        f"Run: `.venv/bin/python bench/bench_audit.py {N}`. One transaction per append, as a service does.",
        "",
        "| step | method | total (s) | per second | vs baseline (time) |",
        "|---|---|---:|---:|---:|",
    ]
    for step, name, seconds in rows:
        lines.append(f"| {step} | {name} | {seconds:.3f} | {N / seconds:,.0f} | {seconds / baseline[step]:.1f}× |")
    text = "\n".join(lines) + "\n"
    print(text)
    write_result("audit.md", text)


if __name__ == "__main__":
    main()
