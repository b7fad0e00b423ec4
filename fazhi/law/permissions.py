"""Who may do what in the law library and the power list."""

from fazhi.core.access import Role, has_role
from fazhi.org.selectors import visible_body_ids


def can_upload_law(user) -> bool:
    """Adding a law or local regulation to the shared library: system administrators only."""
    return has_role(user, Role.ADMIN)


def can_edit_power_list(user, body=None) -> bool:
    """The power list is kept by the legal staff (法制审核人员) or an administrator, within their own scope."""
    if not (has_role(user, Role.LEGAL_REVIEWER) or has_role(user, Role.ADMIN)):
        return False
    return body is None or body.pk in visible_body_ids(user)
