"""Who may do what in information disclosure. The check itself is ``core.access.require``; these are the roles it
is given and the predicates the pages use to decide what to show."""

from fazhi.core.access import Role, has_any_role

# The 政务公开专员 handles requests (条例 第四条: the office for disclosure work); the leader approves extensions and
# reads everything; the system administrator reads (a superuser holds Role.ADMIN).
HANDLERS = (Role.DISCLOSURE_CLERK,)
VIEWERS = (Role.DISCLOSURE_CLERK, Role.LEADER, Role.ADMIN)


def can_view_disclosure(user) -> bool:
    return has_any_role(user, *VIEWERS)


def can_handle_disclosure(user) -> bool:
    return has_any_role(user, *HANDLERS)
