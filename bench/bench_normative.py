"""行政规范性文件: point-in-time texts and the register page, each measured beside a baseline in the same run.

1. The text in force on a past day for N documents × 5 versions (``selectors.texts_on``, one query on [effective_from,
   effective_to)) vs reading each document's latest version (``latest_texts``, a correlated
   subquery for the highest version) and vs a hand-written SQL query returning the same rows as texts_on.
2. The register page (``/normative/``, first page of 50) at M documents vs the hand-written SQL for the same 50 rows.

    .venv/bin/python bench/bench_normative.py [N] [M]     (defaults N = 1000, M = 10000; a throwaway SQLite DB)
"""

import platform
import statistics
import sys
import time
from datetime import date

from _django import setup, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
M = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
RUNS = 15


def timed(fn, runs=RUNS):
    times = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def build(count: int, versions: int):
    from fazhi.core.access import Role
    from fazhi.normative.models import DocumentVersion, NormativeDocument, Status
    from fazhi.org.tests.factories import make_body, make_person

    town = make_body(f"基准镇{count}", "town", None, quiet=True)
    user = make_person(town, Role.LEADER, quiet=True, username=f"bench{count}")
    docs = NormativeDocument.objects.bulk_create(
        [
            NormativeDocument(
                body=town,
                title=f"基准文件{i}",
                draft_text="第一条 基准。",
                drafter=user,
                drafted_on=date(2014, 1, 1),
                status=Status.PUBLISHED,
                number_year=2014 + i % 6,
                number_seq=i + 1,
                number=f"基政规〔{2014 + i % 6}〕{i + 1}号",
                published_on=date(2014, 1, 1),
                effective_from=date(2014, 1, 1),
                valid_until=date(2030, 12, 31),
            )  # fmt: skip
            for i in range(count)
        ],
        batch_size=2000,
    )
    rows = []
    for doc in docs:
        for v in range(versions):
            start = date(2014 + 2 * v, 1, 1)
            end = date(2016 + 2 * v, 1, 1) if v < versions - 1 else None
            rows.append(DocumentVersion(document=doc, version=v + 1, title=doc.title, text=f"第一条 第{v + 1}版。",
                                        published_on=start, effective_from=start, effective_to=end))  # fmt: skip
    DocumentVersion.objects.bulk_create(rows, batch_size=5000)
    return town, user, [d.pk for d in docs]


def bench_point_in_time() -> list[str]:
    from django.db import connection

    from fazhi.normative import selectors

    _town, _user, ids = build(N, 5)
    on = date(2019, 6, 1)  # version 3 ([2018-01-01, 2020-01-01))
    t_pit, pit = timed(lambda: selectors.texts_on(ids, on))
    t_latest, latest = timed(lambda: selectors.latest_texts(ids))
    sql = (
        "SELECT v.id, v.document_id, v.version FROM normative_documentversion v WHERE v.document_id IN "
        f"({','.join('%s' for _ in ids)}) AND v.effective_from <= %s AND (v.effective_to IS NULL OR v.effective_to > %s)"
    )

    def raw():
        with connection.cursor() as cur:
            cur.execute(sql, [*ids, on.isoformat(), on.isoformat()])
            return cur.fetchall()

    t_raw, raw_rows = timed(raw)
    assert len(pit) == N and all(v.version == 3 for v in pit.values())
    assert len(latest) == N and all(v.version == 5 for v in latest.values())
    assert len(raw_rows) == N
    return [
        f"## 1. Text in force on {on} — {N} documents × 5 versions (median of {RUNS})",
        "",
        "| read | time (ms) | rows |",
        "|---|---:|---:|",
        f"| point in time (`texts_on`, ORM: one query on the date range) | {t_pit * 1000:.1f} | {len(pit)} |",
        f"| baseline: latest version (`latest_texts`) | {t_latest * 1000:.1f} | {len(latest)} |",
        f"| baseline: hand-written SQL, same rows as point in time | {t_raw * 1000:.1f} | {len(raw_rows)} |",
        "",
    ]


def bench_register() -> list[str]:
    from django.db import connection
    from django.test import Client

    town, user, _ids = build(M, 1)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    def page():
        response = client.get("/normative/")
        assert response.status_code == 200, response.status_code
        return response

    page()  # warm up templates
    t_page, _ = timed(page, runs=7)
    sql = (
        "SELECT d.id, d.number, d.title, d.status, d.published_on, d.valid_until, d.filed_on, b.name "
        "FROM normative_normativedocument d JOIN org_body b ON b.id = d.body_id WHERE d.body_id = %s "
        "ORDER BY d.body_id, d.number_year DESC, d.number_seq DESC, d.id DESC LIMIT 50"
    )

    def raw():
        with connection.cursor() as cur:
            cur.execute(sql, [town.pk])
            return cur.fetchall()

    t_raw, rows = timed(raw)
    assert len(rows) == 50
    return [
        f"## 2. Register page, first 50 of {M} documents (median of 7 page loads)",
        "",
        "| read | time (ms) |",
        "|---|---:|",
        f"| `/normative/` (scope, count for the pager, 50 rows, template) | {t_page * 1000:.1f} |",
        f"| baseline: hand-written SQL for the same 50 rows | {t_raw * 1000:.1f} |",
        "",
    ]


def main():
    setup()
    from django.conf import settings
    from django.db import connection

    settings.ALLOWED_HOSTS = ["*"]
    lines = [
        "# Bench: normative documents",
        "",
        f"{platform.python_implementation()} {platform.python_version()}, {connection.vendor}, "
        f"{platform.machine()}. `.venv/bin/python bench/bench_normative.py {N} {M}`",
        "",
    ]
    lines += bench_point_in_time()
    lines += bench_register()
    text = "\n".join(lines)
    print(text)
    write_result("normative.md", text + "\n")


if __name__ == "__main__":
    main()
