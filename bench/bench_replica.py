"""The read replica against a real PostgreSQL streaming standby (issue 17, ADR 0072).

The tests and bench_jobs.py point the `replica` alias at the primary itself: they prove the routing, not that it
survives a real hot standby, which refuses every write ("cannot execute … in a read-only transaction"). This script
runs the demo town's read-only pages through the Django test Client with the router on and a standby behind
FAZHI_DATABASE_REPLICA_URL, and fails on any response of 500 or more — a write routed to the standby would be one.
For each page it reports the queries answered by each database and the time beside the same page pinned to the
primary (the cookie a browser carries after it wrote). Then it registers a case lead through the form (a write,
which must go to the primary and pin the browser), reads the case list back at once (from the primary, pinned), and
measures how long the standby takes to show the new lead.

    FAZHI_TODAY=2020-02-20 \\
    FAZHI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/DEMO \\
    FAZHI_DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5433/DEMO \\
    .venv/bin/python bench/bench_replica.py

(DEMO built by `fazhi load_demo`; the standby from `pg_basebackup -R -X stream`, see docs/deployment.md.)
"""

import os
import platform
import statistics
import sys
import time

from _django import setup, write_result

REPEAT = 5
USERS = ("officer1", "leader", "supervisor")


def marked_paths() -> list[tuple[str, str]]:
    """(view name, path) of every URL without parameters whose view the router sends to the replica."""
    from django.urls import URLPattern, URLResolver, get_resolver, reverse

    from fazhi.jobs.replica import view_is_marked

    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x) if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groups:
                name = f"{namespace}:{p.name}" if namespace else p.name
                if view_is_marked(name):
                    try:
                        found.append((name, reverse(name)))
                    except Exception:  # noqa: BLE001 — a pattern that needs arguments after all: not listed
                        continue

    walk(get_resolver().url_patterns, "")
    return sorted(set(found), key=lambda item: item[1])


def main() -> None:
    if not os.environ.get("FAZHI_DATABASE_REPLICA_URL"):
        sys.exit("请设置 FAZHI_DATABASE_REPLICA_URL（只读备库）后再运行。")
    setup(migrate=False)
    from bench_city_pages import login
    from django.conf import settings
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fazhi.enforcement.models import Case
    from fazhi.jobs.replica import PIN_COOKIE, REPLICA
    from fazhi.org.models import User

    settings.ALLOWED_HOSTS = ["*"]
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        if not cursor.fetchone()[0]:
            sys.exit("FAZHI_DATABASE_REPLICA_URL 指向的不是只读备库（pg_is_in_recovery() 为 false）。")
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT client_addr, state, sync_state FROM pg_stat_replication")
        senders = cursor.fetchall()

    paths = marked_paths()
    rows, failures = [], []
    for username in USERS:
        user = User.objects.get(username=username)
        client = Client()
        login(client, user)
        for name, path in paths:
            with CaptureQueriesContext(connections["default"]) as on_default:
                with CaptureQueriesContext(connections[REPLICA]) as on_replica:
                    response = client.get(path)
            if response.status_code >= 500:
                failures.append(f"{username} {path} → {response.status_code}")
                continue
            if response.status_code != 200:
                continue  # not this person's page (403/404): nothing to compare

            def timed(pinned: bool, path=path, client=client):
                client.cookies.pop(PIN_COOKIE, None)
                if pinned:
                    client.cookies[PIN_COOKIE] = "1"
                times = []
                for _ in range(REPEAT):
                    t0 = time.perf_counter()
                    assert client.get(path).status_code == 200
                    times.append(time.perf_counter() - t0)
                client.cookies.pop(PIN_COOKIE, None)
                return statistics.median(times)

            rows.append((username, name, path, len(on_default), len(on_replica), timed(False), timed(True)))

    # A write through the form: it goes to the primary and pins this browser there for the next page.
    officer = User.objects.get(username="officer1")
    client = Client()
    login(client, officer)
    title = f"备库延迟测量 {time.time_ns()}"
    response = client.post(
        "/cases/new/",
        {
            "source": "patrol",
            "title": title,
            "description": "巡查发现占道经营。",
            "place": "辛口镇政府门前",
            "discovered_on": "2020-02-20",
            "act_date": "2020-02-20",
            "party_kind": "person",
            "party_name": "测量某",
        },
    )
    wrote = response.status_code == 302
    if not wrote:
        failures.append(f"登记案源 POST → {response.status_code}")
    pinned = PIN_COOKIE in response.cookies
    t_write = time.perf_counter()
    with CaptureQueriesContext(connections[REPLICA]) as after_write:
        listed = title in client.get("/cases/", {"q": "备库延迟测量"}).content.decode()
    lag = None
    if wrote:
        replica_cases = Case.objects.using(REPLICA)
        while lag is None and time.perf_counter() - t_write < 30:
            if replica_cases.filter(title=title).exists():
                lag = time.perf_counter() - t_write
            else:
                time.sleep(0.005)

    lines = [
        f"# The read replica against a real streaming standby ({connections['default'].vendor})",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}; 2 CPUs shared with other work, the "
        "primary and the standby on the same host (loopback). Standby made by `pg_basebackup -R -X stream` from the "
        "primary and started as a hot standby on port 5433 (docs/deployment.md). Data: `fazhi load_demo`.",
        "",
        "Run: `FAZHI_TODAY=2020-02-20 FAZHI_DATABASE_URL=…:5432/DEMO FAZHI_DATABASE_REPLICA_URL=…:5433/DEMO "
        ".venv/bin/python bench/bench_replica.py`.",
        "",
        f"Replication seen by the primary (pg_stat_replication): {senders}.",
        "",
        f"Every page the router marks (`FAZHI_REPLICA_VIEWS` default, URLs without parameters: {len(paths)}), as "
        f"{', '.join(USERS)}; median of {REPEAT}. **replica** = the page as routed; **primary** = the same page with "
        "the pin cookie (all reads on the primary). Pages a person may not open (403/404) are left out.",
        "",
        "| person | page | queries on primary | queries on standby | routed | pinned to primary | ratio |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for username, name, path, n_default, n_replica, t_routed, t_pinned in rows:
        lines.append(
            f"| {username} | `{name}` {path} | {n_default} | {n_replica} | {t_routed * 1000:.1f} ms | "
            f"{t_pinned * 1000:.1f} ms | {t_routed / t_pinned:.2f}× |"
        )
    total_replica = sum(r[4] for r in rows)
    lines += [
        "",
        "## Write, then read",
        "",
        f"- 登记案源 through the form (`/cases/new/`): {'302, saved on the primary' if wrote else 'FAILED'}; "
        f"pin cookie set: {'yes' if pinned else 'no'}.",
        f"- The case list right after it, same browser: the new lead {'listed' if listed else 'NOT listed'}, "
        f"{len(after_write)} queries on the standby (pinned: expected 0).",
        f"- The standby showed the new lead {lag * 1000:.1f} ms after the write returned."
        if lag is not None
        else "- The standby did not show the new lead within 30 s.",
        "",
        "## Verdict",
        "",
        f"- Pages measured: {len(rows)}; queries answered by the standby: {total_replica}; responses ≥ 500: "
        f"{len(failures)}.",
    ]
    lines += [f"- FAILED: {f}" for f in failures]
    ok = not failures and wrote and pinned and listed and not after_write.captured_queries and total_replica > 0
    lines.append(f"- {'passed' if ok else 'FAILED'}")
    text = "\n".join(lines) + "\n"
    print(text)
    write_result("replica_postgresql.md", text)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
