from django.apps import AppConfig


class ClockConfig(AppConfig):
    """The pages over core's calendar and deadline table that need a user's scope: the working-day calendar, the
    period calculator, the deadline list and detail, and the rule and setting page (docs/architecture.md)."""

    name = "fazhi.clock"
    label = "clock"
    verbose_name = "工作日历与期限"
