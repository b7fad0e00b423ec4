"""Information disclosure at scale (issue 6, "Measure"), each against a baseline run side by side:

1. Computing the answer deadline of 100,000 open requests received across 2019's holiday periods (Spring Festival,
   劳动节, National Day with their 调休 days), a third of them paused for a third-party consultation and a tenth
   extended — with fazhi's rule engine and explanations — against the naive baseline of adding 28 calendar days.
2. Building one year's annual report (tables 二, 三, 四 with the check) from 100,000 requests — set-based, a fixed
   number of grouped queries — against the baseline of reading every row into Python and counting there.

    .venv/bin/python bench/bench_disclosure.py
    FAZHI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_disclosure .venv/bin/python bench/bench_disclosure.py
"""

import platform
import random
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from _django import setup, write_result

N = 100_000


def deadlines(rng) -> list[tuple[str, float, str]]:
    from fazhi.core.periods import Pause
    from fazhi.core.rules import compute_for_rule, rule_for
    from fazhi.core.selectors import DbCalendar

    rule = rule_for("disclosure.answer", on=date(2019, 6, 1))
    # Receipts from 2019-05-15 (the regulation's start) to the end of 2019, weighted towards the holiday periods.
    starts = []
    for _ in range(N):
        if rng.random() < 0.5:
            around = rng.choice([date(2019, 9, 20), date(2019, 4, 24), date(2019, 12, 20), date(2019, 5, 28)])
            starts.append(max(date(2019, 5, 15), around + timedelta(days=rng.randrange(-10, 15))))
        else:
            starts.append(date(2019, 5, 15) + timedelta(days=rng.randrange(0, 230)))
    pauses = [
        [Pause(s + timedelta(days=2), s + timedelta(days=2 + rng.randrange(3, 20)), "征求第三方意见")]
        if i % 3 == 0
        else []
        for i, s in enumerate(starts)
    ]
    extensions = [rng.randrange(5, 21) if i % 10 == 0 else 0 for i in range(N)]

    t0 = time.perf_counter()
    baseline = [s + timedelta(days=28) for s in starts]
    t_base = time.perf_counter() - t0

    calendar = DbCalendar()
    t0 = time.perf_counter()
    ours = [
        compute_for_rule(rule, s, pauses=p, extension=e, calendar=calendar)
        for s, p, e in zip(starts, pauses, extensions, strict=True)
    ]
    t_ours = time.perf_counter() - t0

    differ = sum(1 for b, o in zip(baseline, ours, strict=True) if b != o.due)
    lines = sum(len(o.explanation) for o in ours)
    return [
        ("起算日加28个自然日（基线，仅日期，不考虑节假日、中止、延长）", t_base, f"与法定结果不同：{differ:,} 件"),
        ("fazhi 期限规则：20个工作日、中止、延长，附计算说明（共享日历快照）", t_ours, f"说明共 {lines:,} 行"),
    ]


