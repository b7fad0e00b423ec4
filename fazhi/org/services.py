"""Writes to the organisation: every change goes through here and onto the audit chain."""

from django.db import transaction

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.org.models import Body, BodyKind


def create_body(
    *, actor, name: str, kind: BodyKind, code: str, parent: Body | None = None, short_name: str = ""
) -> Body:
    """Add a body to the organisation tree (区 → 镇/街 → 内设机构)."""
    with transaction.atomic():
        body = Body(name=name, kind=kind, code=code, parent=parent, short_name=short_name, path="/")
        body.save()
        body.path = f"{parent.path if parent else '/'}{body.pk}/"
        body.save(update_fields=["path"])
        record(
            actor=actor,
            event=Event.BODY_CREATED,
            subject=body,
            body_id=body.pk,
            payload={
                "new": {"name": name, "kind": str(kind), "code": code, "parent_id": parent.pk if parent else None}
            },
        )
    return body
