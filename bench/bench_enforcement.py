"""Penalty cases at scale (issue 4, "Measure"), each beside a baseline run in the same process:

1. A full ordinary-procedure lifecycle through the services (lead → filing → investigation with evidence → proposal →
   notice → waiver → decision → service → payment → close), per case, against the baseline of appending the same
   number of bare chain entries (what the audit chain alone costs).
2. The case-list page, the workbench page and ``my_cases`` with 100,000 cases in the database, against the same pages
   with 1,000 cases; the number of queries must not grow with the rows (no query per row).

    .venv/bin/python bench/bench_enforcement.py
    FAZHI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_enf .venv/bin/python bench/bench_enforcement.py
"""

import platform
import tempfile
import time
from datetime import date, timedelta

from _django import setup, write_result

LIFECYCLES = 20
BIG = 100_000
SMALL = 1_000


def lifecycle(w) -> list[str]:
    from django.db import connection, transaction

    from fazhi.audit.events import Event
    from fazhi.audit.models import ChainEntry
    from fazhi.audit.services import record
    from fazhi.enforcement.tests.factories import case_at

    before = ChainEntry.objects.count()
    t0 = time.perf_counter()
    for _ in range(LIFECYCLES):
        case_at(w, "closed")
    t_ours = (time.perf_counter() - t0) / LIFECYCLES
    entries = (ChainEntry.objects.count() - before) // LIFECYCLES
    t0 = time.perf_counter()
    for i in range(LIFECYCLES):
        for j in range(entries):
            with transaction.atomic():
                record(actor=None, event=Event.SETTING_CHANGED, subject=("bench", f"{i}-{j}"), payload={"new": j})
    t_base = (time.perf_counter() - t0) / LIFECYCLES
    return [
        f"| 一件案件全流程（{entries} 条审计链记录，含期限、编号、证据存储） | {t_ours * 1000:.1f} ms | "
        f"{t_base * 1000:.1f} ms（仅追加 {entries} 条审计链记录） | {t_ours / t_base:.1f}× |",
        f"数据库：{connection.vendor}",
    ]


def fill(w, total: int) -> None:
    from fazhi.enforcement.models import Case

    have = Case.objects.count()
    rows = []
    start = date(2015, 1, 1)
    for i in range(have, total):
        rows.append(
            Case(
                body=w.town, status=["lead", "investigating", "closed", "archived"][i % 4], source="patrol",
                title=f"批量案件{i}", description="批量", place="辛口镇", discovered_on=start + timedelta(days=i % 3650),
                act_date=start + timedelta(days=i % 3650), registered_by=w.officer1, party_kind="person",
                party_name=f"当事人{i}", number=f"辛口综执立字〔B〕第{i}号",
            )
        )  # fmt: skip
        if len(rows) == 5000:
            Case.objects.bulk_create(rows)
            rows = []
    Case.objects.bulk_create(rows)
    through = Case.officers.through
    ids = list(Case.objects.filter(status__in=["lead", "investigating"]).values_list("pk", flat=True)[:2000])
    existing = set(through.objects.filter(user=w.officer1).values_list("case_id", flat=True))
    through.objects.bulk_create([through(case_id=i, user_id=w.officer1.pk) for i in ids if i not in existing])


def pages(w, client) -> tuple[dict, dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.enforcement.selectors import my_cases

    result, queries = {}, {}
    for name, call in (
        ("案件列表页 /cases/", lambda: client.get("/cases/")),
        ("工作台 /", lambda: client.get("/")),
        ("my_cases(officer)", lambda: my_cases(w.officer1)),
    ):
        call()  # warm
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            for _ in range(5):
                response = call()
            elapsed = (time.perf_counter() - t0) / 5
        if hasattr(response, "status_code"):
            assert response.status_code == 200, (name, response.status_code)
        result[name] = elapsed
        queries[name] = len(ctx.captured_queries) // 5
    return result, queries


def main() -> None:
    setup()
    from django.conf import settings
    from django.test import Client

    from fazhi.enforcement.tests.factories import make_world

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="fazhi-bench-media-")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    w = make_world()
    lines = [
        "# 行政处罚案件基准（issue 4）",
        "",
        f"机器：{platform.machine()}，Python {platform.python_version()}。每项与同一进程内的基线并列。",
        "",
        "## 1. 全流程（每件案件）",
        "",
        "| 项目 | fazhi | 基线 | 比值 |",
        "|---|---|---|---|",
    ]
    life = lifecycle(w)
    lines += [life[0], "", life[1], ""]
    client = Client(HTTP_HOST="localhost")
    client.force_login(w.officer1)
    fill(w, SMALL)
    small, q_small = pages(w, client)
    fill(w, BIG)
    big, q_big = pages(w, client)
    lines += [
        f"## 2. 页面：{BIG:,} 件案件 vs {SMALL:,} 件案件",
        "",
        f"| 页面 | {SMALL:,} 件（基线） | {BIG:,} 件 | 比值 | 查询数（{SMALL:,} / {BIG:,}） |",
        "|---|---|---|---|---|",
    ]
    for name in small:
        lines.append(
            f"| {name} | {small[name] * 1000:.1f} ms | {big[name] * 1000:.1f} ms | {big[name] / small[name]:.1f}× | "
            f"{q_small[name]} / {q_big[name]} |"
        )
        assert q_small[name] == q_big[name], f"{name}: 查询数随行数增长（{q_small[name]} → {q_big[name]}）"
    lines += ["", "查询数不随案件数增长：列表页不按行查询。", ""]
    text = "\n".join(lines)
    print(text)
    write_result("enforcement.md", text)


if __name__ == "__main__":
    main()
