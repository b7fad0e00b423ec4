"""What an attacker with database access would do, for the tests that prove verification catches it.

The append-only triggers would stop these writes, so `tamper()` lifts them for exactly one batch of statements and
puts them back (fazhi.audit.triggers.suspended): the test then runs against a database that refuses changes again.
"""

from django.db import connection

from fazhi.audit import hashing, triggers
from fazhi.audit.models import ChainHead


def tamper(*statements: tuple[str, list] | str) -> None:
    with triggers.suspended(connection), connection.cursor() as cursor:
        for statement in statements:
            sql, params = (statement, []) if isinstance(statement, str) else statement
            cursor.execute(sql, params)
    assert triggers.installed(connection)


def rehash(entry, **changes) -> str:
    """The hash an entry would have with these field changes (what a careful forger computes)."""
    fields = {
        "seq": entry.seq,
        "at": entry.at,
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "event": entry.event,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "subject_label": entry.subject_label,
        "body_id": entry.body_id,
        "payload": entry.payload,
        "prev_hash": entry.prev_hash,
    }
    fields.update(changes)
    return hashing.entry_hash(**fields)


def set_head(seq: int, entry_hash: str) -> None:
    ChainHead.objects.filter(id=1).update(seq=seq, entry_hash=entry_hash)
