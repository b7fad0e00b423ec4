from django import template

from fazhi.core.access import has_any_role
from fazhi.exchange.views import QUARTERLY_ROLES

register = template.Library()


@register.filter
def can_view_received(user) -> bool:
    """The staff menu's 接收记录 entry: the roles of the quarterly statistics (exchange.views.QUARTERLY_ROLES)."""
    return has_any_role(user, *QUARTERLY_ROLES)
