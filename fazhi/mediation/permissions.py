"""Who may do what in mediation. The check itself is ``core.access.require``.

- 调解员 take every step and read the case files of their town (it is their work: no chain entry for their reads);
- 负责人 and 监督人员 read lists and statistics, and may open a case file: each such read goes on the chain
  (ADR 0052); 系统管理员 see the lists and statistics (no personal data) and keep the committee roll.
"""

from fazhi.core.access import Role, has_any_role

HANDLERS = (Role.MEDIATOR,)
REGISTRARS = (Role.MEDIATOR, Role.ADMIN)
FILE_READERS = (Role.MEDIATOR, Role.LEADER, Role.SUPERVISOR)
VIEWERS = (Role.MEDIATOR, Role.LEADER, Role.SUPERVISOR, Role.ADMIN)


def can_view_mediation(user) -> bool:
    return has_any_role(user, *VIEWERS)


def can_handle_mediation(user) -> bool:
    return has_any_role(user, *HANDLERS)


def sees_parties(user) -> bool:
    """Whether lists show parties' names to this user (only 调解员)."""
    return has_any_role(user, *HANDLERS)


def can_read_file(user) -> bool:
    return has_any_role(user, *FILE_READERS)
