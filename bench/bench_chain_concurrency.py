"""Many concurrent writers on one chain (issue 17, ADR 0078): throughput, latency, and no fork, gap or duplicate.

Each writer (a thread, or with --processes a forked process) has its own database connection and appends through
audit.record(), one transaction per entry, as a service does, until the time is up. One writer alone runs first for
a quarter of the time as the reference; the writers then run once as shipped and once forced onto the locked path. Afterwards the chain is checked two ways: by plain SQL (seq runs 1..N with
no gap or duplicate, each prev_hash equals the previous entry's hash, no hash twice, the head row is the last entry)
and by verify_chain() (every hash recomputed). Any failure exits non-zero.

    .venv/bin/python bench/bench_chain_concurrency.py [--writers 32] [--seconds 60] [--processes]
    (PostgreSQL via FAZHI_DATABASE_URL; on SQLite the writers queue on the IMMEDIATE lock and it runs too)
"""

import argparse
import os
import platform
import threading
import time

from _django import reset_chain, setup, write_result


def write_until(deadline: float, name: str, latencies: list, locked: bool = False) -> None:
    """Append until `deadline` on this thread's own connection; latencies (s) go into `latencies`."""
    from django.db import connection, transaction

    from fazhi.audit import services
    from fazhi.audit.events import Event
    from fazhi.audit.services import record

    i = 0
    try:
        while time.perf_counter() < deadline:
            i += 1
            start = time.perf_counter()
            if locked:
                services.forget_head()  # the locked path every time (as before ADR 0078)
            with transaction.atomic():
                record(
                    actor=None,
                    event=Event.SETTING_CHANGED,
                    subject=("core.setting", f"{name}-{i}", f"写入者{name}第{i}次"),
                    payload={"new": {"writer": name, "i": i}},
                )
            latencies.append(time.perf_counter() - start)
    finally:
        connection.close()


def _process_writer(args):
    deadline_in, name, locked = args
    latencies: list = []
    write_until(time.perf_counter() + deadline_in, name, latencies, locked)
    return latencies


def run_writers(writers: int, seconds: float, processes: bool, locked: bool = False) -> tuple[list[float], float]:
    start = time.perf_counter()
    if processes:
        import multiprocessing

        from django.db import connections

        connections.close_all()
        with multiprocessing.get_context("fork").Pool(writers) as pool:
            results = pool.map(_process_writer, [(seconds, f"p{n}", locked) for n in range(writers)])
        latencies = [x for part in results for x in part]
    else:
        latencies = []
        parts = [[] for _ in range(writers)]
        deadline = start + seconds
        threads = [
            threading.Thread(target=write_until, args=(deadline, f"t{n}", parts[n], locked)) for n in range(writers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        latencies = [x for part in parts for x in part]
    return latencies, time.perf_counter() - start


def chain_checks() -> dict:
    """The chain's shape by plain SQL, independent of the hashing."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), min(seq), max(seq), count(DISTINCT seq), count(DISTINCT entry_hash) FROM audit_chainentry"
        )
        count, low, high, seqs, hashes = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM (SELECT seq, prev_hash, lag(entry_hash) OVER (ORDER BY seq) AS before "
            "FROM audit_chainentry) links WHERE seq > 1 AND prev_hash <> before"
        )
        (broken,) = cursor.fetchone()
        cursor.execute("SELECT seq, entry_hash FROM audit_chainentry ORDER BY seq DESC LIMIT 1")
        last = cursor.fetchone()
        cursor.execute("SELECT seq, entry_hash FROM audit_chainhead WHERE id = 1")
        head = cursor.fetchone()
    return {
        "entries": count,
        "seq 1..N contiguous": count == 0 or (low == 1 and high == count and seqs == count),
        "no duplicate hash": hashes == count,
        "every prev_hash is the previous hash": broken == 0,
        "head is the last entry": (count == 0 and head in (None, (0, "0" * 64))) or tuple(head or ()) == tuple(last),
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writers", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--processes", action="store_true", help="writers are forked processes, not threads")
    args = parser.parse_args()
    setup()
    from django.db import connection

    from fazhi.audit import verify

    reset_chain()
    single, single_elapsed = run_writers(1, args.seconds / 4, False)
    many, many_elapsed = run_writers(args.writers, args.seconds, args.processes)
    locked, locked_elapsed = run_writers(args.writers, args.seconds, args.processes, locked=True)
    checks = chain_checks()
    expected = len(single) + len(many) + len(locked)
    t0 = time.perf_counter()
    result = verify.verify_chain(check_files=False)
    t_verify = time.perf_counter() - t0
    failures = [name for name, ok in checks.items() if ok is False]
    if checks["entries"] != expected:
        failures.append(f"entries {checks['entries']} ≠ appends that returned {expected}")
    if not result.ok:
        failures.append(result.message)

    kind = "processes" if args.processes else "threads"
    lines = [
        f"# Chain: {args.writers} concurrent writers for {args.seconds:g} s on {connection.vendor}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared with other jobs while measured), Python "
        f"{platform.python_version()}, {connection.vendor}. Run: `.venv/bin/python bench/bench_chain_concurrency.py "
        f"--writers {args.writers} --seconds {args.seconds:g}{' --processes' if args.processes else ''}`"
        + (" with FAZHI_DATABASE_URL set to a local PostgreSQL" if connection.vendor == "postgresql" else "")
        + f". Writers are {kind}, each with its own connection, one transaction per append through audit.record().",
        "",
        "| writers | append path | appends | seconds | appends/s | p50 latency (ms) | p99 latency (ms) | max (ms) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for writers, path, latencies, elapsed in [
        (1, "remembered head (as shipped)", single, single_elapsed),
        (args.writers, "remembered head (as shipped)", many, many_elapsed),
        (args.writers, "locked read every time (as before)", locked, locked_elapsed),
    ]:
        lines.append(
            f"| {writers} | {path} | {len(latencies):,} | {elapsed:.1f} | {len(latencies) / elapsed:,.0f} | "
            f"{percentile(latencies, 50) * 1000:.1f} | {percentile(latencies, 99) * 1000:.1f} | "
            f"{max(latencies) * 1000:.1f} |"
        )
    lines += ["", "Afterwards (all three runs on one chain):", ""]
    for name, ok in checks.items():
        lines.append(f"- {name}: {ok if name == 'entries' else ('yes' if ok else '**NO**')}")
    lines.append(f"- verify_chain(): {result.message} ({t_verify:.1f} s)")
    text = "\n".join(lines) + "\n"
    print(text)
    if failures:
        raise SystemExit("chain check failed: " + "; ".join(failures))
    write_result("chain_concurrency_processes.md" if args.processes else "chain_concurrency.md", text)


if __name__ == "__main__":
    main()
