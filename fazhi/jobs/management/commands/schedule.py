"""`fazhi schedule [--once] [--interval S]`: enqueue each sweep that is due, once per period (docs/decisions/0069).

Run one beside the workers (`fazhi db_worker`); a second one does no harm (the run-key row lets one of them enqueue).
`--once` makes one pass and exits, for cron (`* * * * * fazhi schedule --once`)."""

import time

from django.core.management.base import BaseCommand, CommandError

from fazhi.jobs import sweeps


class Command(BaseCommand):
    requires_system_checks = []
    help = "按调度规则把到期的定时任务（期限、公示、规范性文件、普法提醒、上级推送）放入后台队列，每周期一次。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="检查一次后退出（供 cron 每分钟调用）")
        parser.add_argument("--interval", type=float, default=30.0, help="循环检查的间隔秒数（默认 30）")
        parser.add_argument("--list", action="store_true", help="只列出调度规则")

    def handle(self, *args, once=False, interval=30.0, list=False, **options):
        if list:
            for rule in sweeps.SCHEDULE:
                self.stdout.write(f"{rule.sweep}\t{sweeps.SWEEPS[rule.sweep].label}\t{rule.describe()}")
            return
        if not (1 <= interval <= 3600):
            raise CommandError("--interval 应在 1 到 3600 秒之间。")
        while True:
            for sweep, period in sweeps.schedule_due():
                self.stdout.write(f"已排队：{sweeps.SWEEPS[sweep].label}（{period}）")
            if once:
                return
            time.sleep(interval)
