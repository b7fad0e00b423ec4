"""The body's own catalogue of major decisions that need legal review (118号 (十二)), configurable per body."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.access import Role, has_role
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.core.validation import clean_decimal, clean_text
from fazhi.org.selectors import visible_body_ids
from fazhi.review.models import CatalogueEntry
from fazhi.review.rules import DOC_118

CATALOGUE_CITATION = f"{DOC_118}第（十二）项"


def entries_for(body) -> list[CatalogueEntry]:
    """Active entries set by the body or any body above it."""
    ids = [*body.ancestor_ids(), body.pk]
    return list(CatalogueEntry.objects.filter(body_id__in=ids, active=True).order_by("id"))


def catalogue_reasons(*, body, kinds: list[str], amount, field: str) -> list[str]:
    """Why the catalogue puts this decision under review (empty when it does not)."""
    amount = Decimal(amount or 0)
    reasons = []
    for entry in entries_for(body):
        if entry.penalty_kind and not any(entry.penalty_kind in k for k in kinds):
            continue
        if entry.min_amount is not None and amount < entry.min_amount:
            continue
        if entry.field_keyword and entry.field_keyword not in (field or ""):
            continue
        reasons.append(f"属于本机关重大执法决定法制审核目录“{entry.name}”（{entry.describe()}；{CATALOGUE_CITATION}）")
    return reasons


def add_entry(
    *, actor, body, name: str, penalty_kind: str = "", min_amount=None, field_keyword: str = ""
) -> CatalogueEntry:
    """Add a line to the catalogue (负责人 or 法制审核人员 of the body)."""
    if actor is not None and not (has_role(actor, Role.LEADER) or has_role(actor, Role.LEGAL_REVIEWER)):
        raise NotPermitted("法制审核目录清单由负责人或法制审核人员维护。")
    if actor is not None and not actor.is_superuser and body.pk not in visible_body_ids(actor):
        raise NotPermitted("不能为管辖范围以外的机构制定目录。")
    name = clean_text(name, label="目录事项名称", field="name", max_length=200)
    if not name:
        raise InvalidInput("请填写目录事项名称。", field="name")
    penalty_kind = clean_text(penalty_kind, label="行为类别", field="penalty_kind", max_length=50)
    field_keyword = clean_text(field_keyword, label="所属领域", field="field_keyword", max_length=100)
    # The column is DECIMAL(14, 2): finite, non-negative, below 10^12 yuan, at most two decimals.
    min_amount = clean_decimal(min_amount, label="涉案金额", field="min_amount", max_digits=14, decimal_places=2)
    if not (penalty_kind or "").strip() and min_amount is None and not (field_keyword or "").strip():
        raise InvalidInput("请至少填写一项条件：行为类别、涉案金额或所属领域。", field="penalty_kind")
    with transaction.atomic():
        entry = CatalogueEntry.objects.create(
            body=body,
            name=name,
            penalty_kind=(penalty_kind or "").strip(),
            min_amount=min_amount,
            field_keyword=(field_keyword or "").strip(),
        )
        record(
            actor=actor,
            event=Event.REVIEW_CATALOGUE_CHANGED,
            subject=entry,
            payload={"old": None, "new": {"name": name, "condition": entry.describe(), "active": True}},
            body_id=body.pk,
        )
    return entry


def retire_entry(*, actor, entry: CatalogueEntry) -> CatalogueEntry:
    if actor is not None and not (has_role(actor, Role.LEADER) or has_role(actor, Role.LEGAL_REVIEWER)):
        raise NotPermitted("法制审核目录清单由负责人或法制审核人员维护。")
    with transaction.atomic():
        entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
        if actor is not None and not actor.is_superuser and entry.body_id not in visible_body_ids(actor):
            raise NotPermitted("不能修改管辖范围以外的目录。")
        entry.active = False
        entry.save(update_fields=["active"])
        record(
            actor=actor,
            event=Event.REVIEW_CATALOGUE_CHANGED,
            subject=entry,
            payload={"old": {"active": True}, "new": {"active": False}},
            body_id=entry.body_id,
        )
    return entry
