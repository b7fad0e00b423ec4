"""Who may start which background job (the same people who may do it on its own page)."""

from fazhi.core.access import Role, has_role

EXPORT_ROLES = (Role.LEADER, Role.SUPERVISOR, Role.ADMIN)  # as the quarterly download (fazhi.exchange.views)


def can_enqueue_verification(user) -> bool:
    """Verification recomputes the whole chain: supervisors and superusers, as supervision's verify page."""
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.SUPERVISOR))


def can_enqueue_export(user) -> bool:
    return user.is_authenticated and (user.is_superuser or any(has_role(user, r) for r in EXPORT_ROLES))


def can_see_sweeps(user) -> bool:
    """The sweeps are the whole installation's: supervisors, administrators and superusers see their runs."""
    return user.is_authenticated and (
        user.is_superuser or has_role(user, Role.SUPERVISOR) or has_role(user, Role.ADMIN)
    )
