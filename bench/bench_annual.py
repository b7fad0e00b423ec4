"""Annual report: drafting a district's town reports (every figure query of ``fazhi.annual.figures.compute``) against
the same figures from hand-written SQL — one query per figure group, per town — in the same run, on the same rows.

The generated district has 20 towns; per town a year of penalty cases (filed, decided by procedure, fined, closed),
their publication records with the publication deadlines (met, late, missed) — the heaviest tables the report reads.
The figures that both sides compute are compared: the bench fails if they differ.

    .venv/bin/python bench/bench_annual.py [N_CASES]   (default 20000; a throwaway SQLite DB unless
                                                      FAZHI_DATABASE_URL is set)
"""

import platform
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from _django import setup, write_result

N_CASES = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
TOWNS = 20


def seed(rng):
    from django.db import transaction

    from fazhi.core.models import Deadline
    from fazhi.enforcement.models import Case
    from fazhi.enforcement.rules import PUBLISH_PERMIT_OR_PENALTY
    from fazhi.org.models import BodyKind
    from fazhi.org.services import create_body, create_staff
    from fazhi.publicity.models import Publication

    district = create_body(actor=None, name="天津市西青区", kind=BodyKind.DISTRICT, code="AD")
    towns = [
        create_body(actor=None, name=f"西青区第{i}镇人民政府", kind=BodyKind.TOWN, code=f"AT{i:02d}", parent=district)
        for i in range(TOWNS)
    ]
    user = create_staff(
        actor=None, username="bench", last_name="测", first_name="试", body=towns[0], roles=[], password="x" * 12
    )
    batch = 5000
    with transaction.atomic():
        for offset in range(0, N_CASES, batch):
            cases, pubs, rows = [], [], []
            for n in range(offset, min(offset + batch, N_CASES)):
                body = towns[n % TOWNS]
                day = date(2019, 1, 1) + timedelta(days=n % 365)
                decided = day + timedelta(days=rng.randint(5, 80))
                cases.append(
                    Case(body=body, source="patrol", title="占道经营", description="-", place="-", discovered_on=day,
                         act_date=day, registered_by=user, party_kind="person", party_name="某某", filed_on=day,
                         procedure="ordinary" if n % 3 else "summary", decision_number=f"罚决〔2019〕{n}号",
                         decided_on=decided, outcome="penalty" if n % 7 else "no_penalty",
                         fine_amount=Decimal(rng.randint(1, 50) * 100), closed_on=decided + timedelta(days=20),
                         status="closed")
                )  # fmt: skip
            Case.objects.bulk_create(cases)
            for case in cases:
                pubs.append(
                    Publication(case_id=case.pk, body_id=case.body_id, kind="penalty", state="published",
                                decision_number=case.decision_number, party_display="某某", violation_type="占道经营",
                                penalty="罚款", decided_on=case.decided_on, original_text="-", original_sm3="0" * 64,
                                redacted_text="-", reviewed_by=user, published_on=case.decided_on + timedelta(days=5),
                                retire_on=date(2099, 1, 1))
                )  # fmt: skip
            Publication.objects.bulk_create(pubs)
            for pub in pubs:
                due = pub.decided_on + timedelta(days=9)
                late = pub.pk % 11 == 0
                missed = pub.pk % 29 == 0
                rows.append(
                    Deadline(subject_type="publicity.publication", subject_id=str(pub.pk), subject_label="-",
                             body_id=pub.body_id, rule_key=PUBLISH_PERMIT_OR_PENALTY, rule_name="公开",
                             rule_citation="-", period="7wd", start_date=pub.decided_on, due_date=due,
                             state="missed" if (late or missed) else "met",
                             closed_on=None if missed else (due + timedelta(days=3) if late else due))
                )  # fmt: skip
            Deadline.objects.bulk_create(rows)
    return towns


