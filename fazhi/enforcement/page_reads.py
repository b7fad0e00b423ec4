"""Reads the case page asks for several times while it is drawn, made once.

Drawing /cases/<id>/ offers every step the user may take, and several steps ask the same question of the record (the
missing documents, the documents that can be generated, the legal-review rounds) — each asking once cost 4–7 times
the same queries (bench/results/http_load_*.md). Inside ``drawing(case)`` those answers are kept on the case object
and forgotten when the block ends. Only the page uses it, and it writes nothing while it draws; services never see a
kept answer, so a write is always checked against the database.
"""

from __future__ import annotations

from contextlib import contextmanager

from fazhi.review.selectors import rounds_for

_ATTR = "_fazhi_page_reads"
CASE_TYPE = "enforcement.case"


@contextmanager
def drawing(case):
    setattr(case, _ATTR, {})
    try:
        yield case
    finally:
        case.__dict__.pop(_ATTR, None)


def once(case, key, compute):
    """``compute()``, kept for the rest of ``drawing(case)``; outside it, computed every time."""
    reads = case.__dict__.get(_ATTR) if case is not None else None
    if reads is None:
        return compute()
    if key not in reads:
        reads[key] = compute()
    return reads[key]


def case_rounds(case) -> list:
    """The case's legal-review rounds, oldest first (review.selectors.rounds_for)."""
    return once(case, "rounds", lambda: rounds_for(CASE_TYPE, case.pk))
