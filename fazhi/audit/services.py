"""Writing to the audit chain. Called by every service, inside the service's own transaction."""

from django.db import connection, models, transaction
from django.utils import timezone

from fazhi.audit import hashing
from fazhi.audit.events import Event
from fazhi.audit.models import GENESIS_HASH, ChainEntry, ChainHead


def _subject_parts(subject) -> tuple[str, str, str]:
    if isinstance(subject, models.Model):
        return subject._meta.label_lower, str(subject.pk), str(subject)[:255]
    if isinstance(subject, tuple):
        subject_type, subject_id, *label = subject
        return str(subject_type), str(subject_id), (label[0] if label else "")[:255]
    raise TypeError("subject 应为模型实例或 (类型, 编号[, 名称]) 元组")


def _check_files(payload: dict) -> None:
    files = payload.get("files")
    if files is None:
        return
    if not isinstance(files, list) or not all(
        isinstance(item, dict)
        and isinstance(item.get("name"), str)
        and item["name"]
        and isinstance(item.get("sm3"), str)
        and len(item["sm3"]) == 64
        for item in files
    ):
        raise ValueError('payload["files"] 应为 [{"name": 存储文件名, "sm3": 64 位十六进制哈希}, …]')


# --- listeners: called with each new entry inside the appending transaction -----------------------------------------
#
# An app above audit (exchange's outbox) registers a callback at ready(); it runs after the entry is written, in the
# same transaction, so what it writes commits or rolls back with the change the entry reports. A listener that raises
# rolls the whole step back: listeners must only write their own rows.

_listeners: list = []


def on_record(callback) -> None:
    """Register ``callback(entry)`` to run after every append, inside the caller's transaction (once per callback)."""
    if callback not in _listeners:
        _listeners.append(callback)


# --- appending ------------------------------------------------------------------------------------------------------
#
# One append is: lock the head row, read (seq, hash), insert entry seq+1 linked to that hash, move the head. The
# statements are written once here (not through the ORM's compiler on every call), and the head is usually not read
# at all: the process remembers the head its last append wrote (_known_head), and the append becomes one conditional
# statement — "move the head from (seq, hash) to (seq+1, new hash) if it is still (seq, hash), and insert the entry".
# The condition is evaluated under the head's row lock (PostgreSQL: FOR UPDATE checks it on the latest committed
# version of the row it locks; SQLite: the IMMEDIATE transaction already excludes other writers), so it writes
# exactly what the locked read would have written, or nothing. When it matches nothing (another process
# appended, the caller's earlier transaction rolled back, a fresh database), the locked read runs as before.
# The database decides every time; the memory only saves the read when it is right (ADR 0078).

_known_head: tuple[int, str] | None = None
# After a guess that missed (other processes are appending too), the next few appends take the locked path
# straight away instead of spending a statement on a guess that will probably miss again.
_GUESS_BACKOFF = 8
_skip_guesses = 0

_COLUMNS = (*hashing.HASHED_FIELDS, "entry_hash")
_INSERT_COLUMNS = ", ".join(_COLUMNS)
_PLACEHOLDERS = ", ".join(["%s"] * len(_COLUMNS))
# The guess never waits: if another transaction holds the head (an append in flight), SKIP LOCKED makes it match
# nothing at once and the append queues on the locked path like any other — instead of waiting, finding the head
# moved, and queueing a second time at the back.
_PG_GUESS = (
    "WITH current AS (SELECT id FROM audit_chainhead WHERE id = 1 AND seq = %s AND entry_hash = %s "
    "FOR UPDATE SKIP LOCKED), "
    "head AS (UPDATE audit_chainhead SET seq = %s, entry_hash = %s FROM current "
    "WHERE audit_chainhead.id = current.id AND audit_chainhead.seq = %s AND audit_chainhead.entry_hash = %s "
    f"RETURNING 1) INSERT INTO audit_chainentry ({_INSERT_COLUMNS}) SELECT {_PLACEHOLDERS} FROM head RETURNING id"
)
_PG_INSERT_AND_MOVE = (
    f"WITH entry AS (INSERT INTO audit_chainentry ({_INSERT_COLUMNS}) VALUES ({_PLACEHOLDERS}) RETURNING id) "
    "UPDATE audit_chainhead SET seq = %s, entry_hash = %s WHERE id = 1 RETURNING (SELECT id FROM entry)"
)
_LOCK_HEAD = "SELECT seq, entry_hash FROM audit_chainhead WHERE id = 1 FOR UPDATE"
_SQLITE_MOVE_IF = "UPDATE audit_chainhead SET seq = %s, entry_hash = %s WHERE id = 1 AND seq = %s AND entry_hash = %s"
_SQLITE_READ_HEAD = "SELECT seq, entry_hash FROM audit_chainhead WHERE id = 1"
_SQLITE_MOVE = "UPDATE audit_chainhead SET seq = %s, entry_hash = %s WHERE id = 1"
_SQLITE_INSERT = f"INSERT INTO audit_chainentry ({_INSERT_COLUMNS}) VALUES ({_PLACEHOLDERS}) RETURNING id"


