"""The outbox: one row per exported record version, written by the chain listener in the step's own transaction."""

from __future__ import annotations

from fazhi.exchange import records
from fazhi.exchange.models import OutboxEvent


def on_chain_entry(entry) -> None:
    """Registered with ``fazhi.audit.services.on_record`` at ready(): runs inside the appending transaction, so the
    outbox row commits or rolls back with the change (no lost event, no event for a change that did not happen)."""
    if entry.subject_type not in records.EXPORTED:
        return
    record = records.build(entry)
    if record is None:
        return
    OutboxEvent.objects.get_or_create(
        record_id=record["record_id"],
        version=record["version"],
        defaults={"record_type": record["record_type"], "record": record, "body_id": entry.body_id},
    )
