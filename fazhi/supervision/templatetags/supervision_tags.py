from django import template

from fazhi.supervision import permissions

register = template.Library()


@register.filter
def can_view_chain(user) -> bool:
    return permissions.can_view_chain(user)
