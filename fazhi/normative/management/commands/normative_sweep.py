"""`fazhi normative_sweep [--on YYYY-MM-DD]`: open the evaluation of every document whose 有效期 ends within the set
months (a deadline due on its last valid day and a notice); idempotent, run daily beside `deadline_sweep`."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fazhi.normative.services import open_due_evaluations


class Command(BaseCommand):
    requires_system_checks = []
    help = "有效期届满前启动行政规范性文件评估（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--on", default="", help="按该日计算（默认今天），YYYY-MM-DD")

    def handle(self, *args, **options):
        try:
            on = date.fromisoformat(options["on"]) if options["on"] else None
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        opened = open_due_evaluations(on=on)
        self.stdout.write(f"启动评估：{len(opened)} 件。")
