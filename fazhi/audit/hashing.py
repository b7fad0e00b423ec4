"""Canonical serialisation and SM3 hashing of chain entries (国密 SM3 via OpenSSL 3 in hashlib)."""

import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal

# Copying a ready SM3 context skips OpenSSL's algorithm lookup that hashlib.new("sm3") repeats on every call.
_SM3 = hashlib.new("sm3")


# The fields an entry's hash covers (entry_bytes), in its keyword order; the stored row adds entry_hash.
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "event",
    "subject_type",
    "subject_id",
    "subject_label",
    "body_id",
    "payload",
    "prev_hash",
)


def sm3_hex(data: bytes) -> str:
    digest = _SM3.copy()
    digest.update(data)
    return digest.hexdigest()


def sm3_file(fileobj, chunk_size: int = 1 << 20) -> str:
    digest = _SM3.copy()
    for chunk in iter(lambda: fileobj.read(chunk_size), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"审计内容含有无法序列化的值：{type(value).__name__}")


def _normalise(value):
    # PostgreSQL's jsonb prints an integral float such as 1e16 as 10000000000000000, which reads back as an int;
    # storing it as an int from the start keeps the hash identical on both databases.
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("审计内容不得含有 NaN 或无穷大")
        return int(value) if value.is_integer() and abs(value) >= 1e16 else value
    if isinstance(value, dict):
        return {key: _normalise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    return value


def to_jsonable(payload: dict) -> dict:
    """Round-trip through JSON so the stored payload and the hashed payload are byte-identical."""
    return _normalise(json.loads(json.dumps(payload, default=_default, ensure_ascii=False)))


def canonical_bytes(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default).encode()


def entry_bytes(
    *,
    seq: int,
    at: datetime,
    actor_id,
    actor_label: str,
    event: str,
    subject_type: str,
    subject_id: str,
    subject_label: str,
    body_id,
    payload: dict,
    prev_hash: str,
) -> bytes:
    """The canonical serialisation an entry's hash is taken over."""
    return canonical_bytes(
        {
            "seq": seq,
            # Microsecond UTC ISO form: identical whichever database stored it.
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_id": actor_id,
            "actor_label": actor_label,
            "event": event,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "subject_label": subject_label,
            "body_id": body_id,
            "payload": payload,
            "prev_hash": prev_hash,
        }
    )


def entry_hash(**fields) -> str:
    """SM3 over `entry_bytes(**fields)` (same keyword-only fields)."""
    return sm3_hex(entry_bytes(**fields))
