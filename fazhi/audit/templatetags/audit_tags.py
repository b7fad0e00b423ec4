"""How a chain entry reads in any template (no scope here: who may see an entry is fazhi.supervision's business)."""

from django import template

from fazhi.audit import display

register = template.Library()


@register.filter
def event_label(code: str) -> str:
    return display.event_label(code)


@register.filter
def short_hash(value: str) -> str:
    return (value or "")[:12]
