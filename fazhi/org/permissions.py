"""Who may change staff, certificates and training records."""

from fazhi.core.access import Role, has_role
from fazhi.org.selectors import visible_body_ids


def can_manage_org(user, body_id: int | None) -> bool:
    """Role.ADMIN or Role.LEADER whose scope covers the body (their own town; a district admin covers its towns)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not (has_role(user, Role.ADMIN) or has_role(user, Role.LEADER)):
        return False
    return body_id is not None and body_id in visible_body_ids(user)


def can_manage_person(user, person) -> bool:
    return can_manage_org(user, person.body_id)
