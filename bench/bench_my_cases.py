"""`enforcement.selectors.my_cases(officer)` at 1,000 and at 100,000 cases (issue 17), beside a hand-written SQL
query returning the same rows (the same case ids in the same order), with the EXPLAIN plans of both.

The data is bench_enforcement.fill(): every case registered by the measured officer (the worst case for the
"registered by me" half), half of them open, 2,000 of the open ones also handled by them.

    .venv/bin/python bench/bench_my_cases.py
    FAZHI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_my .venv/bin/python bench/bench_my_cases.py
"""

import platform
import sys
import time

from _django import setup, write_result

SMALL = 1_000
BIG = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
REPEAT = 5


def hand_sql(vendor: str) -> str:
    """The same rows, written by hand: the two halves ("handled by me", "registered by me") each ordered and limited
    on its own index, then merged."""
    return """
        SELECT id FROM (
            SELECT * FROM (SELECT c.id, c.discovered_on FROM enforcement_case c
                JOIN enforcement_case_officers o ON o.case_id = c.id
                WHERE o.user_id = %(u)s AND c.body_id IN %(bodies)s AND c.status IN %(open)s
                ORDER BY c.discovered_on DESC, c.id DESC LIMIT 50) handled
            UNION
            SELECT * FROM (SELECT c.id, c.discovered_on FROM enforcement_case c
                WHERE c.registered_by_id = %(u)s AND c.body_id IN %(bodies)s AND c.status IN %(open)s
                ORDER BY c.discovered_on DESC, c.id DESC LIMIT 50) registered
        ) mine ORDER BY discovered_on DESC, id DESC LIMIT 50
    """


def main() -> None:
    setup()
    from bench_enforcement import fill
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.enforcement.selectors import my_cases
    from fazhi.enforcement.tests.factories import make_world
    from fazhi.enforcement.workflow import OPEN_STATUSES
    from fazhi.org.selectors import visible_body_ids

    w = make_world()
    officer = w.officer1

    def run_hand():
        bodies = tuple(visible_body_ids(officer))
        sql = hand_sql(connection.vendor)
        params = {"u": officer.pk, "bodies": bodies, "open": tuple(OPEN_STATUSES)}
        # Inline the IN lists (both backends accept literal tuples of ints/strings written out here).
        text = sql.replace("%(bodies)s", "(" + ",".join(str(int(b)) for b in bodies) + ")")
        text = text.replace("%(open)s", "(" + ",".join(f"'{s}'" for s in OPEN_STATUSES) + ")")
        text = text.replace("%(u)s", str(int(params["u"])))
        with connection.cursor() as cursor:
            cursor.execute(text)
            return [row[0] for row in cursor.fetchall()], text

    def measure(label):
        ours = [row.case.pk for row in my_cases(officer)]
        theirs, text = run_hand()
        # my_cases orders its page by due date for display; the set of 50 cases must be the same.
        assert set(ours) == set(theirs), (label, len(ours), len(theirs))
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            for _ in range(REPEAT):
                my_cases(officer)
            t_ours = (time.perf_counter() - t0) / REPEAT
        case_sql = [q["sql"] for q in ctx.captured_queries[: len(ctx.captured_queries) // REPEAT]]
        t0 = time.perf_counter()
        for _ in range(REPEAT):
            run_hand()
        t_hand = (time.perf_counter() - t0) / REPEAT
        plans = []
        with connection.cursor() as cursor:
            for sql in [*(q for q in case_sql if "enforcement_case" in q and "deadline" not in q), text]:
                cursor.execute(("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + sql)
                plans.append((sql, "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())))
        return t_ours, t_hand, len(case_sql), plans

    fill(w, SMALL)
    small = measure("small")
    fill(w, BIG)
    big = measure("big")
    lines = [
        f"# my_cases(officer): {SMALL:,} vs {BIG:,} cases ({connection.vendor})",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {connection.vendor}; 2 shared CPUs. "
        "Run: `.venv/bin/python bench/bench_my_cases.py`. Mean of 5 calls after a warm-up call.",
        "",
        f"| what | {SMALL:,} cases | {BIG:,} cases | ratio | queries |",
        "|---|---:|---:|---:|---:|",
        f"| my_cases(officer) | {small[0] * 1000:.1f} ms | {big[0] * 1000:.1f} ms | {big[0] / small[0]:.1f}× | "
        f"{small[2]} / {big[2]} |",
        f"| hand-written SQL, same 50 cases (baseline) | {small[1] * 1000:.1f} ms | {big[1] * 1000:.1f} ms | "
        f"{big[1] / small[1]:.1f}× | 1 |",
        "",
        f"## EXPLAIN at {BIG:,} cases",
        "",
    ]
    for sql, plan in big[3]:
        lines += ["```sql", sql.strip(), "```", "", "```", plan, "```", ""]
    text = "\n".join(lines)
    print(text)
    write_result(f"my_cases_{connection.vendor}.md", text)


if __name__ == "__main__":
    main()
