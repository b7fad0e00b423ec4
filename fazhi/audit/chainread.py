"""Reading the chain for verification with the least Python work per entry (ADR 0077).

The database assembles the fixed top-level part of each entry's canonical bytes (`hashing.entry_bytes`) as text —
everything before the payload and everything after it — and Python only re-serialises the payload (msgspec: decode,
encode with sorted keys, both in C) and hashes the three pieces. PostgreSQL streams the rows through one
`COPY (SELECT …) TO STDOUT` per range (no per-row protocol messages, no per-value Python conversion); SQLite returns
them from its in-process cursor.

This is a fast path, not a second definition of the format. Each piece is a faithful JSON rendering of the stored
value (`to_json`/`json_quote` strings, integer text, the time in UTC at microsecond precision, msgspec for the
payload), so when its SM3 equals the stored hash the stored fields are the fields that were hashed. When it does not —
a float msgspec prints differently from Python (`1e-7` vs `1e-07`), a value out of the fast path's range, or a real
change — the caller recomputes that entry with `hashing.entry_hash` over the fields read through the ORM, and only
that answer decides (verify._scan).

Each batch is a list of ``(seq, prev_hash, entry_hash, computed_hash_or_None, names_files)``.
"""

import hashlib
import re
from collections.abc import Iterator

import msgspec
from django.db import connection

_decode = msgspec.json.Decoder().decode
_encode = msgspec.json.Encoder(order="sorted").encode
_SM3 = hashlib.new("sm3")

# The keys before "payload" and after it, in sorted order (what json.dumps(sort_keys=True) gives for entry_bytes).
_PG_AT = (
    # A time outside years 1–9999 has no Python form (and to_char would drop the era): '!' is no JSON, so no match.
    "CASE WHEN at >= '0001-01-01T00:00:00Z' AND at < '10000-01-01T00:00:00Z' "
    "THEN to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"') ELSE '!' END"
)
_PG_PREFIX = (
    "'{\"actor_id\":' || coalesce(actor_id::text, 'null') || ',\"actor_label\":' || to_json(actor_label)::text"
    f" || ',\"at\":\"' || {_PG_AT} || '\",\"body_id\":' || coalesce(body_id::text, 'null')"
    " || ',\"event\":' || to_json(event)::text || ',\"payload\":'"
)
_PG_SUFFIX = (
    "',\"prev_hash\":' || to_json(prev_hash)::text || ',\"seq\":' || seq::text"
    " || ',\"subject_id\":' || to_json(subject_id)::text || ',\"subject_label\":' || to_json(subject_label)::text"
    " || ',\"subject_type\":' || to_json(subject_type)::text || '}'"
)
_COPY_ESCAPE = re.compile(rb"\\[\\nrtbfv]")
_COPY_UNESCAPED = {
    b"\\\\": b"\\",
    b"\\n": b"\n",
    b"\\r": b"\r",
    b"\\t": b"\t",
    b"\\b": b"\b",
    b"\\f": b"\f",
    b"\\v": b"\v",
}


def _copy_unescape(field: bytes) -> bytes:
    """COPY's text format escapes backslash and control characters in each field; undo that."""
    return _COPY_ESCAPE.sub(lambda m: _COPY_UNESCAPED[m.group()], field)


def _where(after: int | None, lo: int | None, hi: int | None) -> str:
    # Only integers are interpolated (COPY takes no bind parameters).
    conditions = []
    if after is not None:
        conditions.append(f"seq > {int(after)}")
    if lo is not None:
        conditions.append(f"seq >= {int(lo)}")
    if hi is not None:
        conditions.append(f"seq <= {int(hi)}")
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


def select_sql(vendor: str, where: str = "") -> str:
    if vendor != "postgresql":
        return _SQLITE_SELECT.format(where=where)
    return f"SELECT seq, prev_hash, entry_hash, {_PG_PREFIX}, payload::text, {_PG_SUFFIX} FROM audit_chainentry{where} ORDER BY seq"


