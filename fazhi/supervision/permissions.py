"""Who may read the chain, and who may run its verification."""

from fazhi.core.access import Role, has_role


def can_view_chain(user) -> bool:
    """Supervisors (监督人员) and superusers read the chain of their scope; a town's 负责人 and 法制审核人员 read
    their own town's entries. Everyone else is refused."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(
        has_role(user, role) for role in (Role.SUPERVISOR, Role.LEADER, Role.LEGAL_REVIEWER)
    )


def can_verify_chain(user) -> bool:
    """Verification recomputes the whole chain, so it is for supervisors (and superusers) only."""
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.SUPERVISOR))


def can_view_alerts(user) -> bool:
    """Alerts, the comparison page, 监督事项 and 评查 results: the same people who read the chain of their scope."""
    return can_view_chain(user)


def is_supervisor(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.SUPERVISOR))
