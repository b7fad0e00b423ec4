"""Template helpers for declared steps' forms."""

from django import forms, template

register = template.Library()


@register.filter
def field_kind(bound_field) -> str:
    """How a field is laid out: "multi" (a group of checkboxes), "check" (one checkbox), or "input"."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return "multi"
    if isinstance(widget, forms.CheckboxInput):
        return "check"
    return "input"


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (a dict of typed values kept after a refusal)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
