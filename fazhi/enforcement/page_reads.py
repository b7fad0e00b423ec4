"""Reads the case page asks for several times while it is drawn, made once.

Drawing /cases/<id>/ offers every step the user may take, and several steps ask the same question of the record (the
missing documents, the documents that can be generated, the legal-review rounds) — each asking once cost 4–7 times
the same queries (bench/results/http_load_*.md). The page's own lists (acts, deliberations, services, documents,
preservations, payments, remedies, officers, the case's deadlines) are the rows those questions read, so they are read once too (ADR 0082). Inside ``drawing(case)`` those answers are kept on the case object
and forgotten when the block ends. Only the page uses it, and it writes nothing while it draws; services never see a
kept answer, so a write is always checked against the database.
"""

from __future__ import annotations

from contextlib import contextmanager

from fazhi.core import deadlines
from fazhi.review.selectors import rounds_for

_ATTR = "_fazhi_page_reads"
CASE_TYPE = "enforcement.case"
CASE_DEADLINES = "case_deadlines"  # the key under which selectors.case_deadlines keeps the page's deadline table


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


def case_acts(case) -> list:
    """The case's investigation acts (笔录, 查封扣押 …), oldest first."""
    return once(case, "acts", lambda: list(case.acts.all()))


def case_deliberations(case) -> list:
    """The case's collective deliberations (集体讨论), oldest first."""
    return once(case, "deliberations", lambda: list(case.deliberations.all()))


def case_services(case) -> list:
    """The case's services of the decision (送达), oldest first."""
    return once(case, "services", lambda: list(case.services.all()))


def case_documents(case) -> list:
    """Every document generated for the case, every version, oldest first."""
    return once(case, "documents", lambda: list(case.documents.all()))


def case_preservations(case) -> list:
    """The case's 先行登记保存 records, oldest first."""
    return once(case, "preservations", lambda: list(case.preservations.all()))


def case_payments(case) -> list:
    """The case's payments (缴款, 当场收缴), oldest first."""
    return once(case, "payments", lambda: list(case.payments.all()))


def case_remedies(case) -> list:
    """The case's 复议、诉讼, oldest first."""
    return once(case, "remedies", lambda: list(case.remedies.all()))


def case_officers(case) -> list:
    """The case's handling officers (承办人员)."""
    return once(case, "officers", lambda: list(case.officers.all()))


def own_deadlines(case) -> list:
    """The case's own deadline rows (not its preservations' or rounds'), in any state, oldest first: taken from the
    page's deadline table when it has been read (``case_deadlines``), else read."""

    def read():
        everything = (case.__dict__.get(_ATTR) or {}).get(CASE_DEADLINES)
        if everything is None:
            return list(deadlines.of_subject(case))
        own = str(case.pk)
        return sorted(
            (d for d in everything if d.subject_type == CASE_TYPE and d.subject_id == own), key=lambda d: d.pk
        )

    return once(case, "own_deadlines", read)


def live_deadlines(case, rule_key: str) -> list:
    """``deadlines.live(case, rule_key)`` from the rows read once."""
    return [d for d in own_deadlines(case) if d.rule_key == rule_key and deadlines.is_live(d)]


def latest_deadline(case, rule_key: str):
    """``deadlines.latest(case, rule_key)`` from the rows read once."""
    rows = [d for d in own_deadlines(case) if d.rule_key == rule_key]
    return rows[-1] if rows else None
