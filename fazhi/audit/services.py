"""Writing to the audit chain. Called by every service, inside the service's own transaction."""

from django.db import models, transaction
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
    # No savepoint: if the append fails, the caller's whole transaction must roll back — a state change must never
    # commit without its chain entry.
    with transaction.atomic(savepoint=False):
        # The head row lock serialises appends on PostgreSQL; SQLite's IMMEDIATE transaction already does.
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        seq = head.seq + 1
        prev_hash = head.entry_hash if head.seq else GENESIS_HASH
        at = timezone.now()
        actor_id = actor.pk if actor is not None else None
        actor_label = ((actor.get_full_name() or actor.get_username()) if actor is not None else "系统")[:150]
        digest = hashing.entry_hash(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_label=actor_label,
            event=event.value,
            subject_type=subject_type,
            subject_id=subject_id,
            subject_label=subject_label,
            body_id=body_id,
            payload=clean_payload,
            prev_hash=prev_hash,
        )
        entry = ChainEntry.objects.create(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_label=actor_label,
            event=event.value,
            subject_type=subject_type,
            subject_id=subject_id,
            subject_label=subject_label,
            body_id=body_id,
            payload=clean_payload,
            prev_hash=prev_hash,
            entry_hash=digest,
        )
        ChainHead.objects.filter(id=1).update(seq=seq, entry_hash=digest)
        for callback in _listeners:
            callback(entry)
    return entry
