"""Who may do what in information disclosure."""

from fazhi.core.access import Role, has_role


def can_view_disclosure(user) -> bool:
    """The clerk handles requests; the leader approves extensions and reads everything."""
    return user.is_authenticated and (
        user.is_superuser or has_role(user, Role.DISCLOSURE_CLERK) or has_role(user, Role.LEADER)
    )


def can_handle_disclosure(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.DISCLOSURE_CLERK))