SQL_CASES = """
SELECT COUNT(*) FILTER (WHERE filed_on BETWEEN %(a)s AND %(b)s),
       COUNT(*) FILTER (WHERE outcome='penalty' AND procedure='ordinary' AND decided_on BETWEEN %(a)s AND %(b)s),
       COUNT(*) FILTER (WHERE outcome='penalty' AND procedure='summary' AND decided_on BETWEEN %(a)s AND %(b)s),
       COALESCE(SUM(fine_amount) FILTER (WHERE outcome='penalty' AND decided_on BETWEEN %(a)s AND %(b)s), 0),
       COUNT(*) FILTER (WHERE closed_on BETWEEN %(a)s AND %(b)s)
FROM enforcement_case WHERE body_id = %(body)s
"""
SQL_PUBLISHED = (
    "SELECT COUNT(*) FROM publicity_publication WHERE body_id = %(body)s AND published_on BETWEEN %(a)s AND %(b)s"
)
SQL_DUE = """
SELECT COUNT(*), COUNT(*) FILTER (WHERE state='met' AND closed_on IS NOT NULL),
       COUNT(*) FILTER (WHERE state<>'met' AND closed_on IS NOT NULL),
       COUNT(*) FILTER (WHERE state='missed' AND closed_on IS NULL)
FROM core_deadline WHERE body_id = %(body)s AND rule_key IN (%(k1)s, %(k2)s) AND is_window = %(no)s
  AND due_date BETWEEN %(a)s AND %(b)s
"""


def hand_written(towns) -> dict[int, dict]:
    from django.db import connection

    from fazhi.enforcement.rules import PUBLISH_OTHER_DECISION, PUBLISH_PERMIT_OR_PENALTY

    found = {}
    with connection.cursor() as cur:
        for town in towns:
            args = {"body": town.pk, "a": date(2019, 1, 1), "b": date(2019, 12, 31), "no": False,
                    "k1": PUBLISH_PERMIT_OR_PENALTY, "k2": PUBLISH_OTHER_DECISION}  # fmt: skip
            cur.execute(SQL_CASES, args)
            filed, ordinary, summary, fines, closed = cur.fetchone()
            cur.execute(SQL_PUBLISHED, args)
            (published,) = cur.fetchone()
            cur.execute(SQL_DUE, args)
            due, met, late, missed = cur.fetchone()
            found[town.pk] = {
                "enforcement.filed": filed,
                "enforcement.penalties_ordinary": ordinary,
                "enforcement.penalties_summary": summary,
                "enforcement.fines_imposed": Decimal(fines),
                "enforcement.closed": closed,
                "publicity.published": published,
                "publicity.publish_due": due,
                "publicity.published_in_time": met,
                "publicity.published_late": late,
                "publicity.publish_missed": missed,
            }
    return found


def main():
    setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from fazhi.annual import figures

    rng = random.Random(2019)
    t0 = time.perf_counter()
    towns = seed(rng)
    seeded = time.perf_counter() - t0

    t0 = time.perf_counter()
    expected = hand_written(towns)
    base = time.perf_counter() - t0

    reset_queries()
    t0 = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        drafted = {t.pk: figures.compute([t.pk], 2019) for t in towns}
    full = time.perf_counter() - t0

    wrong = [
        f"{t.code} {key}: 报告 {drafted[t.pk][key].value} ≠ SQL {value}"
        for t in towns
        for key, value in expected[t.pk].items()
        if Decimal(str(drafted[t.pk][key].value)) != Decimal(str(value))
    ]
    if wrong:
        print("\n".join(wrong))
        sys.exit(1)
    text = "\n".join(
        [
            "# Annual report: drafting figures vs hand-written SQL",
            "",
            f"{platform.python_implementation()} {platform.python_version()}, {connection.vendor}; "
            f"{TOWNS} towns, {N_CASES:,} cases with their publication records and deadlines (seeded in {seeded:.1f} s).",
            "",
            "| what | seconds (20 towns) | per town (ms) | queries | ratio |",
            "|---|---:|---:|---:|---:|",
            f"| hand-written SQL, 3 queries per town (10 figures) | {base:.3f} | {base / TOWNS * 1000:.1f} | {3 * TOWNS} | 1.0× |",
            f"| `figures.compute` (every module's `annual_figures`, {len(figures.FIGURES)} figures) | {full:.3f} | "
            f"{full / TOWNS * 1000:.1f} | {len(queries.captured_queries)} | {full / base:.1f}× |",
            "",
            "The 10 figures both compute agree for every town. `figures.compute` also answers the organisation, review "
            "and disclosure figures (the extra queries); its cost per town does not grow with the number of cases "
            "beyond the grouped queries themselves (no query per case or per deadline).",
        ]
    )
    print(text)
    write_result(f"annual{'' if connection.vendor == 'sqlite' else '-' + connection.vendor}.md", text + "\n")


if __name__ == "__main__":
    main()
