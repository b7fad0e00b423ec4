from django import template

from fazhi.mediation import permissions

register = template.Library()


@register.filter
def can_view_mediation(user) -> bool:
    return permissions.can_view_mediation(user)
