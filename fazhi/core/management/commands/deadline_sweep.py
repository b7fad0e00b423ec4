"""`fazhi deadline_sweep`: mark open deadlines whose due date has passed as missed (idempotent; run daily)."""

from django.core.management.base import BaseCommand

from fazhi.core.deadlines import sweep_missed_deadlines


class Command(BaseCommand):
    # Runs from cron and scripts; the URL and template checks are not its business.
    requires_system_checks = []
    help = "将届满日已过且仍在进行中的期限标记为逾期（可重复运行）。"

    def handle(self, *args, **options):
        count = sweep_missed_deadlines()
        self.stdout.write(f"标记逾期：{count} 项。")
