"""Reading the chain for verification with the least Python work per entry (ADR 0077, ADR 0086).

Both databases hand back the raw columns — the time as the text of its UTC value, the payload as its JSON text — in
the key order of `hashing.entry_bytes`, and one loop turns each row into its canonical bytes: the time padded to
microseconds, the payload decoded and re-encoded by msgspec, the whole entry encoded as a msgspec Struct whose fields
are declared in that sorted key order (so no keys are sorted per row), then SM3. PostgreSQL is read in windows of
`chunk_size` rows (an index range scan from the last seq read), each fetched whole before it is checked, so the exact
path below can query the same connection; SQLite from its in-process cursor, `chunk_size` rows at a time.

This is a fast path, not a second definition of the format. Each piece is a faithful JSON rendering of the stored
value, so when its SM3 equals the stored hash the stored fields are the fields that were hashed. When it does not —
a float msgspec prints differently from Python (`1e-7` vs `1e-07`), a time outside years 1–9999, a value msgspec
refuses, or a real change — the caller recomputes that entry with `hashing.entry_hash` over the fields read through
the ORM, and only that answer decides (verify._scan).
"""

import hashlib
from collections.abc import Iterator
from typing import NamedTuple

import msgspec
from django.db import connection


class _Entry(msgspec.Struct):
    """entry_bytes' keys, declared in sorted order: encoding needs no sort of the top level."""

    actor_id: object
    actor_label: object
    at: str
    body_id: object
    event: object
    payload: object
    prev_hash: object
    seq: object
    subject_id: object
    subject_label: object
    subject_type: object


_decode = msgspec.json.Decoder().decode
# "deterministic": dict keys sorted (the payload, at every depth), Struct fields in their declared order.
_encode = msgspec.json.Encoder(order="deterministic").encode
_SM3 = hashlib.new("sm3")
_REFUSED = (msgspec.DecodeError, msgspec.EncodeError, TypeError, AttributeError, ValueError)

# One row: the hashed fields in _Entry's order, then the stored hash. The time is the text of its UTC value without
# zone — SQLite keeps Django's "YYYY-MM-DD HH:MM:SS[.ffffff]"; PostgreSQL prints the same form but drops trailing
# zeros of the fraction ("….5"), which the loop pads back.
_SELECT = (
    "SELECT actor_id, actor_label, {at}, body_id, event, {payload}, prev_hash, seq, subject_id, subject_label, "
    "subject_type, entry_hash FROM audit_chainentry{where} ORDER BY seq"
)
_AT = {"postgresql": "(at AT TIME ZONE 'UTC')::text"}
_PAYLOAD = {"postgresql": "payload::text"}
PAYLOAD, PREV_HASH, SEQ, STORED = 5, 6, 7, 11  # column positions in a row


class Batch(NamedTuple):
    """A run of entries in seq order, as columns (so the plain case is checked a column at a time)."""

    seqs: tuple
    prev_hashes: tuple
    stored: tuple
    computed: list  # the fast path's SM3 of each entry, None where it could not render one
    payloads: tuple  # the stored JSON text, for the few checks that look inside

    def names_files(self) -> list[bool]:
        return [isinstance(payload, str) and '"files"' in payload for payload in self.payloads]

    def rows(self) -> Iterator[tuple]:
        """(seq, prev_hash, stored hash, computed hash, names files) per entry."""
        return zip(self.seqs, self.prev_hashes, self.stored, self.computed, self.names_files(), strict=True)


def select_sql(vendor: str, where: str = "") -> str:
    return _SELECT.format(at=_AT.get(vendor, "CAST(at AS TEXT)"), payload=_PAYLOAD.get(vendor, "payload"), where=where)


def _where(after: int | None, lo: int | None, hi: int | None) -> str:
    # Only integers are interpolated.
    conditions = []
    if after is not None:
        conditions.append(f"seq > {int(after)}")
    if lo is not None:
        conditions.append(f"seq >= {int(lo)}")
    if hi is not None:
        conditions.append(f"seq <= {int(hi)}")
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


def row_runs(
    *, after: int | None = None, lo: int | None = None, hi: int | None = None, chunk_size: int = 2000
) -> Iterator[list[tuple]]:
    """The raw rows (see _SELECT) in seq order, optionally seq > after and lo <= seq <= hi, in lists."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(select_sql(connection.vendor, _where(after, lo, hi)))
            raw = cursor.cursor  # the driver's cursor: tuples without Django's wrapper per fetch
            while rows := raw.fetchmany(chunk_size):
                yield rows
        return
    if lo is not None:
        after = lo - 1 if after is None else max(after, lo - 1)
    if connection.in_atomic_block:
        # The time's text follows the server's DateStyle; a non-ISO one ("SQL, DMY") would send every row to the exact
        # path. SET LOCAL ends with the verifying transaction, so the connection is left as it was.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL DateStyle TO 'ISO'")
    while True:
        with connection.cursor() as cursor:
            cursor.execute(select_sql("postgresql", _where(after, None, hi)) + f" LIMIT {int(chunk_size)}")
            rows = cursor.cursor.fetchall()
        if rows:
            yield rows
        if len(rows) < chunk_size:
            return
        after = rows[-1][SEQ]


def computed_hashes(rows: list[tuple]) -> list[str | None]:
    """The fast path's SM3 of each raw row (None where it cannot render the row: the exact path decides those)."""
    copy, decode, encode, entry, refused = _SM3.copy, _decode, _encode, _Entry, _REFUSED
    out = []
    append = out.append
    for (
        actor_id,
        actor_label,
        at,
        body_id,
        event,
        payload,
        prev_hash,
        seq,
        subject_id,
        subject_label,
        subject_type,
        _,
    ) in rows:
        try:
            if len(at) != 26:
                at = at + ".000000" if len(at) == 19 else at.ljust(26, "0")
            digest = copy()
            digest.update(
                encode(
                    entry(
                        actor_id,
                        actor_label,
                        f"{at[:10]}T{at[11:]}+00:00",
                        body_id,
                        event,
                        decode(payload),
                        prev_hash,
                        seq,
                        subject_id,
                        subject_label,
                        subject_type,
                    )
                )
            )
        except refused:
            append(None)
        else:
            append(digest.hexdigest())
    return out


def batches(
    *, after: int | None = None, lo: int | None = None, hi: int | None = None, chunk_size: int = 2000
) -> Iterator[Batch]:
    """The entries in seq order (optionally seq > after, lo <= seq <= hi), as Batches."""
    for rows in row_runs(after=after, lo=lo, hi=hi, chunk_size=chunk_size):
        columns = tuple(zip(*rows, strict=True))
        yield Batch(columns[SEQ], columns[PREV_HASH], columns[STORED], computed_hashes(rows), columns[PAYLOAD])