def batches(
    *, after: int | None = None, lo: int | None = None, hi: int | None = None, chunk_size: int = 2000
) -> Iterator[list[tuple]]:
    """The entries in seq order (optionally seq > after, lo <= seq <= hi), in lists of about `chunk_size`."""
    if connection.vendor == "postgresql":
        yield from _pg_batches(after, lo, hi)
    else:
        yield from _sqlite_batches(_where(after, lo, hi), chunk_size)


# SQLite runs in this process, so assembling the fixed fields in SQL would only move the work to the same CPU (and
# json_quote is slower than msgspec): the columns are read raw — the time as its stored text, not through the declared
# type's converter — and one msgspec call encodes the whole entry with sorted keys.
_SQLITE_SELECT = (
    "SELECT seq, prev_hash, entry_hash, actor_id, actor_label, CAST(at AS TEXT), body_id, event, payload, subject_id, "
    "subject_label, subject_type FROM audit_chainentry{where} ORDER BY seq"
)


def _sqlite_batches(where: str, chunk_size: int) -> Iterator[list[tuple]]:
    copy, decode, encode = _SM3.copy, _decode, _encode
    errors = (msgspec.DecodeError, msgspec.EncodeError, TypeError, AttributeError)
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE_SELECT.format(where=where))
        raw = cursor.cursor  # the sqlite3 cursor itself: tuples without Django's wrapper per fetch
        while rows := raw.fetchmany(chunk_size):
            out = []
            append = out.append
            for row in rows:
                seq, prev_hash, stored, actor_id, actor_label, at, body_id, event, payload = row[:9]
                try:
                    # Django stores "YYYY-MM-DD HH:MM:SS[.ffffff]" (UTC); entry_bytes has "…T….ffffff+00:00".
                    at = at.replace(" ", "T") + ("+00:00" if len(at) > 19 else ".000000+00:00")
                    data = encode(
                        {
                            "actor_id": actor_id,
                            "actor_label": actor_label,
                            "at": at,
                            "body_id": body_id,
                            "event": event,
                            "payload": decode(payload),
                            "prev_hash": prev_hash,
                            "seq": seq,
                            "subject_id": row[9],
                            "subject_label": row[10],
                            "subject_type": row[11],
                        }
                    )
                except errors:
                    computed = None
                else:
                    digest = copy()
                    digest.update(data)
                    computed = digest.hexdigest()
                append((seq, prev_hash, stored, computed, isinstance(payload, str) and '"files"' in payload))
            yield out


# Rows per COPY on PostgreSQL. Each COPY is read to its end before its rows are checked, so the exact path (one ORM
# query for a row the fast path did not match) never runs while the connection is still streaming; the next window
# starts after the last seq read (an index range scan).
PG_WINDOW = 20_000


def _pg_batches(after: int | None, lo: int | None, hi: int | None) -> Iterator[list[tuple]]:
    copy, decode, encode, DecodeError = _SM3.copy, _decode, _encode, (msgspec.DecodeError, msgspec.EncodeError)
    unescape = _copy_unescape
    if lo is not None:
        after = lo - 1 if after is None else max(after, lo - 1)
    while True:
        sql = select_sql("postgresql", _where(after, None, hi)) + f" LIMIT {PG_WINDOW}"
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT") as stream:
                data = b"".join(stream)
        lines = data.split(b"\n")
        lines.pop()  # every row ends with a newline
        out = []
        append = out.append
        for line in lines:
            if b"\\" in line:
                seq, prev_hash, stored, prefix, payload, suffix = map(unescape, line.split(b"\t"))
            else:
                seq, prev_hash, stored, prefix, payload, suffix = line.split(b"\t")
            try:
                body = encode(decode(payload))
            except DecodeError:
                computed = None
            else:
                digest = copy()
                digest.update(prefix)
                digest.update(body)
                digest.update(suffix)
                computed = digest.hexdigest()
            append((int(seq), prev_hash.decode(), stored.decode(), computed, b'"files"' in payload))
        del data, lines
        if out:
            yield out
        if len(out) < PG_WINDOW:
            return
        after = out[-1][0]
