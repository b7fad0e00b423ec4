"""Reads for publicity. Staff reads start from the user's scope; the portal reads only ``published_*``."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from fazhi.core import clock, deadlines, listing
from fazhi.org.selectors import bodies_having, body_ids_owning, body_names, visible_body_id_query
from fazhi.publicity.models import Publication, PublicationState

PUBLIC_FIELDS = (
    "id",
    "body__name",
    "body_id",
    "kind",
    "state",
    "decision_number",
    "party_display",
    "violation_type",
    "penalty",
    "decided_on",
    "published_on",
    "redacted_text",
    "withdrawn_on",
    "withdrawal_reason",
)


def publications_visible_to(user) -> QuerySet[Publication]:
    if not user.is_authenticated:
        return Publication.objects.none()
    qs = Publication.objects.select_related("body", "case", "reviewed_by")
    if user.is_superuser:
        return qs
    return qs.filter(body_id__in=visible_body_id_query(user))


def publication_detail(user, pk) -> Publication:
    pub = publications_visible_to(user).filter(pk=pk).first()
    if pub is None:
        raise Http404("公开记录不存在")
    return pub


def publication_counts_in_bodies(body_ids) -> dict[int, int]:
    """How many publication records each of these bodies holds, for the staff list's 执法机关 filter and total
    (ADR 0088)."""
    return listing.counts_by_body(Publication.objects.filter(body_id__in=list(body_ids)))


def staff_list(user, *, state: str = "") -> QuerySet[Publication]:
    qs = publications_visible_to(user)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-decided_on", "-id")


# --- public ---------------------------------------------------------------------------------------------------------


def published() -> QuerySet[Publication]:
    """What the portal shows in lists and the feed: published records only (never the original text)."""
    today = clock.today()
    return (
        Publication.objects.filter(state=PublicationState.PUBLISHED)
        .filter(Q(retire_on__isnull=True) | Q(retire_on__gt=today))
        .defer("original_text")
    )


def published_or_withdrawn() -> QuerySet[Publication]:
    """For detail pages: a withdrawn record shows only its public reason (行政处罚法 第四十八条第二款)."""
    today = clock.today()
    live = Q(state=PublicationState.PUBLISHED) & (Q(retire_on__isnull=True) | Q(retire_on__gt=today))
    return Publication.objects.filter(live | Q(state=PublicationState.WITHDRAWN)).defer("original_text")


def published_search(
    *,
    query: str = "",
    body_id: int | None = None,
    kind: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Publication]:
    qs = _portal_base(body_id=body_id, kind=kind, date_from=date_from, date_to=date_to)
    return _with_words(qs, query)


def _portal_base(*, body_id=None, kind="", date_from=None, date_to=None) -> QuerySet[Publication]:
    qs = published().select_related("body")
    if body_id:
        qs = qs.filter(body_id=body_id)
    if kind:
        qs = qs.filter(kind=kind)
    if date_from:
        qs = qs.filter(decided_on__gte=date_from)
    if date_to:
        qs = qs.filter(decided_on__lte=date_to)
    return qs.order_by("-published_on", "-id")


def _with_words(qs: QuerySet[Publication], query: str, *, bigram_index: bool = True) -> QuerySet[Publication]:
    query = (query or "").strip()
    if query:
        words = query.split()[:5]
        cond = Q()
        for word in words:
            cond &= (
                Q(decision_number__icontains=word)
                | Q(party_display__icontains=word)
                | Q(violation_type__icontains=word)
                | Q(penalty__icontains=word)
            )
        qs = qs.filter(cond)
        grams = bigrams(words)
        if grams and bigram_index and connection.vendor == "postgresql":
            # Narrowed first through the GIN bigram index (ADR 0076, migration 0004): a row holding every word holds
            # all their bigrams; the icontains conditions above keep the answer exact.
            qs = qs.extra(where=[f"{SEARCH_BIGRAMS} @> %s::text[]"], params=[grams])
    return qs


# The newest records the portal looks through first for a page of search results, and how many matches make a word
# common enough for that (ADR 0084).
SEARCH_WINDOW = 2000
COMMON = 1000


def _window_first() -> bool:
    # SQLite already walks the portal-order index and stops at the page; PostgreSQL's planner, misjudging how many
    # rows a LIKE keeps, fetches and sorts every match instead.
    return connection.vendor == "postgresql"


class PortalResults:
    """The portal's search results as the paginator takes them: a slice and a count (ADR 0084).

    A common word (焚烧, 罚款) matches thousands of records, and the page shows the newest 20: the slice looks for them
    among the newest ``SEARCH_WINDOW`` records that pass the other filters first (one walk of the portal-order index);
    only when fewer turn up there does it ask the whole table (the bigram index). Both give the same rows, because the
    window is a prefix of the same order. The count stops where the caller asks (the portal: past 1,000) and never
    sorts or joins.
    """

    def __init__(self, *, rows=None, **filters):
        self._query = filters.pop("query", "")
        self._counted: dict[int, int] = {}
        self._base = _portal_base(**filters)
        self._all = _with_words(self._base, self._query)
        # (columns, make): a page read as make(*values) of those columns instead of whole records (ADR 0085)
        self._rows = rows

    def _read(self, qs: QuerySet[Publication], start: int, stop: int | None) -> list:
        if self._rows is None:
            return list(qs[start:stop])
        columns, make = self._rows
        return [make(*values) for values in qs.values_list(*columns)[start:stop]]

    def __getitem__(self, window: slice) -> list[Publication]:
        start, stop = window.start or 0, window.stop
        if (
            _window_first()
            and self._query.strip()
            and stop is not None
            and stop <= SEARCH_WINDOW // 4
            and self._common()
        ):
            # The window is bounded by its last record's place in the portal order, read first: the words are then
            # matched walking that order from the top and no further. (As a subquery of ids the planner, which
            # cannot estimate how many rows a LIKE keeps, joined it once per match — 2.7 s for 2,725 matches on
            # 300,000 cases; as a list of 2,000 ids it cost 20–40 ms to build and plan, ADR 0085.)
            last = self._base.values_list("published_on", "pk")[SEARCH_WINDOW - 1 : SEARCH_WINDOW].first()
            if last is None:  # fewer records than the window: the whole table is the window
                return self._read(self._all, start, stop)
            on, pk = last
            newest = self._base.filter(Q(published_on__gt=on) | Q(published_on=on, pk__gte=pk))
            rows = self._read(_with_words(newest, self._query, bigram_index=False), start, stop)
            if len(rows) == stop - start:
                return rows
        return self._read(self._all, start, stop)

    def _common(self) -> bool:
        # Only a word matching more than COMMON records is looked for in the window first: a rarer one would seldom
        # fill a page there, and the bigram index finds its few rows at once.
        return self.count_upto(COMMON + 1) > COMMON

    def count(self) -> int:
        return self._all.order_by().count()

    def count_upto(self, limit: int) -> int:
        """The number of matches, counted no further than ``limit`` (remembered: the paginator has usually asked)."""
        for counted_to, found in self._counted.items():
            if found < counted_to or counted_to >= limit:  # an exact count, or one that went at least as far
                return min(found, limit)
        found = self._counted[limit] = self._all.order_by().values("pk")[:limit].count()
        return found


def portal_results(*, rows=None, **filters) -> PortalResults:
    """What the portal's search page and API list: ``published_search``'s rows, read the cheap way (ADR 0084). With
    ``rows=(columns, make)`` a page is built by ``make(*values)`` from those columns only (ADR 0085)."""
    return PortalResults(rows=rows, **filters)


# The indexed expression of migration 0004 (the query must repeat it exactly for the planner to use the index).
SEARCH_BIGRAMS = (
    "publicity_bigrams(publicity_publication.decision_number || '|' || publicity_publication.party_display || '|' "
    "|| publicity_publication.violation_type || '|' || publicity_publication.penalty)"
)


def bigrams(words: list[str]) -> list[str]:
    """The distinct two-character pieces of the lower-cased words; words of one character add none (they are found
    by the scan alone)."""
    grams = set()
    for word in words:
        w = word.lower()
        grams.update(w[i : i + 2] for i in range(len(w) - 1))
    return sorted(grams)


def published_bodies():
    """The bodies with a record on the portal now: for each body, one probe of (body, state, retire_on) for a record
    that never retires and one for a record retiring after today (a city holds many retired records, which an
    OR inside one probe would have to read past), among the bodies that own any record."""
    live = Publication.objects.filter(state=PublicationState.PUBLISHED)
    never_retires = bodies_having(live.filter(retire_on__isnull=True))
    still_shown = bodies_having(live.filter(retire_on__gt=clock.today()))
    # only the bodies that own a record are probed (found by a skip through the body index; ADR 0085)
    owners = body_ids_owning(Publication)
    return (never_retires | still_shown).filter(pk__in=owners).order_by("path")


# --- supervision ----------------------------------------------------------------------------------------------------

PUBLISH_RULES = ("enforcement.publish_permit_or_penalty", "enforcement.publish_other_decision")


def _publish_deadlines(user):
    """The publication deadlines of the records in the user's scope (the deadline's body is its record's body, the
    case's, so the scope filters the deadline table directly: no subquery of publication ids cast to text, which
    planned as a nested loop over every publication at city size — bench/results/city_pages_postgresql.md)."""
    from fazhi.core.selectors import deadlines_of_bodies

    return deadlines_of_bodies(visible_body_id_query(user)).filter(
        subject_type="publicity.publication", rule_key__in=PUBLISH_RULES
    )


def supervision_rows(user, *, today: date) -> list[dict]:
    """One row per body, counted set-based on the deadline table (state and due date; nothing stored as overdue)."""
    from django.db.models import Count

    open_q = Q(closed_on__isnull=True)
    counts = (
        _publish_deadlines(user)
        .values("body_id")
        .annotate(
            # COUNT(body_id), not COUNT(id): every column read is in deadline_body_kind_idx (index-only scan, ADR 0075)
            on_time=Count("body_id", filter=Q(state="met")),
            late=Count("body_id", filter=Q(state="missed", closed_on__isnull=False)),
            overdue=Count("body_id", filter=open_q & Q(due_date__lt=today)),
            pending=Count("body_id", filter=open_q & Q(due_date__gte=today)),
        )
    )
    names = body_names()
    # A blocked record's deadline is closed on the decision date (the decision not to publish fulfils it): shown apart.
    blocked_qs = Publication.objects.filter(state=PublicationState.BLOCKED)
    if not user.is_superuser:
        blocked_qs = blocked_qs.filter(body_id__in=visible_body_id_query(user))
    blocked = dict(blocked_qs.values("body_id").annotate(n=Count("id")).values_list("body_id", "n"))
    rows = []
    for c in counts:
        b = blocked.get(c["body_id"], 0)
        rows.append({**c, "body": names.get(c["body_id"], ""), "on_time": c["on_time"] - b, "blocked": b})
    return sorted(rows, key=lambda r: r["body"])


def overdue_items(user, *, today: date) -> list[dict]:
    """应公示未公示: open publication deadlines past due, each with its case."""
    rows = list(
        _publish_deadlines(user)
        .filter(closed_on__isnull=True, due_date__lt=today)
        .select_related("body")
        .order_by("due_date", "id")[:500]
    )
    cases = dict(Publication.objects.filter(pk__in=[int(d.subject_id) for d in rows]).values_list("pk", "case_id"))
    return [
        {"deadline": d, "case_id": cases.get(int(d.subject_id)), "days_over": (today - d.due_date).days} for d in rows
    ]


def decided_without_record(user, *, limit: int = 200):
    """The oldest ``limit`` decided cases with no publication record at all (if a decision step did not open one).

    Their ids come first, from the partial indexes on decided cases alone, each tested with NOT EXISTS on the
    record's unique case index, and cut at the limit; then only those cases are read (ADR 0083). A LEFT JOIN …
    IS NULL over the full rows hashed every publication record of the city and read every decided case of the
    scope from the heap."""
    from fazhi.enforcement.selectors import cases_visible_to

    ids = (
        cases_visible_to(user)
        .filter(decided_on__isnull=False)
        .exclude(decision_number="")
        .filter(~Exists(Publication.objects.filter(case_id=OuterRef("pk"))))
        .order_by("decided_on", "id")
        .values("id")[:limit]
    )
    return cases_visible_to(user).filter(pk__in=ids).order_by("decided_on", "id")


# --- for the annual 法治政府建设情况报告 (read by fazhi.annual) --------------------------------------------------------


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """A year of 行政执法公示 in these bodies: decisions published in the year, and of the publication deadlines
    that fell due in the year (国办发〔2018〕118号 (六): 7 or 20 working days) how many were met, late or missed."""
    from fazhi.enforcement.rules import PUBLISH_OTHER_DECISION, PUBLISH_PERMIT_OR_PENALTY

    first, last = date(year, 1, 1), date(year, 12, 31)
    ids = list(body_ids)
    published_count = Publication.objects.filter(body_id__in=ids, published_on__range=(first, last)).count()
    due = deadlines.outcomes_in((PUBLISH_PERMIT_OR_PENALTY, PUBLISH_OTHER_DECISION), ids, first, last)
    return {
        "published": published_count,
        "publish_due": due["total"],
        "published_in_time": due["met"],
        "published_late": due["late"],
        "publish_missed": due["missed"],
    }


# --- for exchange (appended: the outbox snapshots a publication inside the step that changed it) ---------------------


def publication_for_exchange(pk) -> Publication | None:
    """One publication with its body, no scope (the step that changed it already checked it); None if gone."""
    return Publication.objects.select_related("body").filter(pk=pk).first()
