"""Reads about the organisation, starting with scope: which bodies a user may see."""

from django.db.models import QuerySet

from fazhi.org.models import Body, BodyKind


def town_of(body: Body | None) -> Body | None:
    """The 镇/街 a body belongs to (itself if it is one); None for a district-level body."""
    if body is None:
        return None
    if body.kind == BodyKind.TOWN:
        return body
    return Body.objects.filter(id__in=body.ancestor_ids(), kind=BodyKind.TOWN).first()


def scope_root(user) -> Body | None:
    """The top of what a user may see: their town, or their district for district staff."""
    body = getattr(user, "body", None)
    if body is None:
        return None
    if body.kind in (BodyKind.TOWN, BodyKind.DISTRICT):
        return body
    return town_of(body) or body


def visible_bodies(user) -> QuerySet[Body]:
    """Every body whose records the user may see. Superusers see all; users without a body see none."""
    if not user.is_authenticated:
        return Body.objects.none()
    if user.is_superuser:
        return Body.objects.all()
    root = scope_root(user)
    if root is None:
        return Body.objects.none()
    return Body.objects.filter(path__startswith=root.path)


def visible_body_ids(user) -> set[int]:
    return set(visible_bodies(user).values_list("id", flat=True))
