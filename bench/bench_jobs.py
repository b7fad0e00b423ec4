"""Background jobs and the replica router (issue 17, "Running as a city"): what running through the task framework
costs beside calling the same function directly, in one run.

- chain verification of N entries: verify_chain() called directly (baseline) vs a verify job enqueued on the database
  backend and worked by a db_worker (enqueue → done, with the progress reporter writing the count every 0.5 s);
- a sweep with nothing to do: the service called directly vs run_sweep() under its (sweep, period) run-key row;
- a marked read: 200 × a 50-row list of bodies on default vs in reading_from_replica() with a replica alias on the same
  database (the router's cost, not a replica's speed).

    .venv/bin/python bench/bench_jobs.py [N]     (default 20,000; SQLite unless FAZHI_DATABASE_URL is set)
"""

import os
import platform
import sys
import time

from _django import setup, write_result
from bench_chain_verify import build_chain

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
SWEEPS = 50
READS = 200


def main() -> None:
    setup()
    from django.conf import settings
    from django.db import connection, connections
    from django.test.utils import override_settings
    from django_tasks.backends.database.management.commands.db_worker import Worker

    from fazhi.audit import verify
    from fazhi.core.deadlines import sweep_missed_deadlines
    from fazhi.jobs import sweeps
    from fazhi.jobs.models import Job, JobKind, JobState
    from fazhi.jobs.replica import REPLICA, reading_from_replica
    from fazhi.jobs.tasks import verify_task
    from fazhi.org.models import Body

    build_chain(N)
    body = Body.objects.create(name="西青区", kind="district", code="120111", path="/1/")
    Body.objects.bulk_create(
        Body(name=f"机构{i}", kind="unit", code=f"X{i:04d}", path=f"/1/{i + 2}/", parent=body) for i in range(60)
    )

    t0 = time.perf_counter()
    result = verify.verify_chain(check_files=False)
    t_direct = time.perf_counter() - t0
    assert result.ok and result.count == N

    t0 = time.perf_counter()
    job = Job.objects.create(kind=JobKind.VERIFY, body=body)
    verify_task.enqueue(job.pk)
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="bench").run()  # fmt: skip
    t_job = time.perf_counter() - t0
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.done == N, job.message

    today = "2020-02-20"
    t0 = time.perf_counter()
    for _ in range(SWEEPS):
        sweep_missed_deadlines()
    t_sweep = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(SWEEPS):
        sweeps.run_sweep("deadline_sweep", f"{today}#{i}")
    t_locked = time.perf_counter() - t0

    def reads():
        for _ in range(READS):
            list(Body.objects.order_by("path")[:50])

    t0 = time.perf_counter()
    reads()
    t_default = time.perf_counter() - t0
    settings.DATABASES[REPLICA] = {**connections["default"].settings_dict}
    with override_settings(DATABASE_ROUTERS=["fazhi.jobs.replica.ReplicaRouter"]):
        with reading_from_replica():
            reads()  # open the replica connection first
            t0 = time.perf_counter()
            reads()
            t_replica = time.perf_counter() - t0
        assert connections[REPLICA].connection is not None

    lines = [
        f"# Background jobs and the replica router on {connection.vendor}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared with other jobs while measured), Python "
        f"{platform.python_version()}, {connection.vendor}. Run: `.venv/bin/python bench/bench_jobs.py {N}`"
        + (" with FAZHI_DATABASE_URL set to a local PostgreSQL" if connection.vendor == "postgresql" else "")
        + ". Ratios are against the baseline line above them, in the same run.",
        "",
        "| what | count | total (s) | vs baseline |",
        "|---|---:|---:|---:|",
        f"| verify_chain() called directly (baseline) | {N:,} entries | {t_direct:.3f} | 1.00× |",
        f"| verify job: enqueue → db_worker → done, progress written every 0.5 s | {N:,} entries | {t_job:.3f} | "
        f"{t_job / t_direct:.2f}× |",
        f"| sweep_missed_deadlines() with nothing due (baseline) | {SWEEPS} runs | {t_sweep:.3f} | 1.00× |",
        f"| run_sweep('deadline_sweep') under its run-key row | {SWEEPS} runs | {t_locked:.3f} | "
        f"{t_locked / t_sweep:.2f}× (+{(t_locked - t_sweep) / SWEEPS * 1000:.1f} ms a run) |",
        f"| 50-row list on default, no router (baseline) | {READS} reads | {t_default:.3f} | 1.00× |",
        f"| same, marked for the replica (alias on the same database) | {READS} reads | {t_replica:.3f} | "
        f"{t_replica / t_default:.2f}× |",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    write_result(f"jobs_{connection.vendor}.md", text)


if __name__ == "__main__":
    main()
