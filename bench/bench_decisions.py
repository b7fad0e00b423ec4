"""Counsel: per-engagement yearly statistics (asked, answered, on time, adopted, not adopted) over many opinions,
against a hand-written SQL aggregate returning the same rows, and the naive one-query-per-engagement loop.

    .venv/bin/python bench/bench_decisions.py [N_OPINIONS] [N_ENGAGEMENTS]   (defaults 50000, 200)
"""

import platform
import random
import sys
import time
from datetime import date, timedelta

from _django import setup, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
E = int(sys.argv[2]) if len(sys.argv) > 2 else 200
RUNS = 5


def build(rng):
    from django.contrib.auth import get_user_model

    from fazhi.counsel.models import Engagement, Finding, OpinionRequest, OpinionStatus
    from fazhi.org.models import Body, BodyKind
    from fazhi.org.services import create_body

    body = Body.objects.filter(code="BENCH-COUNSEL").first() or create_body(
        actor=None, name="基准测试镇（法律顾问）", kind=BodyKind.TOWN, code="BENCH-COUNSEL"
    )
    user = get_user_model().objects.filter(username="bench-counsel").first() or get_user_model().objects.create(
        username="bench-counsel", body=body
    )
    OpinionRequest.objects.filter(body=body).delete()
    Engagement.objects.filter(body=body).delete()
    engagements = Engagement.objects.bulk_create(
        Engagement(body=body, kind="law_firm", adviser=f"律师事务所{i}", lawyers=["甲", "乙"],
                   term_start=date(2018, 1, 1), term_end=date(2020, 12, 31), fee=50000, scope="x", created_by=user)
        for i in range(E)
    )  # fmt: skip
    rows = []
    for i in range(N):
        asked = date(2018, 1, 1) + timedelta(days=rng.randrange(0, 3 * 365))
        due = asked + timedelta(days=rng.randint(3, 10))
        r = rng.random()
        if r < 0.1:
            rows.append(OpinionRequest(body=body, engagement=rng.choice(engagements), subject_type="x.y",
                                       subject_id=str(i), subject_label="x", question="q", asked_on=asked, due_on=due,
                                       asked_by=user))  # fmt: skip
            continue
        answered = asked + timedelta(days=rng.randint(1, 12))
        status = OpinionStatus.ANSWERED if r < 0.3 else OpinionStatus.ADOPTED if r < 0.9 else OpinionStatus.NOT_ADOPTED
        rows.append(OpinionRequest(
            body=body, engagement=rng.choice(engagements), subject_type="x.y", subject_id=str(i), subject_label="x",
            question="q", asked_on=asked, due_on=due, asked_by=user, status=status, answered_on=answered, lawyer="甲",
            finding=Finding.LAWFUL, answer="a", not_adopted_reason="r" if status == OpinionStatus.NOT_ADOPTED else "",
        ))  # fmt: skip
    OpinionRequest.objects.bulk_create(rows, batch_size=5000)
    return [e.pk for e in engagements]


SQL = """
SELECT engagement_id,
       COUNT(*),
       SUM(CASE WHEN answered_on IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN answered_on IS NOT NULL AND answered_on <= due_on THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = 'adopted' THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = 'not_adopted' THEN 1 ELSE 0 END)
FROM counsel_opinionrequest
WHERE asked_on BETWEEN %s AND %s
GROUP BY engagement_id
"""


def best(fn):
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main():
    setup()
    from django.db import connection

    from fazhi.counsel.models import OpinionRequest
    from fazhi.counsel.selectors import engagement_year_stats

    rng = random.Random(14)
    t0 = time.perf_counter()
    ids = build(rng)
    built = time.perf_counter() - t0

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(SQL, [date(2019, 1, 1), date(2019, 12, 31)])
            keys = ("asked", "answered", "on_time", "adopted", "not_adopted")
            return {row[0]: dict(zip(keys, map(int, row[1:]), strict=True)) for row in cursor.fetchall()}

    def selector():
        return engagement_year_stats(ids, 2019)

    def naive():
        out = {}
        for pk in ids:
            qs = OpinionRequest.objects.filter(engagement_id=pk, asked_on__year=2019)
            out[pk] = {
                "asked": qs.count(),
                "answered": qs.filter(answered_on__isnull=False).count(),
                "on_time": sum(1 for a, due in qs.exclude(answered_on=None).values_list("answered_on", "due_on")
                               if a <= due),
                "adopted": qs.filter(status="adopted").count(),
                "not_adopted": qs.filter(status="not_adopted").count(),
            }  # fmt: skip
        return out

    t_base, base_rows = best(baseline)
    t_sel, sel_rows = best(selector)
    t_naive, naive_rows = best(naive)
    same = (
        {k: v for k, v in sel_rows.items() if v["asked"]}
        == base_rows
        == {k: v for k, v in naive_rows.items() if v["asked"]}
    )
    asked_2019 = sum(v["asked"] for v in base_rows.values())
    lines = [
        "# Counsel: yearly statistics per engagement",
        "",
        f"{N} opinion requests over {E} engagements (2018–2020), {asked_2019} asked in 2019; built in {built:.1f} s. "
        f"Best of {RUNS} runs; {platform.python_implementation()} {platform.python_version()}, SQLite "
        f"{connection.Database.sqlite_version}. Results identical across the three: **{same}**.",
        "",
        "| figure | time (ms) | ratio to baseline |",
        "|---|---:|---:|",
        f"| baseline: one hand-written SQL aggregate | {t_base * 1000:.1f} | 1.00 |",
        f"| `counsel.selectors.engagement_year_stats` (one ORM aggregate) | {t_sel * 1000:.1f} | {t_sel / t_base:.2f} |",
        f"| naive: five queries per engagement | {t_naive * 1000:.1f} | {t_naive / t_base:.2f} |",
        "",
        "The selector is the grouped query the yearly evaluation and the counsel page use; the index on "
        "(engagement, asked_on) serves both it and the baseline.",
    ]
    out = write_result("decisions.md", "\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"→ {out}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
