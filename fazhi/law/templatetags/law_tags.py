from django import template
from django.utils.safestring import mark_safe

from fazhi.law.selectors import cite_links_html

register = template.Library()


@register.filter
def cite_links(text):
    """Link every 《法名》第X条 citation in a text; mark the ones that cannot be resolved instead of dropping them."""
    return mark_safe(cite_links_html(str(text or "")))  # noqa: S308 - cite_links_html escapes every piece of text
