"""The outbox: one row per exported record version, written by the chain listener in the step's own transaction."""

from __future__ import annotations

from fazhi.exchange import records
from fazhi.exchange.models import OutboxEvent


def on_chain_entry(entry) -> None:
    """Registered with ``fazhi.audit.services.on_record`` at ready(): runs inside the appending transaction, so the
    outbox rows commit or roll back with the change (no lost event, no event for a change that did not happen).

    One entry may make several versions (a seizure step: the case and the seizure; a task step: every drawn object):
    they are written in one INSERT; a (record_id, version) already queued is skipped, never queued twice."""
    if entry.subject_type not in records.EXPORTED:
        return
    built = records.build_all(entry)
    if not built:
        return
    OutboxEvent.objects.bulk_create(
        [
            OutboxEvent(
                record_id=record["record_id"],
                version=record["version"],
                record_type=record["record_type"],
                record=record,
                body_id=entry.body_id,
            )
            for record in built
        ],
        ignore_conflicts=True,
    )
