"""The only reads the public portal makes. Each returns public fields only: nothing personal beyond what
国办发〔2018〕118号 (四) requires to be published (officers: name, unit, certificate number, field)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.law.models import PowerCategory, PowerItem, PowerState
from fazhi.org.models import Body, BodyKind, Certificate, CertificateState


def published_bodies() -> QuerySet[Body]:
    """Enforcement bodies: towns and teams that have at least one power item in use, and the towns above them."""
    with_powers = Body.objects.filter(power_items__isnull=False).distinct()
    paths = list(with_powers.values_list("path", flat=True))
    ancestor_ids = {int(p) for path in paths for p in path.strip("/").split("/") if p}
    return (
        Body.objects.filter(Q(id__in=with_powers.values("id")) | Q(id__in=ancestor_ids, kind=BodyKind.TOWN))
        .only("id", "name", "kind", "parent_id", "path", "code")
        .order_by("code")
    )


def published_body(body_id: int) -> Body | None:
    return published_bodies().filter(pk=body_id).first()


def _subtree(body: Body) -> QuerySet[Body]:
    return Body.objects.filter(path__startswith=body.path)


def published_power_versions(body: Body, *, category: str = "", query: str = "") -> list:
    """The current, in-use power items of a body and everything under it (a town shows its team's list)."""
    from fazhi.law.selectors import current_versions

    items = PowerItem.objects.filter(body__in=_subtree(body))
    if category and category not in PowerCategory.values:
        category = ""
    versions = current_versions(items, category=category, query=query.strip())
    return [v for v in versions if v.state == PowerState.ACTIVE]


def published_power_version(item_id: int):
    """One item's current version if it is in use (a cancelled or suspended item is not published)."""
    from fazhi.law.selectors import current_versions

    versions = current_versions(PowerItem.objects.filter(pk=item_id))
    return versions[0] if versions and versions[0].state == PowerState.ACTIVE else None


def published_inspection_items(body: Body) -> list:
    """The random-inspection item list (随机抽查事项清单): power items of category 行政检查."""
    return published_power_versions(body, category=PowerCategory.INSPECTION)


@dataclass(frozen=True)
class PublishedOfficer:
    name: str
    unit: str
    certificate_number: str
    field: str


def published_officers(body: Body, on: date | None = None) -> list[PublishedOfficer]:
    """Officers of a body (and its units) holding a certificate valid on the day: name, unit, number, field only.

    Reads exactly those four columns (.values), so no phone number, ID number or login can reach a template.
    """
    on = on or timezone.localdate()
    rows = (
        Certificate.objects.filter(
            holder__body__path__startswith=body.path,
            holder__is_active=True,
            state=CertificateState.VALID,
            valid_from__lte=on,
            valid_to__gte=on,
        )
        .order_by("holder__body__code", "holder__last_name", "holder__first_name", "number")
        .values("holder__last_name", "holder__first_name", "holder__body__name", "number", "field")
    )
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
    from fazhi.law.selectors import citation_from_key

    citation = citation_from_key(key)
    return citation if citation.resolved else None


def published_citations(text: str):
    """Citations in a published text, each resolved to a public article or marked unresolved."""
    from fazhi.law.selectors import find_citations

    return find_citations(text)
