"""双随机 draw: the reproducible SM3 draw over a 100,000-object 名录库 and its verification, each beside a baseline
in the same run.

1. The draw alone (``core.draw.draw``: sort + one SM3 per pick + list removal) vs ``random.sample`` over the same
   keys (not reproducible by a third party), and ``pool_hash`` vs a plain ``sorted`` of the keys.
2. Through the database: the .xlsx-equivalent import of the 名录库 (all rows checked, then bulk insert), fixing the
   seed (snapshot + SM3 of every pool + chain entry), the draw step, and ``verify_task`` (what ``fazhi draw_verify``
   runs) vs the baseline of one hand-written SQL query returning the same credit codes.

    .venv/bin/python bench/bench_inspection.py [N_OBJECTS]   (default 100000; a throwaway SQLite DB)
"""

import platform
import random
import sys
import time
from datetime import date

from _django import setup, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
RATIO = 3  # percent, as 企业公示信息抽查暂行办法 第四条 (≥ 3%)


def timed(fn, repeat: int = 3):
    best, value = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best, value


def main() -> None:
    setup()
    import time_machine
    from django.db import connection

    from fazhi.core.access import Role
    from fazhi.core.draw import draw, pool_hash
    from fazhi.inspection import services
    from fazhi.inspection.codes import make_code
    from fazhi.inspection.models import TaskObject
    from fazhi.inspection.verify import verify_task
    from fazhi.law.tests.factories import load_test_laws
    from fazhi.org.tests.factories import CertificateFactory, World

    codes = [make_code("91" if n % 3 else "92", "120111", 1_000_000 + n) for n in range(N)]
    k = -(-N * RATIO // 100)
    lines = ["# 双随机 draw benchmarks", "", f"Python {platform.python_version()}, {connection.vendor}, "
             f"{platform.machine()}; 名录库 of {N:,} objects, a {RATIO}% sample (k = {k:,}).", ""]  # fmt: skip

    # --- 1. the algorithm alone --------------------------------------------------------------------------------
    t_sample, _ = timed(lambda: random.Random(1).sample(codes, k))
    t_draw, picks = timed(lambda: draw("bench-seed", codes, k))
    assert picks == draw("bench-seed", list(reversed(codes)), k)  # order of the input does not matter
    t_sort, _ = timed(lambda: sorted(codes))
    t_hash, _ = timed(lambda: pool_hash(codes))
    lines += [
        "## 1. The draw alone",
        "",
        "| pass | ms | ratio to baseline |",
        "|---|---:|---:|",
        f"| baseline: `random.sample(keys, k)` (not reproducible) | {t_sample * 1000:.1f} | 1.0 |",
        f"| `core.draw.draw(seed, keys, k)` (SM3 per pick, reproducible) | {t_draw * 1000:.1f} | "
        f"{t_draw / t_sample:.1f}× |",
        f"| baseline: `sorted(keys)` | {t_sort * 1000:.1f} | 1.0 |",
        f"| `core.draw.pool_hash(keys)` (sort + SM3 of the joined pool) | {t_hash * 1000:.1f} | {t_hash / t_sort:.1f}× |",
        "",
    ]

    # --- 2. through the database -------------------------------------------------------------------------------
    with time_machine.travel("2024-12-31 10:00 +0800", tick=True):
        load_test_laws(names=("行政法规/企业信息公示暂行条例(2014-08-07).md",))
        world = World()
        team = world.team
        leader = world.person(team, Role.LEADER, username="bench_leader", last_name="李", first_name="队长")
        on = date(2024, 3, 1)
        for n in range(6):
            person = world.person(team, Role.OFFICER, username=f"bench_o{n}", last_name="张", first_name=f"{n}")
            CertificateFactory(holder=person, valid_from=date(2019, 1, 1), valid_to=date(2030, 12, 31))
            services.add_inspector(actor=leader, body=team, person=person, code=f"J{n:02d}", on=on)
        rows = [
            {"line": n + 2, "credit_code": code, "name": f"企业{n}", "kind": "enterprise" if n % 3 else "individual",
             "risk": ("high", "medium", "low", "low", "low")[n % 5], "credit": "poor" if n % 97 == 0 else "good"}
            for n, code in enumerate(codes)
        ]  # fmt: skip
        start = time.perf_counter()
        services.import_objects(actor=leader, body=team, rows=rows, on=on)
        t_import = time.perf_counter() - start
        item = services.list_item(actor=leader, body=team, name="企业公示信息抽查", basis="《企业信息公示暂行条例》第十四条",
                                  content="公示信息", method="书面检查", kind="general", ratio_cap="10", on=on)  # fmt: skip
        plan = services.adopt_plan(actor=leader, body=team, year=2024, title="2024年计划", on=on)
        task = services.create_task(actor=leader, plan=plan, item=item, title="bench", ratio_high=str(RATIO),
                                    ratio_medium=str(RATIO), ratio_low=str(RATIO), on=on)  # fmt: skip
        start = time.perf_counter()
        services.fix_seed(actor=leader, task=task, on=date(2024, 3, 2), seed="bench 2024")
        t_seed = time.perf_counter() - start
        start = time.perf_counter()
        services.draw(actor=leader, task=task, on=date(2024, 3, 3))
        t_drawn = time.perf_counter() - start
        task.refresh_from_db()
        drawn = TaskObject.objects.filter(task=task).count()
        t_verify, checks = timed(lambda: verify_task(task))
        assert all(c.ok for c in checks), [c for c in checks if not c.ok]

        def baseline():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT credit_code, risk FROM inspection_inspectionobject WHERE body_id = %s AND active "
                    "ORDER BY credit_code",
                    [team.pk],
                )
                return cursor.fetchall()

        t_sql, fetched = timed(baseline)
        assert len(fetched) == N
    lines += [
        "## 2. Through the database",
        "",
        f"Objects drawn: {drawn:,} in three strata; 2 of 6 inspectors.",
        "",
        "| pass | ms | ratio to baseline |",
        "|---|---:|---:|",
        f"| baseline: one SQL query returning the body's {N:,} credit codes in order | {t_sql * 1000:.1f} | 1.0 |",
        f"| 公布随机种子 (snapshot of every pool + SM3 + chain entry) | {t_seed * 1000:.1f} | {t_seed / t_sql:.1f}× |",
        f"| 随机抽取 (draw from the stored pools, rows, chain entry) | {t_drawn * 1000:.1f} | {t_drawn / t_sql:.1f}× |",
        f"| `verify_task` (= `fazhi draw_verify`: re-hash pools, recompute, compare) | {t_verify * 1000:.1f} | "
        f"{t_verify / t_sql:.1f}× |",
        f"| import of the {N:,}-row 名录库 (check every code, bulk insert, chain entry) | {t_import * 1000:.0f} | "
        f"{t_import / t_sql:.0f}× |",
        "",
    ]
    path = write_result("inspection.md", "\n".join(lines))
    print(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
