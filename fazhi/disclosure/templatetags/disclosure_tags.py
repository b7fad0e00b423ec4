from django import template

from fazhi.disclosure import permissions

register = template.Library()


@register.filter
def can_view_disclosure(user) -> bool:
    return permissions.can_view_disclosure(user)


@register.filter
def get_item(mapping, key):
    if not mapping or not key:
        return None
    return mapping.get(key)
