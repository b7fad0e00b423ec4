"""Supervision: the alerts of a whole district and the comparison page, each beside a baseline in the same run.

A generated district: 20 towns (each with an enforcement team), 20,000 cases, 200,000 deadlines (10 per case: most
met, some closed late, some open past due, some due soon). The supervisor of the district's 司法局 sees all of it.

1. The 期限已超期 alert (``alerts.compute(only=["deadline_overdue"])``: the scoped queryset, the derived state, one
   Alert per row with its link) vs one hand-written SQL query returning the same rows (goal ≤ 2×).
2. Every alert rule at once (the alerts page's computation).
3. The comparison page's figures (``comparison.rows_for`` + ``figures``) vs one hand-written grouped SQL count of
   the decided cases per body (the cheapest figure the page shows).

    .venv/bin/python bench/bench_supervision.py [N_TOWNS] [N_CASES] [DEADLINES_PER_CASE]   (defaults 20, 20000, 10)
"""

import platform
import random
import sys
import time
from datetime import date, timedelta

from _django import setup, write_result

N_TOWNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
N_CASES = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
PER_CASE = int(sys.argv[3]) if len(sys.argv) > 3 else 10
TODAY = date(2020, 6, 30)
RULES = ["enforcement.filing", "enforcement.decision", "enforcement.statement", "enforcement.hearing_notice",
         "enforcement.payment", "enforcement.publish_permit_or_penalty", "enforcement.legal_review",
         "enforcement.service_absent_party", "enforcement.major_decision_filing", "enforcement.court_application"]  # fmt: skip


def seed(rng):
    from django.db import transaction

    from fazhi.core.access import Role
    from fazhi.core.models import Deadline
    from fazhi.enforcement.models import Case
    from fazhi.org.models import BodyKind
    from fazhi.org.services import create_body, create_staff

    district = create_body(actor=None, name="天津市西青区", kind=BodyKind.DISTRICT, code="BD", province="天津市")
    bureau = create_body(actor=None, name="西青区司法局", kind=BodyKind.UNIT, code="BSFJ", parent=district)
    towns = [create_body(actor=None, name=f"西青区第{i}镇人民政府", short_name=f"第{i}镇", kind=BodyKind.TOWN,
                         code=f"BT{i}", parent=district) for i in range(N_TOWNS)]  # fmt: skip
    supervisor = create_staff(actor=None, username="bench_sup", last_name="冯", first_name="监", body=bureau,
                              roles=[Role.SUPERVISOR], password="x" * 12)  # fmt: skip
    clerk = create_staff(actor=None, username="bench_reg", last_name="张", first_name="登", body=towns[0], roles=[],
                         password="x" * 12)  # fmt: skip
    start = date(2019, 1, 1)
    with transaction.atomic():
        for offset in range(0, N_CASES, 2000):
            cases = []
            for n in range(offset, min(offset + 2000, N_CASES)):
                day = start + timedelta(days=n % 540)
                decided = day + timedelta(days=rng.randint(10, 120)) if n % 4 else None
                cases.append(Case(body=towns[n % N_TOWNS], source="patrol", title="露天焚烧秸秆", description="-",
                                  place="-", discovered_on=day, act_date=day, registered_by=clerk, party_kind="person",
                                  party_name="孙某", filed_on=day, decided_on=decided if decided and decided < TODAY else None,
                                  outcome="penalty" if decided else "", number=f"津西青立〔{day.year}〕{n}号",
                                  status="closed" if decided and decided < TODAY else "investigating"))  # fmt: skip
            Case.objects.bulk_create(cases)
            rows = []
            for case in cases:
                for k in range(PER_CASE):
                    s = case.discovered_on + timedelta(days=k * 7)
                    due = s + timedelta(days=rng.choice((5, 10, 20, 90)))
                    roll = rng.random()
                    if roll < 0.70:
                        state, closed = "met", due - timedelta(days=1)
                    elif roll < 0.80:
                        state, closed = "missed", due + timedelta(days=3)
                    elif roll < 0.95:
                        state, closed = "missed" if roll < 0.9 and due < TODAY else "open", None
                    else:
                        state, closed, due = "open", None, TODAY + timedelta(days=rng.randint(0, 10))
                    rows.append(Deadline(subject_type="enforcement.case", subject_id=str(case.pk),
                                         subject_label=case.number, body_id=case.body_id, rule_key=RULES[k % len(RULES)],
                                         rule_name=f"期限{k}", rule_citation="《中华人民共和国行政处罚法》", period="20wd",
                                         start_date=s, due_date=due, state=state, closed_on=closed))  # fmt: skip
            Deadline.objects.bulk_create(rows, batch_size=5000)
    return supervisor


