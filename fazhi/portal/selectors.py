"""The only reads the public portal makes. Each returns public fields only: nothing personal beyond what
国办发〔2018〕118号 (四) requires to be published (officers: name, unit, certificate number, field)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from fazhi.core import clock
from fazhi.law.models import PowerCategory, PowerState
from fazhi.law.selectors import (
    body_ids_with_power_items,
    citation_from_key,
    current_versions,
    find_citations,
    power_item_with_id,
    power_items_under,
)
from fazhi.org.selectors import bodies_and_towns_above, certified_officers_in


def published_bodies() -> QuerySet:
    """Enforcement bodies: towns and teams that have at least one power item in use, and the towns above them."""
    return (
        bodies_and_towns_above(body_ids_with_power_items())
        .only("id", "name", "kind", "parent_id", "path", "code")
        .order_by("code")
    )


def published_body(body_id: int):
    return published_bodies().filter(pk=body_id).first()


def published_power_versions(body, *, category: str = "", query: str = "") -> list:
    """The current, in-use power items of a body and everything under it (a town shows its team's list)."""
    items = power_items_under(body)
    if category and category not in PowerCategory.values:
        category = ""
    versions = current_versions(items, category=category, query=query.strip())
    return [v for v in versions if v.state == PowerState.ACTIVE]


def published_power_version(item_id: int):
    """One item's current version if it is in use (a cancelled or suspended item is not published)."""
    versions = current_versions(power_item_with_id(item_id))
    return versions[0] if versions and versions[0].state == PowerState.ACTIVE else None


def published_inspection_items(body) -> list:
    """The random-inspection item list (随机抽查事项清单): power items of category 行政检查."""
    return published_power_versions(body, category=PowerCategory.INSPECTION)


@dataclass(frozen=True)
class PublishedOfficer:
    name: str
    unit: str
    certificate_number: str
    field: str


def published_officers(body, on: date | None = None) -> list[PublishedOfficer]:
    """Officers of a body (and its units) holding a certificate valid on the day: name, unit, number, field only.

    Reads exactly those four columns (.values), so no phone number, ID number or login can reach a template.
    """
    on = on or clock.today()
    rows = certified_officers_in(body, on)
    return [
        PublishedOfficer(
            name=f"{r['holder__last_name']}{r['holder__first_name']}",
            unit=r["holder__body__name"],
            certificate_number=r["number"],
            field=r["field"],
        )
        for r in rows
    ]


def published_article(key: str):
    """A law article by citation key (laws are public texts); None if the key does not resolve."""
    citation = citation_from_key(key)
    return citation if citation.resolved else None


def published_citations(text: str):
    """Citations in a published text, each resolved to a public article or marked unresolved."""
    return find_citations(text)
