"""What every staff list shares: a 执法机关 filter over the bodies a user may see, pagination, and parsing of query
parameters that never turns bad input into a 500.

Core knows no domain app: the caller passes the bodies in the user's scope (a queryset of the body model, whose rows
carry ``path``, the materialised tree path of ADR 0004) and the ids of the bodies its records belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils.functional import cached_property

PAGE_SIZE = 50
EXPORT_LIMIT = 20_000  # rows in one .xlsx export (a district's year of cases is far below this)


def int_param(raw, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """A whole number from a query parameter, or None for anything else (letters, '1e9', out of range)."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        return None
    return value


def page_of(request, items, per_page: int = PAGE_SIZE) -> Page:
    """The requested page; a non-numeric page gives the first, one past the end (or below 1) the last."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class CappedPaginator(Paginator):
    """Pages over at most ``cap`` rows, counted only that far: a search matching a large part of a city's records
    is answered with "more than N" instead of counting every match (ADR 0084). ``more`` tells the template."""

    def __init__(self, object_list, per_page: int, *, cap: int):
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def counted(self) -> int:
        # COUNT over a LIMIT cap + 1 subquery: the database stops at the first row past the cap.
        count_upto = getattr(self.object_list, "count_upto", None)
        if count_upto is not None:
            return count_upto(self.cap + 1)
        if isinstance(self.object_list, list | tuple):
            return len(self.object_list[: self.cap + 1])
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def more(self) -> bool:
        return self.counted > self.cap


@dataclass(frozen=True)
class BodyChoice:
    id: int
    label: str
    depth: int

    @property
    def indented(self) -> str:
        return "\u3000" * self.depth + self.label


class BodyFilter:
    """The 执法机关 select of a list: the bodies in the user's scope that hold records of the list, with the towns
    (and district) above them, so a supervisor can narrow to a whole town. Choosing a body includes its subtree.

    ``bodies`` is the queryset of bodies the user may see; ``used_ids`` the ids (or a subquery of ids) of the bodies
    holding the list's records. One query, whatever the number of records.

    A list that also wants its counts passes ``count_by_body`` instead: a function from the ids of the bodies in
    scope to {body id: records} (bodies without records absent), read after the bodies, so the list's counts are one
    grouped query on its body index with the ids written out — no join to the body table per record (ADR 0088).
    ``counts`` then holds that answer.
    """

    param = "body"

    def __init__(self, bodies: QuerySet, raw, *, used_ids=None, count_by_body=None) -> None:
        self._bodies = bodies
        self.counts: dict[int, int] | None = None
        if count_by_body is not None:
            rows = list(bodies.order_by("path").values("id", "name", "path"))
            self.counts = count_by_body([row["id"] for row in rows])
            for row in rows:
                row["used"] = row["id"] in self.counts
        else:
            # One query: every body in scope, each marked when it holds a record of the list (``used_ids`` may be a
            # subquery, which then stays inside this statement).
            rows = list(
                bodies.order_by("path")
                .annotate(used=ExpressionWrapper(Q(id__in=used_ids), output_field=BooleanField()))
                .values("id", "name", "path", "used")
            )
        used_paths = {row["path"] for row in rows if row["used"]}
        self._holding = [(row["id"], row["path"]) for row in rows if row["used"]]
        kept = [row for row in rows if any(path.startswith(row["path"]) for path in used_paths)]
        top = min((row["path"].count("/") for row in kept), default=0)
        self.choices = [BodyChoice(row["id"], row["name"], row["path"].count("/") - top) for row in kept]
        chosen = int_param(raw, minimum=1)
        self._selected = next((row for row in kept if row["id"] == chosen), None)

    @property
    def value(self) -> int | None:
        return self._selected["id"] if self._selected else None

    @property
    def label(self) -> str:
        return self._selected["name"] if self._selected else ""

    @property
    def holding_ids(self) -> list[int]:
        """The bodies holding records of the list, within the chosen body's subtree when one is chosen."""
        prefix = self._selected["path"] if self._selected else ""
        return [body_id for body_id, path in self._holding if path.startswith(prefix)]

    @property
    def holding_total(self) -> int | None:
        """The records of the bodies in ``holding_ids`` (the unfiltered list's total), when ``counts`` was read."""
        if self.counts is None:
            return None
        return sum(self.counts[body_id] for body_id in self.holding_ids)

    def apply(self, qs: QuerySet, field: str = "body_id") -> QuerySet:
        """Narrow ``qs`` to the chosen body and every body below it (a subquery: still one query for the list)."""
        if self._selected is None:
            return qs
        subtree = self._bodies.filter(path__startswith=self._selected["path"]).values("id")
        return qs.filter(**{f"{field}__in": subtree})


