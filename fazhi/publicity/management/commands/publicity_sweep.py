"""`fazhi publicity_sweep`: take published records off the portal when their period ends. Idempotent and set-based,
safe to run every few minutes (selects by state and end date, never by a time window)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fazhi.publicity.services import sweep_expired


class Command(BaseCommand):
    help = "公示期满的执法决定信息从公示平台下线（可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按此日期判断（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today 日期格式应为 YYYY-MM-DD：{options['today']}") from exc
        count = sweep_expired(today=today)
        self.stdout.write(f"公示期满下线 {count} 条。")
