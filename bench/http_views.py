"""The baseline of bench/bench_http.py: for each measured page, a bare Django view that returns the same rows from
one SQL query, written by hand, as a minimal HTML table (no template, no forms, no pagination count).

They run on the same server, behind the same middleware (session, user, CSRF, CSP, …) as the real pages, so the
ratio real/bare is what the page's own work costs: its queries, its template, its Python. The user's scope (the ids
of the bodies they may see) is looked up once per process and user and then kept, so each request is one query.
Served only by bench/http_settings.py (bench/http_urls.py); never by fazhi/urls.py.
"""

from html import escape

from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseForbidden

_scopes: dict[int, tuple[int, ...]] = {}


def _scope(user) -> tuple[int, ...]:
    from fazhi.org.selectors import visible_body_ids

    if user.pk not in _scopes:
        _scopes[user.pk] = tuple(sorted(visible_body_ids(user))) or (0,)
    return _scopes[user.pk]


def _in(values) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def _table(rows) -> HttpResponse:
    cells = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return HttpResponse(f"<!doctype html><title>bench</title><table>{cells}</table>")


def _query(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


CASE_COLUMNS = "c.id, c.number, c.title, c.party_name, c.status, c.procedure, c.discovered_on, c.decided_on, b.name"


def case_list(request):
    """/cases/ page 1: the 50 newest cases in the user's scope, read as the real page reads them since ADR 0088 —
    the 50 newest of each body on its (body, discovered_on) index, merged — so the baseline is not handicapped by
    sorting every case in scope."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    scope = _scope(request.user)
    newest_per_body = " UNION ALL ".join(
        f"SELECT * FROM (SELECT id FROM enforcement_case WHERE body_id = %s "
        f"ORDER BY discovered_on DESC, id DESC LIMIT 50) AS b{i}"
        for i in range(len(scope))
    )
    rows = _query(
        f"SELECT {CASE_COLUMNS} FROM enforcement_case c JOIN org_body b ON b.id = c.body_id "
        f"WHERE c.id IN ({newest_per_body}) ORDER BY c.discovered_on DESC, c.id DESC LIMIT 50",
        scope,
    )
    return _table(rows)


def case_page(request, case_id: int):
    """/cases/<id>/: the case row with its body, in scope."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    scope = _scope(request.user)
    rows = _query(
        "SELECT c.*, b.name FROM enforcement_case c JOIN org_body b ON b.id = c.body_id "
        f"WHERE c.id = %s AND c.body_id IN {_in(scope)}",
        (case_id, *scope),
    )
    if not rows:
        raise Http404("案件不存在")
    return _table(rows)


def workbench(request):
    """/ (the workbench): its main list, the officer's open cases (handled or registered by them), newest 50 —
    the same two halves as enforcement.selectors.my_cases, each on its own index, merged in one statement."""
    from fazhi.enforcement.workflow import OPEN_STATUSES

    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    scope = _scope(request.user)
    statuses = tuple(OPEN_STATUSES)
    half = (
        f"c.body_id IN {_in(scope)} AND c.status IN {_in(statuses)} ORDER BY c.discovered_on DESC, c.id DESC LIMIT 50"
    )
    rows = _query(
        f"SELECT {CASE_COLUMNS} FROM enforcement_case c JOIN org_body b ON b.id = c.body_id WHERE c.id IN ("
        "SELECT id FROM (SELECT c.id FROM enforcement_case c JOIN enforcement_case_officers o ON o.case_id = c.id "
        f"WHERE o.user_id = %s AND {half}) handled UNION "
        f"SELECT id FROM (SELECT c.id FROM enforcement_case c WHERE c.registered_by_id = %s AND {half}) registered"
        ") ORDER BY c.discovered_on DESC, c.id DESC LIMIT 50",
        (request.user.pk, *scope, *statuses, request.user.pk, *scope, *statuses),
    )
    return _table(rows)


def portal_search(request):
    """/gongkai/jieguo/?q=…: the 20 newest live publications whose number, party, violation or penalty holds the
    word (anonymous readers welcome, as on the real page)."""
    from fazhi.core import clock

    word = request.GET.get("q", "").strip()[:50]
    like = f"%{word}%"
    rows = _query(
        "SELECT p.id, p.decision_number, p.party_display, p.violation_type, p.penalty, p.decided_on, p.published_on, "
        "b.name FROM publicity_publication p JOIN org_body b ON b.id = p.body_id "
        "WHERE p.state = 'published' AND (p.retire_on IS NULL OR p.retire_on > %s) AND (p.decision_number LIKE %s "
        "OR p.party_display LIKE %s OR p.violation_type LIKE %s OR p.penalty LIKE %s) "
        "ORDER BY p.published_on DESC, p.id DESC LIMIT 20",
        (clock.today(), like, like, like, like),
    )
    return _table(rows)
