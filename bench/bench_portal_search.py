"""The portal search with Chinese keywords at city size (issue 17, ADR 0076), on a database built by bench_city.

For each query: what the portal view does now (ADR 0084: the first page of 20 looked for among the newest records
first, and a count that stops past 1,000) through ``portal_results``, beside (a) the same page with a full count
through ``published_search`` (ADR 0076, the code before), (b) a plain ``icontains`` scan (the code before ADR 0076)
and (c) a direct index lookup: the same page-and-count for one exact 决定书文号 through its B-tree index
(``publicity_decision_number``). Also the portal's list of 执法机关 (bodies with a live record) both ways.

    FAZHI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_city .venv/bin/python bench/bench_portal_search.py
"""

import platform
import statistics
import time

from _django import setup, write_result

REPEAT = 7


def timed(fn):
    fn()
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    setup(migrate=False)
    from django.db import connection
    from django.db.models import Q

    from fazhi.core.listing import CappedPaginator
    from fazhi.org.selectors import bodies_with_ids
    from fazhi.publicity.models import Publication
    from fazhi.publicity.public import PORTAL_PAGE_SIZE, PORTAL_SEARCH_CAP, _portal_rows
    from fazhi.publicity.selectors import portal_results, published, published_bodies, published_search

    def portal_page(query):
        # as the view reads it: summary rows (ADR 0085)
        results = portal_results(query=query, rows=_portal_rows())
        got = CappedPaginator(results, PORTAL_PAGE_SIZE, cap=PORTAL_SEARCH_CAP).get_page(1)
        return [p.pk for p in got.object_list], got.paginator.counted

    def page(qs):
        return [p.pk for p in qs[:20]], qs.count()

    def scan(query):
        cond = Q()
        for word in query.split():
            cond &= (
                Q(decision_number__icontains=word)
                | Q(party_display__icontains=word)
                | Q(violation_type__icontains=word)
                | Q(penalty__icontains=word)
            )
        return published().select_related("body").filter(cond).order_by("-published_on", "-id")

    sample = published().order_by("-published_on").first()
    number = sample.decision_number
    queries = [
        ("两字违法行为（常见）", "焚烧"),
        ("两字，较少见", "污水"),
        ("当事人名称片段", sample.party_display[:4]),
        ("两个词", "渣土 罚款"),
        ("决定书文号片段", number[-8:]),
    ]
    total = published().count()
    lookup = timed(lambda: page(published().select_related("body").filter(decision_number=number)))
    lines = [
        f"# Portal search at city size ({connection.vendor}, {Publication.objects.count():,} publication records, "
        f"{total:,} on the portal)",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}; 2 CPUs shared with other work (noisy). "
        f"Median of {REPEAT} after a warm-up. Each row: the first page of 20 and the count, as the portal view asks.",
        "",
        f"Direct index lookup (baseline): one exact 决定书文号 through its B-tree index: {lookup * 1000:.1f} ms.",
        "",
        "| query | rows | portal page now (window + count to 1,000) | before: published_search + full count | "
        "icontains scan | now ÷ lookup (≤ 2×) | before ÷ lookup |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    plans = []
    for label, q in queries:
        ours = page(published_search(query=q))
        theirs = page(scan(q))
        assert ours == theirs, (q, ours[1], theirs[1])
        now = portal_page(q)
        assert now[0] == ours[0] and now[1] == min(ours[1], PORTAL_SEARCH_CAP + 1), (q, now, ours)
        t_now = timed(lambda q=q: portal_page(q))
        t_ours = timed(lambda q=q: page(published_search(query=q)))
        t_scan = timed(lambda q=q: page(scan(q)))
        lines.append(
            f"| {label}：`{q}` | {ours[1]:,} | {t_now * 1000:.1f} ms | {t_ours * 1000:.1f} ms | "
            f"{t_scan * 1000:.1f} ms | {t_now / lookup:.1f}× | {t_ours / lookup:.1f}× |"
        )
        if connection.vendor == "postgresql" and len(plans) < 2:
            sql, params = published_search(query=q)[:20].query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plans.append((q, "\n".join(r[0] for r in cursor.fetchall())))
    bodies_now = timed(lambda: list(published_bodies()))
    bodies_before = timed(lambda: list(bodies_with_ids(published().values("body_id")).order_by("path")))
    assert list(published_bodies()) == list(bodies_with_ids(published().values("body_id")).order_by("path"))
    lines += [
        "",
        f"执法机关 list (bodies with a live record, {published_bodies().count():,}): the owners by a skip through the "
        f"body index, then EXISTS per owner (ADR 0085) "
        f"{bodies_now * 1000:.1f} ms, before (IN over every live record's body) {bodies_before * 1000:.1f} ms.",
    ]
    lines += ["", "## Plans", ""]
    for q, plan in plans:
        lines += [f"`{q}`:", "", "```", plan, "```", ""]
    text = "\n".join(lines)
    print(text)
    write_result("portal_search.md", text)


if __name__ == "__main__":
    main()