def report(rng) -> list[tuple[str, float, str]]:
    from django.db import transaction

    from fazhi.disclosure import reports
    from fazhi.disclosure.models import AnnualReport, DisclosureRequest, RequestStatus
    from fazhi.disclosure.outcomes import OUTCOMES
    from fazhi.org.models import Body, BodyKind
    from fazhi.org.services import create_body

    body = Body.objects.filter(code="BENCH-TOWN").first() or create_body(
        actor=None, name="基准测试镇", kind=BodyKind.TOWN, code="BENCH-TOWN"
    )
    DisclosureRequest.objects.filter(body=body).delete()
    AnnualReport.objects.filter(body=body).delete()
    types = ["natural"] * 8 + ["business", "research", "public_interest", "legal_service", "other"]
    outcomes = [o.key for o in OUTCOMES]
    rows = []
    for i in range(N):
        received = date(2019, 5, 15) + timedelta(days=rng.randrange(0, 231))
        closed = received + timedelta(days=rng.randrange(0, 45)) if rng.random() < 0.97 else None
        rows.append(
            DisclosureRequest(
                body=body,
                number=f"B{i}",
                lookup_code=f"BENCH{i:07d}",
                channel="online",
                applicant_type=rng.choice(types),
                applicant_name="x",
                id_document_type="resident_id",
                id_document_number="x",
                description="x",
                delivery_form="paper",
                delivery_method="post",
                submitted_on=received,
                received_on=received,
                clock_start=received,
                status=RequestStatus.ANSWERED if closed else RequestStatus.IN_PROGRESS,
                outcome=rng.choice(outcomes) if closed else "",
                closed_on=closed,
            )
        )
    t0 = time.perf_counter()
    with transaction.atomic():
        DisclosureRequest.objects.bulk_create(rows, batch_size=5000)
    t_insert = time.perf_counter() - t0
    report_row = AnnualReport.objects.create(body=body, year=2019, format_year=2021)

    t0 = time.perf_counter()
    counted: Counter = Counter()
    first, last = date(2019, 1, 1), date(2019, 12, 31)
    for kind, outcome, received, closed in DisclosureRequest.objects.filter(body=body).values_list(
        "applicant_type", "outcome", "received_on", "closed_on"
    ):
        if first <= received <= last:
            counted[(kind, "new")] += 1
        if closed and first <= closed <= last:
            counted[(kind, outcome)] += 1
        if received <= last and (closed is None or closed > last):
            counted[(kind, "carried_forward")] += 1
    t_base = time.perf_counter() - t0

    t0 = time.perf_counter()
    built = reports.build_report(report_row)
    t_ours = time.perf_counter() - t0
    assert not built.failures, built.failures
    new_total = next(r for r in built.tables["applications"]["rows"] if r["key"] == "new")["values"][-1]
    assert new_total == sum(v for (k, what), v in counted.items() if what == "new") == N
    return [
        ("（准备）批量写入 100,000 件申请", t_insert, ""),
        ("逐行读入 Python 计数（基线，只算表三三行）", t_base, ""),
        (
            "fazhi 年度报告：表二、表三（含勾稽校验）、表四，分组聚合查询",
            t_ours,
            f"表三本年新收 {new_total:,} 件，校验通过",
        ),
    ]


def main() -> None:
    setup()
    from django.db import connection

    rng = random.Random(2019)
    part1 = deadlines(rng)
    part2 = report(rng)
    vendor = connection.vendor
    out = [
        "# 政府信息公开基准（bench/bench_disclosure.py）",
        "",
        f"数据库：{vendor}；Python {platform.python_version()}；{platform.machine()}。同一次运行内与基线对比，只看比值。",
        "",
        "## 1. 计算 100,000 件申请的答复期限（2019 年节假日期间，三分之一中止、十分之一延长）",
        "",
        "| 方法 | 用时（秒） | 每件（微秒） | 相对基线 | 备注 |",
        "|---|---:|---:|---:|---|",
    ]
    base = part1[0][1]
    for name, seconds, note in part1:
        out.append(f"| {name} | {seconds:.3f} | {seconds / N * 1e6:.1f} | {seconds / base:.0f}× | {note} |")
    out += [
        "",
        "基线只做一次日期加法，结果在节假日、调休和中止期间附近是错的（见“与法定结果不同”）；fazhi 的结果按国务院节假日安排",
        "逐日计算，并为每件生成办事人员可读的计算说明。",
        "",
        "## 2. 由 100,000 件申请生成一个年度的年度报告",
        "",
        "| 步骤 | 用时（秒） | 相对基线 | 备注 |",
        "|---|---:|---:|---|",
    ]
    base2 = part2[1][1]
    for name, seconds, note in part2:
        out.append(f"| {name} | {seconds:.3f} | {seconds / base2:.2f}× | {note} |")
    out.append("")
    text = "\n".join(out)
    print(text)
    # One results file; each database vendor keeps its own block, so SQLite and PostgreSQL runs sit side by side.
    path = Path(__file__).resolve().parent / "results" / "disclosure.md"
    blocks = {}
    if path.exists():
        for chunk in path.read_text(encoding="utf-8").split("<!-- vendor:")[1:]:
            name, _, body = chunk.partition(" -->\n")
            blocks[name] = body
    blocks[vendor] = text + "\n"
    write_result("disclosure.md", "".join(f"<!-- vendor:{k} -->\n{v}" for k, v in sorted(blocks.items())))


if __name__ == "__main__":
    main()
