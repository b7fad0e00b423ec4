"""Pages at city volume (issue 17, "Pages stay flat"; ADR 0074/0075): seven pages on a 10,000-case and a 1,000,000-case
database built by ``fazhi bench_city``, each beside one hand-written SQL query returning the same rows.

For each page two things are timed in the same process on the same database:
- **page**: the real view through Django's test Client, logged in as the person who uses it (an officer of the first
  town 辛口镇, its disclosure clerk, the district supervisor), status 200 checked;
- **selector**: the selector calls the view makes for its rows (the page of 50 and its count, where it counts), and
- **SQL**: one hand-written query (or the two/three the rows need) returning the same rows, checked equal.

Both databases keep a town at the same size (about 3,333 cases: 10,000 cases in 3 towns, 1,000,000 in 300), as a
city grows by adding towns; the district supervisor sees 3 towns in the small database and 19 in the big one.

    .venv/bin/python bench/bench_city_pages.py postgres://postgres@127.0.0.1:5432/fazhi_city10k \\
        postgres://postgres@127.0.0.1:5432/fazhi_city
    .venv/bin/python bench/bench_city_pages.py sqlite:////tmp/city10k.sqlite3 sqlite:////tmp/city100k.sqlite3

Each database is measured in a child process (``--one URL`` prints JSON); the parent writes
bench/results/city_pages_<vendor>.md with the EXPLAIN (ANALYZE, BUFFERS) of the three slowest SQL-vs-selector pairs.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPEAT = 7


def best(fn, repeat=REPEAT):
    fn()  # warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure_one(url: str) -> dict:
    os.environ["FAZHI_DATABASE_URL"] = url
    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fazhi.clock.selectors import deadline_counts_in_bodies, deadline_list_rows, deadlines_for
    from fazhi.core import listing
    from fazhi.core.access import Role
    from fazhi.core.selectors import DERIVED_LABELS, DUE_SOON_DAYS_DEFAULT
    from fazhi.disclosure.rules import ANSWER_KEYS
    from fazhi.disclosure.selectors import request_list_rows, requests_visible_to
    from fazhi.enforcement.models import Case
    from fazhi.enforcement.selectors import case_counts_in_bodies, case_list, case_list_rows, my_cases
    from fazhi.enforcement.workflow import OPEN_STATUSES
    from fazhi.org.models import Body, User
    from fazhi.org.selectors import scope_root, visible_bodies, visible_body_ids
    from fazhi.publicity.selectors import overdue_items, supervision_rows
    from fazhi.workbench.selectors import workbench_for

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    town = Body.objects.filter(kind="town").order_by("id").first()
    officers = User.objects.filter(body__parent=town, groups__name=Role.OFFICER.value)
    through = Case.officers.through
    officer = max(officers, key=lambda u: through.objects.filter(user=u).count())
    clerk = User.objects.filter(body=town, groups__name=Role.DISCLOSURE_CLERK.value).first()
    supervisor = User.objects.filter(body_id=town.parent_id, groups__name=Role.SUPERVISOR.value).first()
    from fazhi.core import clock

    today = clock.today()
    vendor = connection.vendor

    def sql_rows(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    # The hand-written queries resolve the person's scope themselves (one query for the rows, as the selector's
    # scope lookups plus row queries return them): the bodies under their town's (or district's) path.
    def scope_sql(user):
        root = scope_root(user)
        assert set(Body.objects.filter(path__startswith=root.path).values_list("id", flat=True)) == visible_body_ids(
            user
        )
        return f"(SELECT id FROM org_body WHERE path LIKE '{root.path}%')"

    town_bodies = scope_sql(officer)
    district_bodies = scope_sql(supervisor)
    open_list = "(" + ",".join(f"'{s}'" for s in OPEN_STATUSES) + ")"

    # --- the seven pages: (name, url, who, selector rows, hand SQL, key of a selector row / SQL row) ---------------
    # The case list and the 期限台账 read as their views do (ADR 0088): the bodies in scope with their record counts
    # (one grouped query, which gives the 执法机关 filter and the unfiltered total), then the first 50 of each body
    # holding records on its (body, order) index, merged. The hand SQL reads the same way: the grouped count, then
    # per-body branches in one query.
    def per_body_selector(user, records, counts_in_bodies, rows_of):
        def sel():
            bodies = listing.BodyFilter(visible_bodies(user), None, count_by_body=counts_in_bodies)
            pages = listing.PerBodyPages(records(user), bodies.holding_ids, total=bodies.holding_total)
            return [row.pk for row in rows_of(pages[0:50])], pages.count()

        return sel

    def per_body_rows_sql(select, table, order, holding, alias):
        branches = " UNION ALL ".join(
            f"SELECT * FROM (SELECT id FROM {table} WHERE body_id = {int(b)} ORDER BY {order} LIMIT 50) AS b{i}"
            for i, b in enumerate(holding)
        )
        outer_order = ", ".join(f"{alias}.{term.strip()}" for term in order.split(","))
        return f"{select} WHERE {alias}.id IN ({branches}) ORDER BY {outer_order} LIMIT 50"

    def counts_sql(table, scope):
        return f"SELECT body_id, count(*) FROM {table} WHERE body_id IN {scope} GROUP BY body_id"

    def per_body_sqls(select, table, order, scope, alias="r"):  # for the EXPLAIN of the results file
        counts = counts_sql(table, scope)
        return per_body_rows_sql(select, table, order, sorted(b for b, _ in sql_rows(counts)), alias), counts

    def per_body_hand(select, table, order, scope, alias="r"):
        def hand():
            counts = sql_rows(counts_sql(table, scope))  # the bodies holding records and the total, then their rows
            rows = sql_rows(per_body_rows_sql(select, table, order, sorted(b for b, _ in counts), alias))
            return [r[0] for r in rows], sum(n for _, n in counts)

        return hand

    case_select = (
        "SELECT r.id, b.name, r.number, r.decision_number, r.party_name, r.title, r.procedure, r.discovered_on, "
        "r.status, r.fine_amount FROM enforcement_case r JOIN org_body b ON b.id = r.body_id"
    )
    case_order = "discovered_on DESC, id DESC"
    case_list_sql = per_body_sqls(case_select, "enforcement_case", case_order, town_bodies)
    hand_case_list = per_body_hand(case_select, "enforcement_case", case_order, town_bodies)
    sel_case_list = per_body_selector(officer, case_list, case_counts_in_bodies, case_list_rows)
    district_cases_sql = per_body_sqls(case_select, "enforcement_case", case_order, district_bodies)
    hand_district_cases = per_body_hand(case_select, "enforcement_case", case_order, district_bodies)
    sel_district_cases = per_body_selector(supervisor, case_list, case_counts_in_bodies, case_list_rows)

    def sel_my_cases():
        return sorted(r.case.pk for r in my_cases(officer)), None

    def my_sql_limited(limit):
        return f"""SELECT mine.id, b.name, d.due_date FROM (SELECT id, discovered_on FROM (
            SELECT * FROM (SELECT c.id, c.discovered_on FROM enforcement_case c
                JOIN enforcement_case_officers o ON o.case_id = c.id
                WHERE o.user_id = {officer.pk} AND c.body_id IN {town_bodies} AND c.status IN {open_list}
                ORDER BY c.discovered_on DESC, c.id DESC LIMIT {limit}) handled
            UNION
            SELECT * FROM (SELECT c.id, c.discovered_on FROM enforcement_case c
                WHERE c.registered_by_id = {officer.pk} AND c.body_id IN {town_bodies} AND c.status IN {open_list}
                ORDER BY c.discovered_on DESC, c.id DESC LIMIT {limit}) registered
        ) u ORDER BY discovered_on DESC, id DESC LIMIT {limit}) mine
        JOIN enforcement_case c ON c.id = mine.id JOIN org_body b ON b.id = c.body_id
        LEFT JOIN core_deadline d ON d.subject_type = 'enforcement.case' AND d.subject_id = CAST(mine.id AS varchar)
            AND d.closed_on IS NULL
        ORDER BY mine.discovered_on DESC, mine.id DESC"""

    my_sql = my_sql_limited(50)

    def hand_my_cases():
        # the cases with their body and live deadline (the selector's three queries), in one
        return sorted({r[0] for r in sql_rows(my_sql)}), None

    from datetime import timedelta

    from fazhi.org import rules as org_rules
    from fazhi.workbench.selectors import CASES_SHOWN, DEADLINES_SHOWN, INBOX_SHOWN, WEEKS_AHEAD

    def sel_workbench():
        wb = workbench_for(officer)
        return (
            [d.pk for d in wb.deadlines], wb.deadline_total, [row[2] for row in wb.due_weeks.rows],
            sorted(r.case.pk for r in wb.cases), [c.pk for c in wb.certificates], [c.pk for c in wb.expiring],
            str(wb.training["hours"]), [n.pk for n in wb.inbox], wb.unread,
        )  # fmt: skip

    # Every list the workbench shows, written by hand (ADR 0083: the earlier hand SQL read only the deadlines and my
    # cases, so the comparison left out half of the page's rows): the 20 soonest open deadlines; their count by due
    # week in one aggregate (the total is its sum); my cases; my certificates; the town's expiring certificates
    # (the window from the settings, read for the officer's body and the bodies above it); my hours this year;
    # the inbox with the unread count.
    monday = today - timedelta(days=today.weekday())
    week_starts = [today, *[monday + timedelta(weeks=w) for w in range(1, WEEKS_AHEAD + 1)]]
    weeks = ", ".join(
        [f"count(*) FILTER (WHERE due_date < '{today}')"]
        + [f"count(*) FILTER (WHERE due_date >= '{a}' AND due_date < '{b}')" for a, b in zip(week_starts, week_starts[1:], strict=False)]
        + [f"count(*) FILTER (WHERE due_date >= '{week_starts[-1]}')"]
    )  # fmt: skip
    year_of = "EXTRACT(YEAR FROM date)" if vendor == "postgresql" else "CAST(strftime('%Y', date) AS integer)"
    window_key = org_rules.EXPIRY_WINDOW_SETTING
    workbench_sql = (
        f"SELECT d.id, b.name FROM core_deadline d JOIN org_body b ON b.id = d.body_id "
        f"WHERE d.body_id IN {town_bodies} AND d.closed_on IS NULL ORDER BY d.due_date, d.id LIMIT {DEADLINES_SHOWN}",
        f"SELECT {weeks} FROM core_deadline WHERE body_id IN {town_bodies} AND closed_on IS NULL",
        f"SELECT id FROM org_certificate WHERE holder_id = {officer.pk} ORDER BY valid_to DESC, id DESC",
        f"""SELECT s.value FROM core_setting s LEFT JOIN org_body b ON b.id = s.body_id WHERE s.key = '{window_key}'
            AND (s.body_id IS NULL OR (SELECT path FROM org_body WHERE id = {officer.body_id}) LIKE b.path || '%')
            ORDER BY length(b.path) DESC""",
        f"SELECT {year_of}, sum(hours) FROM org_trainingrecord WHERE person_id = {officer.pk} GROUP BY 1",
        f"""SELECT id, (SELECT count(*) FROM core_notice WHERE recipient_id = {officer.pk} AND read_at IS NULL)
            FROM core_notice WHERE recipient_id = {officer.pk} ORDER BY created_at DESC, id DESC LIMIT {INBOX_SHOWN}""",
    )

    def expiring_sql(days):
        return (
            f"SELECT c.id FROM org_certificate c JOIN org_user u ON u.id = c.holder_id WHERE u.body_id IN {town_bodies}"
            f" AND c.state = 'valid' AND c.valid_to >= '{today}' AND c.valid_to <= '{today + timedelta(days=days)}'"
            " ORDER BY c.valid_to, c.number"
        )

    def hand_workbench():
        rows = sql_rows(workbench_sql[0])
        counts = [int(n) for n in sql_rows(workbench_sql[1])[0]]
        mine = sorted({r[0] for r in sql_rows(my_sql_limited(CASES_SHOWN))})
        certificates = [r[0] for r in sql_rows(workbench_sql[2])]
        window = sql_rows(workbench_sql[3])
        days = int(json.loads(window[0][0]) if isinstance(window[0][0], str) else window[0][0]) if window else (
            org_rules.DEFAULT_EXPIRY_WINDOW_DAYS)  # fmt: skip
        expiring = [r[0] for r in sql_rows(expiring_sql(days))]
        hours = {int(y): h for y, h in sql_rows(workbench_sql[4])}
        notices = sql_rows(workbench_sql[5])
        return (
            [r[0] for r in rows], sum(counts), counts, mine, certificates, expiring,
            str(hours_tenths(hours.get(today.year))), [r[0] for r in notices], notices[0][1] if notices else 0,
        )  # fmt: skip

    def hours_tenths(value):
        from decimal import Decimal

        return Decimal(value or 0).quantize(Decimal("0.1"))

    # The deadline's state as the pages show it (core.selectors.with_derived_state), written out.
    soon = today + timedelta(days=DUE_SOON_DAYS_DEFAULT)
    derived_sql = (
        f"CASE WHEN d.state = 'paused' THEN 'paused' "
        f"WHEN d.state = 'open' AND d.is_window AND d.due_date < '{today}' THEN 'lapsed' "
        f"WHEN d.state = 'open' AND d.due_date < '{today}' THEN 'overdue' "
        f"WHEN d.state = 'missed' AND d.closed_on IS NULL THEN 'overdue' "
        f"WHEN d.state = 'open' AND d.due_date <= '{soon}' THEN 'due_soon' ELSE d.state END"
    )
    deadline_select = (
        f"SELECT d.id, b.name, d.due_date, d.is_estimate, d.subject_label, d.rule_name, d.start_date, {derived_sql} "
        f"FROM core_deadline d JOIN org_body b ON b.id = d.body_id"
    )
    deadline_sql = per_body_sqls(deadline_select, "core_deadline", "due_date, id", town_bodies, "d")
    hand_deadlines = per_body_hand(deadline_select, "core_deadline", "due_date, id", town_bodies, "d")
    sel_deadlines = per_body_selector(
        officer, deadlines_for, deadline_counts_in_bodies, lambda page: deadline_list_rows(page, DERIVED_LABELS)
    )

    def sel_disclosure():
        qs = requests_visible_to(clerk).order_by("-submitted_on", "-id")
        return [r.pk for r in request_list_rows(qs[:50])], qs.count()

    answer_keys = "(" + ", ".join(f"'{k}'" for k in ANSWER_KEYS) + ")"
    disclosure_sql = (
        f"SELECT r.id, b.name, r.number, r.channel, r.applicant_type, r.description, r.received_on, r.status, "
        f"r.extension_days FROM disclosure_disclosurerequest r JOIN org_body b ON b.id = r.body_id "
        f"WHERE r.body_id IN {town_bodies} ORDER BY r.submitted_on DESC, r.id DESC LIMIT 50",
        f"SELECT count(*) FROM disclosure_disclosurerequest WHERE body_id IN {town_bodies}",
    )

    def hand_disclosure():
        # the page's rows and, for them, each request's answer clock with its state (the list shows both)
        rows = sql_rows(disclosure_sql[0])
        ids = ", ".join(f"'{r[0]}'" for r in rows) or "''"
        sql_rows(
            f"SELECT d.subject_id, d.due_date, d.is_estimate, {derived_sql} FROM core_deadline d "
            f"WHERE d.subject_type = 'disclosure.disclosurerequest' AND d.subject_id IN ({ids}) "
            f"AND d.rule_key IN {answer_keys} ORDER BY d.id"
        )
        return [r[0] for r in rows], sql_rows(disclosure_sql[1])[0][0]

    publish_keys = "('enforcement.publish_permit_or_penalty', 'enforcement.publish_other_decision')"

    def sel_supervision():
        rows = supervision_rows(supervisor, today=today)
        overdue = overdue_items(supervisor, today=today)
        return sorted((r["body"], r["on_time"] + r["blocked"], r["late"], r["overdue"], r["pending"]) for r in rows), [
            o["deadline"].pk for o in overdue
        ]

    supervision_sql = (
        f"""SELECT COALESCE(NULLIF(b.short_name, ''), b.name), count(*) FILTER (WHERE d.state = 'met'),
               count(*) FILTER (WHERE d.state = 'missed' AND d.closed_on IS NOT NULL),
               count(*) FILTER (WHERE d.closed_on IS NULL AND d.due_date < '{today}'),
               count(*) FILTER (WHERE d.closed_on IS NULL AND d.due_date >= '{today}')
           FROM core_deadline d JOIN org_body b ON b.id = d.body_id
           WHERE d.body_id IN {district_bodies} AND d.rule_key IN {publish_keys} GROUP BY 1"""
        if vendor == "postgresql"
        else f"""SELECT COALESCE(NULLIF(b.short_name, ''), b.name), sum(d.state = 'met'), sum(d.state = 'missed' AND d.closed_on IS NOT NULL),
               sum(d.closed_on IS NULL AND d.due_date < '{today}'), sum(d.closed_on IS NULL AND d.due_date >= '{today}')
           FROM core_deadline d JOIN org_body b ON b.id = d.body_id
           WHERE d.body_id IN {district_bodies} AND d.rule_key IN {publish_keys} GROUP BY 1""",
        f"""SELECT d.id FROM core_deadline d WHERE d.body_id IN {district_bodies} AND d.rule_key IN {publish_keys}
            AND d.closed_on IS NULL AND d.due_date < '{today}' ORDER BY d.due_date, d.id LIMIT 500""",
    )

    def hand_supervision():
        rows = sorted(tuple(r) for r in sql_rows(supervision_sql[0]))
        return rows, [r[0] for r in sql_rows(supervision_sql[1])]

    pages = [
        ("案件列表 /cases/", "/cases/", officer, sel_case_list, hand_case_list, case_list_sql),
        ("案件列表（区级监督）/cases/", "/cases/", supervisor, sel_district_cases, hand_district_cases,
         district_cases_sql),
        ("工作台 /", "/", officer, sel_workbench, hand_workbench, workbench_sql),
        ("我的案件 my_cases", None, officer, sel_my_cases, hand_my_cases, (my_sql,)),
        ("公示监督 /publicity/supervision/", "/publicity/supervision/", supervisor, sel_supervision,
         hand_supervision, supervision_sql),
        ("依申请公开列表 /disclosure/", "/disclosure/", clerk, sel_disclosure, hand_disclosure, disclosure_sql),
        ("期限台账 /calendar/deadlines/", "/calendar/deadlines/", officer, sel_deadlines, hand_deadlines,
         deadline_sql),
    ]  # fmt: skip
    out = {
        "vendor": vendor,
        "cases": Case.objects.count(),
        "towns": Body.objects.filter(kind="town").count(),
        "town_cases": Case.objects.filter(body=town).count(),
        "district_towns": Body.objects.filter(kind="town", parent_id=town.parent_id).count(),
        "pages": {},
    }
    for name, url, user, selector, hand, sqls in pages:
        ours, theirs = selector(), hand()
        if name.startswith("公示监督"):
            ours = ([tuple(int(x) if not isinstance(x, str) else x for x in r) for r in ours[0]], ours[1])
            theirs = ([tuple(int(x or 0) if not isinstance(x, str) else x for x in r) for r in theirs[0]], theirs[1])
        assert ours == theirs, (name, ours, theirs)
        t_page = queries = None
        if url:
            client = Client(HTTP_HOST="localhost")
            login(client, user)
            response = client.get(url)
            assert response.status_code == 200, (name, response.status_code)
            t_page = best(lambda c=client, u=url: c.get(u))
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            queries = len(ctx.captured_queries)
        t_sel = best(selector)
        t_sql = best(hand)
        plans = []
        for sql in sqls:
            prefix = "EXPLAIN (ANALYZE, BUFFERS) " if vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            plans.append((sql, "\n".join(" ".join(str(c) for c in row) for row in sql_rows(prefix + sql))))
        sel_plans = []
        with CaptureQueriesContext(connection) as ctx:
            selector()
        for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:2]:
            prefix = "EXPLAIN (ANALYZE, BUFFERS) " if vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            sel_plans.append((q["sql"], "\n".join(" ".join(str(c) for c in r) for r in sql_rows(prefix + q["sql"]))))
        out["pages"][name] = {
            "page": t_page, "queries": queries, "selector": t_sel, "sql": t_sql, "plans": plans,
            "selector_plans": sel_plans,
        }  # fmt: skip
    return out


def login(client, user) -> None:
    """Log in as the person, their second factor passed (supervisors need one): a static device, as the tests do."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from fazhi.accounts.second_factor import needs_verification

    client.force_login(user)
    if needs_verification(user):
        device = StaticDevice.objects.filter(user=user, confirmed=True).first() or StaticDevice.objects.create(
            user=user, name="bench", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def ms(t):
    return "—" if t is None else f"{t * 1000:.1f} ms"


def ratio(a, b):
    return "—" if a is None or b is None else f"{a / b:.2f}×"


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure_one(sys.argv[2]), ensure_ascii=False))
        return
    small_url, big_url = sys.argv[1], sys.argv[2]
    results = []
    for url in (small_url, big_url):
        env = {**os.environ, "FAZHI_DATABASE_URL": url}
        proc = subprocess.run(
            [sys.executable, __file__, "--one", url], env=env, capture_output=True, text=True, check=False
        )
        if proc.returncode:
            sys.stderr.write(proc.stderr)
            sys.exit(proc.returncode)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    small, big = results
    vendor = small["vendor"]
    lines = [
        f"# Pages at city volume: {small['cases']:,} vs {big['cases']:,} cases ({vendor})",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {vendor}; 2 CPUs shared with other "
        "work (load average often 6–10 during these runs, so absolute times are noisy; the ratios are taken in one "
        f"process each). Median of {REPEAT} calls after a warm-up. Databases built by `fazhi bench_city`: "
        f"{small['towns']} towns / {small['cases']:,} cases and {big['towns']} towns / {big['cases']:,} cases; the "
        f"measured town (辛口镇) holds {small['town_cases']:,} and {big['town_cases']:,} cases; the district "
        f"supervisor's district {small['district_towns']} and {big['district_towns']} towns.",
        "",
        "Run: `.venv/bin/python bench/bench_city_pages.py SMALL_DATABASE_URL BIG_DATABASE_URL`.",
        "",
        "**page** = the view through Django's test Client (logged in; status 200), template included. "
        "**selector** = the selector calls the view makes for its rows (page of 50 + count). "
        "**SQL** = hand-written query (or queries) returning the same rows, checked equal to the selector's.",
        "",
        f"| page | page {small['cases']:,} | page {big['cases']:,} | page ratio (≤ 1.5×) | selector "
        f"{small['cases']:,} | selector {big['cases']:,} | selector ratio (≤ 1.5×) | SQL {big['cases']:,} | "
        "selector ÷ SQL (≤ 2×) | queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in small["pages"].items():
        b = big["pages"][name]
        lines.append(
            f"| {name} | {ms(s['page'])} | {ms(b['page'])} | {ratio(b['page'], s['page'])} | {ms(s['selector'])} | "
            f"{ms(b['selector'])} | {ratio(b['selector'], s['selector'])} | {ms(b['sql'])} | "
            f"{ratio(b['selector'], b['sql'])} | {s['queries'] or '—'} / {b['queries'] or '—'} |"
        )
    slowest = sorted(big["pages"].items(), key=lambda kv: -kv[1]["selector"])[:3]
    lines += ["", f"## EXPLAIN of the three slowest at {big['cases']:,} cases", ""]
    for name, b in slowest:
        lines += [f"### {name}", "", "Selector's slowest queries:", ""]
        for sql, plan in b["selector_plans"]:
            lines += ["```sql", sql.strip(), "```", "", "```", plan, "```", ""]
        lines += ["Hand-written SQL:", ""]
        for sql, plan in b["plans"]:
            lines += ["```sql", sql.strip(), "```", "", "```", plan, "```", ""]
    text = "\n".join(lines)
    print(text)
    (HERE / "results" / f"city_pages_{vendor}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
