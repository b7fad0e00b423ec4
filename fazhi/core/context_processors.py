"""Template context shared by every page."""

from fazhi.core import clock


def demo_date(request):
    """``demo_date``: the fixed date in Chinese when FAZHI_TODAY is set (base templates show the banner), else ""."""
    return {"demo_date": clock.fixed_today_label()}
