from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from fazhi.portal.selectors import published_citations

register = template.Library()


@register.filter
def public_cite_links(text):
    """Like law's cite_links, but linking to the portal's public article page (no login)."""
    text = str(text or "")
    out, pos = [], 0
    for c in published_citations(text):
        out.append(escape(text[pos : c.start]))
        if c.resolved:
            url = reverse("portal:article", args=[c.key])
            out.append(f'<a href="{escape(url)}">{escape(c.raw)}</a>')
        else:
            out.append(
                f'<span class="text-danger" title="未能解析：{escape(c.error)}">{escape(c.raw)}（未解析）</span>'
            )
        pos = c.end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped
