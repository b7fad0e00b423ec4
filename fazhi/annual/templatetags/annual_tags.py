from django import template

from fazhi.core.access import Role, has_any_role

register = template.Library()


@register.filter
def can_view_annual(user) -> bool:
    return has_any_role(user, Role.LEADER, Role.LEGAL_REVIEWER, Role.SUPERVISOR, Role.ADMIN)
