"""The only reads the public portal makes. Each returns public fields only; nothing personal beyond what
国办发〔2018〕118号 (四) requires to be published (officers: name, unit, certificate number, field)."""

from django.db.models import QuerySet

from fazhi.org.models import Body, BodyKind


def published_bodies() -> QuerySet[Body]:
    """Enforcement bodies: towns and their comprehensive enforcement teams."""
    return Body.objects.filter(kind__in=[BodyKind.TOWN, BodyKind.TEAM]).only("id", "name", "kind", "parent_id", "path")
