"""A district supervisor's list pages on a city's database (issue 17; ADR 0088): each page through Django's test Client,
logged in as the first town's district supervisor (second factor passed), status 200 checked, median of 7 after a
warm-up, with its query count.

    .venv/bin/python bench/bench_district_pages.py postgres://postgres@127.0.0.1:5432/fazhi_city
    .venv/bin/python bench/bench_district_pages.py URL --write      # bench/results/district_pages_<vendor>.md

To compare two versions of the code on the same database, run it once from each checkout (a `git worktree` of the
older commit, with this file copied in): the code imported is the checkout's own (its directory first on sys.path).
The database is one built by `fazhi bench_city` (`--towns 300 --cases 1000000` for the city).
"""

import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = (
    ("案件列表", "/cases/"),
    ("案件列表 第 3 页", "/cases/?page=3"),
    ("期限台账", "/calendar/deadlines/"),
    ("执法决定公开", "/publicity/"),
    ("执法决定公开 第 3 页", "/publicity/?page=3"),
    ("人员与执法证", "/org/"),
    ("工作台", "/"),
)


def main() -> None:
    os.environ["FAZHI_DATABASE_URL"] = sys.argv[1]
    sys.path.insert(0, str(HERE.parent))
    from bench import _django

    _django.setup(migrate=False)  # the city's database as built: this script only reads it
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.bench_city_pages import login
    from fazhi.core.access import Role
    from fazhi.enforcement.models import Case
    from fazhi.org.models import Body, User

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    town = Body.objects.filter(kind="town").order_by("id").first()
    supervisor = User.objects.filter(body_id=town.parent_id, groups__name=Role.SUPERVISOR.value).first()
    district = Body.objects.get(pk=town.parent_id)
    in_scope = Case.objects.filter(body__path__startswith=district.path).count()
    client = Client(HTTP_HOST="localhost")
    login(client, supervisor)
    rows = []
    for name, path in PAGES:
        assert client.get(path).status_code == 200, path
        times = []
        for _ in range(7):
            t0 = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - t0)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        rows.append((name, path, statistics.median(times) * 1000, len(queries.captured_queries)))
    code = Path(sys.modules["fazhi"].__file__).resolve().parent.parent
    lines = [
        f"# A district supervisor's list pages ({connection.vendor})",
        "",
        f"Database: {Case.objects.count():,} cases; the supervisor of {district.name} sees {in_scope:,} of them. "
        f"Code: {code}. Test Client, template included, median of 7 after a warm-up.",
        "",
        "| page | path | ms | queries |",
        "|---|---|---:|---:|",
        *[f"| {name} | `{path}` | {ms:.1f} | {n} |" for name, path, ms, n in rows],
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if "--write" in sys.argv:
        print(f"→ {_django.write_result(f'district_pages_{connection.vendor}.md', text)}")


if __name__ == "__main__":
    main()