def counts_by_body(records: QuerySet, field: str = "body_id") -> dict[int, int]:
    """{body id: records} in one grouped query on the body index (bodies holding none absent). ``records`` is the
    list's records of the bodies in the reader's scope, the ids written out (BodyFilter's ``count_by_body`` gets them)."""
    from django.db.models import Count

    return dict(records.order_by().values_list(field).annotate(n=Count("*")))


class PerBodyPages:
    """A list in its queryset's order whose pages are read body by body: for a page ending at row n, the first n rows
    of each body holding records (each an index range scan on (body, the list's order)), merged, then cut to the page.

    The plain query sorts every row in scope to find 50: a town of 20,000 cases paid 20–35 ms of database CPU per
    page view here, a district of 600,000 would pay a second. Read per body, a page costs what n rows of each body
    cost, whatever the size of the scope (ADR 0088). ``count()`` is the queryset's own unless the caller already knows
    it (``total``: an unfiltered list's counts per body, read with the bodies it needs anyway). Over ``MAX_BRANCHES`` bodies
    (a city-wide scope) the plain query is used: one branch per body would cost more to plan than it saves.

    The queryset's SQL is compiled once, with a marker in place of the body; each body's branch is that SQL with its
    own parameter, so the Python cost does not grow with the bodies."""

    MAX_BRANCHES = 100
    _MARK = -918_273_645_546_372  # a body id no table holds, replaced by each real one in the compiled parameters

    ordered = True  # the Paginator's check: the order is the queryset's

    def __init__(self, qs: QuerySet, body_ids, field: str = "body_id", *, total: int | None = None) -> None:
        self.qs = qs
        self.body_ids = sorted(set(body_ids))
        self.field = field
        self.total = total

    def count(self) -> int:
        return self.qs.count() if self.total is None else self.total

    def __getitem__(self, key):
        if (
            not isinstance(key, slice)
            or key.stop is None
            or key.stop <= (key.start or 0)  # the empty page of a filter matching nothing: nothing to read per body
            or not self.body_ids
            or len(self.body_ids) > self.MAX_BRANCHES
        ):
            return self.qs[key]
        return self.qs.filter(pk__in=self._first_ids_per_body(key.stop))[key]

    def _first_ids_per_body(self, n: int):
        from django.db.models.expressions import RawSQL

        branch = self.qs.filter(**{self.field: self._MARK}).values("pk")[:n]
        sql, params = branch.query.get_compiler(using=self.qs.db).as_sql()
        marks = [i for i, value in enumerate(params) if value == self._MARK]
        if len(marks) != 1:  # the marker must stand for the body exactly once; otherwise read the plain way
            return self.qs.values("pk")
        at = marks[0]
        union = " UNION ALL ".join(f"SELECT * FROM ({sql}) AS b{i}" for i in range(len(self.body_ids)))
        union_params = [value for body_id in self.body_ids for value in (*params[:at], body_id, *params[at + 1 :])]
        return RawSQL(union, union_params)


# --- Rows for list pages (ADR 0085) -----------------------------------------------------------------------------
# A list page of 50 rows built from model instances spent most of its time in Python: making instances of every
# column (a case has 63), then the template engine resolving each attribute on them (it tries item lookup first,
# which a model refuses with an exception), calling get_FOO_display and the date filter and reversing a URL per row.
# List selectors therefore read the columns they show with values() and hand the template plain rows whose labels
# and links are worked out once here.

_PK_MARK = 918273645546372819  # a number no real key reaches, replaced in the reversed path


def pk_link(viewname: str):
    """A function pk → the path of ``viewname`` for that pk, reversing the pattern once per script prefix and
    URLconf instead of once per row. For URL patterns that take the one integer key."""
    from django.conf import settings
    from django.urls import get_script_prefix, get_urlconf

    return _pk_link(viewname, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=256)
def _pk_link(viewname: str, _script_prefix: str, urlconf):
    from django.urls import reverse

    head, tail = reverse(viewname, urlconf=urlconf, args=[_PK_MARK]).split(str(_PK_MARK))
    return lambda pk: f"{head}{pk}{tail}"


def iso_date(value) -> str:
    """Y-m-d as the lists show dates (what the template's ``date:"Y-m-d"`` gave), or "" for none."""
    return value.isoformat() if value else ""