BASELINE_SQL = """
SELECT d.id, d.body_id, d.subject_label, d.rule_name, d.due_date, d.subject_type, d.rule_citation
FROM core_deadline d JOIN org_body b ON b.id = d.body_id
WHERE b.path LIKE %s AND d.closed_on IS NULL AND d.is_window = 0 AND d.state <> 'paused' AND d.due_date < %s
  AND d.rule_key NOT IN ('enforcement.publish_permit_or_penalty', 'enforcement.publish_other_decision')
ORDER BY d.due_date, d.id
"""


def timed(fn, repeat=3):
    best, result = None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main():
    setup()
    from django.db import connection

    from fazhi.core.models import Deadline
    from fazhi.org.selectors import visible_bodies
    from fazhi.supervision import alerts, comparison
    from fazhi.supervision.overview import units_for

    rng = random.Random(2019)
    t0 = time.perf_counter()
    supervisor = seed(rng)
    seeding = time.perf_counter() - t0
    root = visible_bodies(supervisor).order_by("path").first()

    def baseline():
        with connection.cursor() as cur:
            cur.execute(BASELINE_SQL, [f"{root.path}%", TODAY])
            return cur.fetchall()

    base_t, base_rows = timed(baseline)
    ours_t, ours = timed(lambda: alerts.compute(supervisor, today=TODAY, year=2019, only=["deadline_overdue"]))
    assert len(ours) == len(base_rows), (len(ours), len(base_rows))
    assert [a.url.rstrip("/").split("/")[-1] for a in ours] == [str(r[0]) for r in base_rows]
    all_t, every = timed(lambda: alerts.compute(supervisor, today=TODAY, year=2019), repeat=1)
    per_rule = {}
    for a in every:
        per_rule[a.rule] = per_rule.get(a.rule, 0) + 1

    units, label = units_for(supervisor)
    first, last = date(2019, 1, 1), date(2019, 12, 31)

    def page():
        rows, recorded = comparison.rows_for(supervisor, units, first, last, today=TODAY)
        return comparison.figures(supervisor, rows, recorded, first, last, label)

    def cheapest():
        with connection.cursor() as cur:
            cur.execute("SELECT body_id, COUNT(*) FROM enforcement_case WHERE decided_on BETWEEN %s AND %s "
                        "GROUP BY body_id", [first, last])  # fmt: skip
            return cur.fetchall()

    cheap_t, _ = timed(cheapest)
    page_t, figs = timed(page, repeat=1)
    out = [
        "# Supervision benchmarks",
        "",
        f"Python {platform.python_version()}, {connection.vendor}, {platform.machine()}. Generated district: "
        f"{N_TOWNS} towns, {N_CASES:,} cases, {Deadline.objects.count():,} deadlines (seeding {seeding:.0f} s); "
        f"today = {TODAY}.",
        "",
        "## 1. 期限已超期 for the whole district",
        "",
        "| pass | rows | ms | ratio to baseline |",
        "|---|---:|---:|---:|",
        f"| baseline: one hand-written SQL query (same rows, same order) | {len(base_rows):,} | {base_t * 1000:.0f} | 1.0 |",
        f'| `alerts.compute(only=["deadline_overdue"])` (scope, derived state, one Alert with its link per row) '
        f"| {len(ours):,} | {ours_t * 1000:.0f} | {ours_t / base_t:.2f}× |",
        "",
        "## 2. Every alert rule (the alerts page's computation)",
        "",
        f"{len(every):,} alerts in {all_t * 1000:.0f} ms: "
        + "; ".join(f"{alerts.REGISTRY[k].title} {v:,}" for k, v in per_rule.items())
        + ".",
        "",
        "## 3. Comparison page (20 towns, one year)",
        "",
        "| pass | ms | ratio to baseline |",
        "|---|---:|---:|",
        f"| baseline: one grouped SQL count of decided cases per body | {cheap_t * 1000:.1f} | 1.0 |",
        f"| `comparison.rows_for` + `figures` ({len(figs)} charts with their tables) | {page_t * 1000:.0f} | "
        f"{page_t / cheap_t:,.0f}× |",
        "",
        "Reading: the overdue alert is the baseline query plus building one row object (and its link) per result; the",
        "comparison page runs about a dozen grouped queries (publication, review coverage, decision days, overdue",
        "deadlines, the statistics' remedies, certificates, officers, the monthly trend), so it is compared with the",
        "single cheapest of them to show what the whole page costs at this size.",
    ]
    text = "\n".join(out) + "\n"
    print(text)
    write_result(f"supervision{'' if connection.vendor == 'sqlite' else '-' + connection.vendor}.md", text)


if __name__ == "__main__":
    main()