def _digest(seq: int, prev_hash: str, fields: dict) -> str:
    return hashing.entry_hash(seq=seq, prev_hash=prev_hash, **fields)


def _values(seq, prev_hash, digest, fields, at_db, payload_db) -> list:
    return [
        seq,
        at_db,
        fields["actor_id"],
        fields["actor_label"],
        fields["event"],
        fields["subject_type"],
        fields["subject_id"],
        fields["subject_label"],
        fields["body_id"],
        payload_db,
        prev_hash,
        digest,
    ]


def _locked_head(cursor) -> tuple[int, str]:
    """The head under its lock (PostgreSQL row lock; SQLite's IMMEDIATE transaction), created on first use."""
    if connection.vendor == "postgresql":
        cursor.execute(_LOCK_HEAD)
        row = cursor.fetchone()
        if row is None:
            ChainHead.objects.get_or_create(id=1)
            cursor.execute(_LOCK_HEAD)
            row = cursor.fetchone()
    else:
        cursor.execute(_SQLITE_READ_HEAD)
        row = cursor.fetchone()
        if row is None:
            ChainHead.objects.get_or_create(id=1)
            row = (0, GENESIS_HASH)
    seq, digest = row
    return seq, (digest if seq else GENESIS_HASH)


def _append(fields: dict, at_db, payload_db) -> tuple[int, int, str, str]:
    """Write the entry and move the head; returns (id, seq, prev_hash, entry_hash)."""
    global _known_head, _skip_guesses
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        guess = _known_head
        if guess is not None and _skip_guesses == 0:
            seq, prev_hash = guess[0] + 1, guess[1]
            digest = _digest(seq, prev_hash, fields)
            values = _values(seq, prev_hash, digest, fields, at_db, payload_db)
            if postgres:
                cursor.execute(_PG_GUESS, [guess[0], guess[1], seq, digest, guess[0], guess[1], *values])
                row = cursor.fetchone()
                if row is not None:
                    _known_head = (seq, digest)
                    return row[0], seq, prev_hash, digest
            else:
                cursor.execute(_SQLITE_MOVE_IF, [seq, digest, guess[0], guess[1]])
                if cursor.rowcount == 1:
                    cursor.execute(_SQLITE_INSERT, values)
                    _known_head = (seq, digest)
                    return cursor.fetchone()[0], seq, prev_hash, digest
            _skip_guesses = _GUESS_BACKOFF
        elif _skip_guesses:
            _skip_guesses -= 1
        head_seq, prev_hash = _locked_head(cursor)
        seq = head_seq + 1
        digest = _digest(seq, prev_hash, fields)
        values = _values(seq, prev_hash, digest, fields, at_db, payload_db)
        if postgres:
            cursor.execute(_PG_INSERT_AND_MOVE, [*values, seq, digest])
            entry_id = cursor.fetchone()[0]
        else:
            cursor.execute(_SQLITE_INSERT, values)
            entry_id = cursor.fetchone()[0]
            cursor.execute(_SQLITE_MOVE, [seq, digest])
        _known_head = (seq, digest)
        return entry_id, seq, prev_hash, digest


def forget_head() -> None:
    """Drop the remembered head (tests that rewrite the chain behind record()'s back; never needed for safety)."""
    global _known_head, _skip_guesses
    _known_head, _skip_guesses = None, 0


def record(*, actor, event: Event, subject, payload: dict | None = None, body_id: int | None = None) -> ChainEntry:
    """Append one entry to the chain, in the caller's transaction.

    `actor` is the user who acted, or None for the system. `payload` usually holds {"old": …, "new": …}
    and, for stored files, {"files": [{"name": storage name, "sm3": hex}]} so audit_verify can re-hash them.
    `body_id` is the organisation the subject belongs to, used to scope the chain page.
    """
    if not isinstance(event, Event):
        event = Event(event)
    subject_type, subject_id, subject_label = _subject_parts(subject)
    clean_payload = hashing.to_jsonable(payload or {})
    _check_files(clean_payload)
    at = timezone.now()
    fields = {
        "at": at,
        "actor_id": actor.pk if actor is not None else None,
        "actor_label": ((actor.get_full_name() or actor.get_username()) if actor is not None else "系统")[:150],
        "event": event.value,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "subject_label": subject_label,
        "body_id": body_id,
        "payload": clean_payload,
    }
    at_db = _AT_FIELD.get_db_prep_value(at, connection)
    payload_db = _PAYLOAD_FIELD.get_db_prep_value(clean_payload, connection)
    # No savepoint: if the append fails, the caller's whole transaction must roll back — a state change must never
    # commit without its chain entry.
    with transaction.atomic(savepoint=False):
        entry_id, seq, prev_hash, digest = _append(fields, at_db, payload_db)
        entry = ChainEntry(id=entry_id, seq=seq, prev_hash=prev_hash, entry_hash=digest, **fields)
        entry._state.adding = False
        entry._state.db = connection.alias
        for callback in _listeners:
            callback(entry)
    return entry


_AT_FIELD = ChainEntry._meta.get_field("at")
_PAYLOAD_FIELD = ChainEntry._meta.get_field("payload")
