"""Audit chain verification at scale (issue 17), each figure beside raw SM3 over the very same canonical bytes.

A chain of N entries is written straight into the table (hashes computed as record() does, bulk inserts: this bench
is about reading), then verified:

- raw SM3 over the canonical bytes already in memory (the baseline: the hashing alone);
- reading the rows only (values_list stream, no hashing), to show what the database costs;
- the previous verifier's per-row work (values() dicts, hashing.entry_hash(**fields)) for comparison;
- verify_chain() (one streamed pass), verify_parallel() with 2 worker processes, and verify_chain(since=…) over the
  last 1 % of the chain (what a nightly incremental `audit_verify --since` costs).

    .venv/bin/python bench/bench_chain_verify.py [N]     (default 50,000; SQLite unless FAZHI_DATABASE_URL is set)
"""

import os
import platform
import sys
import time
from datetime import UTC, datetime, timedelta

from _django import setup, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000


def build_chain(n: int) -> None:
    from django.db import transaction

    from fazhi.audit import hashing
    from fazhi.audit.models import GENESIS_HASH, ChainEntry, ChainHead

    start = datetime(2019, 1, 2, 8, 30, tzinfo=UTC)
    prev, batch = GENESIS_HASH, []
    with transaction.atomic():
        for i in range(1, n + 1):
            fields = dict(
                seq=i,
                at=start + timedelta(seconds=37 * i, microseconds=i % 1000),
                actor_id=None,
                actor_label="系统",
                event="setting.changed",
                subject_type="enforcement.case",
                subject_id=str(i),
                subject_label=f"西青辛口罚〔2019〕{i}号",
                body_id=1 + i % 7,
                payload=hashing.to_jsonable(
                    {"old": {"status": "investigating", "note": f"第{i}次"}, "new": {"status": "proposed"}}
                ),
                prev_hash=prev,
            )
            digest = hashing.entry_hash(**fields)
            batch.append(ChainEntry(entry_hash=digest, **fields))
            prev = digest
            if len(batch) == 2000:
                ChainEntry.objects.bulk_create(batch)
                batch = []
        ChainEntry.objects.bulk_create(batch)
        ChainHead.objects.update_or_create(id=1, defaults={"seq": n, "entry_hash": prev})


def main() -> None:
    setup()
    from django.db import connection, transaction

    from fazhi.audit import hashing, verify
    from fazhi.audit.models import ChainEntry

    t0 = time.perf_counter()
    build_chain(N)
    t_build = time.perf_counter() - t0

    def scope():
        return transaction.atomic() if connection.vendor == "postgresql" else _null()

    rows = list(ChainEntry.objects.order_by("seq").values_list(*verify.HASHED_FIELDS, "entry_hash"))
    canonical = [verify.row_bytes(row) for row in rows]
    assert hashing.sm3_hex(canonical[-1]) == rows[-1][-1]
    del rows
    t0 = time.perf_counter()
    for data in canonical:
        hashing.sm3_hex(data)
    t_sm3 = time.perf_counter() - t0

    t0 = time.perf_counter()
    with scope():
        read = sum(1 for _ in verify._rows())
    t_read = time.perf_counter() - t0
    assert read == N

    # The verifier as it was before this change: dict rows, the keyword entry_hash() per row.
    t0 = time.perf_counter()
    with scope():
        prev = "0" * 64
        for row in ChainEntry.objects.order_by("seq").values(*verify.HASHED_FIELDS, "entry_hash").iterator(2000):
            stored = row.pop("entry_hash")
            assert hashing.entry_hash(**row) == stored and row["prev_hash"] == prev
            prev = stored
    t_old = time.perf_counter() - t0

    def timed(call):
        t = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - t
        if not result.ok:
            raise SystemExit(f"verification failed in the benchmark: {result.message}")
        return elapsed, result

    t_verify, r = timed(lambda: verify.verify_chain(check_files=False))
    assert r.count == N
    t_par, r = timed(lambda: verify.verify_parallel(workers=2, check_files=False))
    assert r.count == N
    since_seq = N - N // 100
    checkpoint = verify.Checkpoint(since_seq, ChainEntry.objects.get(seq=since_seq).entry_hash)
    t_since, r = timed(lambda: verify.verify_chain(since=checkpoint, check_files=False))
    new = N - since_seq
    assert r.count == new

    cpus = os.cpu_count()
    lines = [
        f"# Audit chain verification: {N:,} entries on {connection.vendor}",
        "",
        f"Machine: {platform.machine()}, {cpus} CPUs (shared with other jobs while measured), Python "
        f"{platform.python_version()}, {connection.vendor}. Run: `.venv/bin/python bench/bench_chain_verify.py {N}`"
        + (" with FAZHI_DATABASE_URL set to a local PostgreSQL" if connection.vendor == "postgresql" else "")
        + f". Chain written by bulk insert in {t_build:.1f} s (hashes computed as record() does).",
        "",
        "| what | entries | total (s) | entries/s | vs raw SM3 (time per entry) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, count, seconds in [
        ("raw SM3 over the same canonical bytes in memory (baseline)", N, t_sm3),
        ("read the rows only (values_list stream, no hashing)", N, t_read),
        ("previous verifier's work: dict rows + entry_hash(**fields) + link", N, t_old),
        ("verify_chain(): tuple stream, one JSON encoder, SM3, seq/link/head checks", N, t_verify),
        ("verify_parallel(workers=2): seq-range chunks joined at the seams", N, t_par),
        ("verify_chain(since=…): the last 1 % only (`audit_verify --since`)", new, t_since),
    ]:
        per = seconds / count
        lines.append(f"| {name} | {count:,} | {seconds:.3f} | {count / seconds:,.0f} | {per / (t_sm3 / N):.1f}× |")
    text = "\n".join(lines) + "\n"
    print(text)
    write_result(f"chain_verify_{connection.vendor}.md", text)


class _null:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    main()
