"""`fazhi seed_calendar`: add the chinese_calendar package's years missing from the table (migration 0002 does it too)."""

from django.core.management.base import BaseCommand

from fazhi.core.models import CalendarDay, CalendarYear
from fazhi.core.seed import seed


class Command(BaseCommand):
    # Runs from cron and scripts; the URL and template checks are not its business.
    requires_system_checks = []
    help = "从 chinesecalendar 补录日历表中缺少的年度（已有年度不覆盖）。"

    def handle(self, *args, **options):
        years = seed(CalendarYear, CalendarDay)
        self.stdout.write(f"补录年度：{'、'.join(map(str, years)) if years else '无'}。")
