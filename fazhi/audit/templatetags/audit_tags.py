from django import template

from fazhi.audit import display, permissions

register = template.Library()


@register.filter
def can_view_chain(user) -> bool:
    return permissions.can_view_chain(user)


@register.filter
def event_label(code: str) -> str:
    return display.event_label(code)


@register.filter
def short_hash(value: str) -> str:
    return (value or "")[:12]
