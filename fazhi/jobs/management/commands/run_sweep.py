"""`fazhi run_sweep NAME [--period KEY]`: run one sweep now, under the same run-key lock the workers take."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core import clock
from fazhi.jobs import sweeps


class Command(BaseCommand):
    requires_system_checks = []
    help = "立即执行一项定时任务（与后台进程共用同一把周期锁：本周期已执行过则跳过）。"

    def add_arguments(self, parser):
        parser.add_argument("sweep", help="、".join(sweeps.SWEEPS))
        parser.add_argument("--period", default="", help="周期键（默认按调度规则取当前周期）")

    def handle(self, *args, sweep, period="", **options):
        if sweep not in sweeps.SWEEPS:
            raise CommandError(f"未知的定时任务「{sweep}」，可选：{'、'.join(sweeps.SWEEPS)}。")
        if not period:
            rule = next((r for r in sweeps.SCHEDULE if r.sweep == sweep), None)
            period = (rule.period(timezone.now()) if rule else None) or clock.today().isoformat()
        self.stdout.write(sweeps.run_sweep(sweep, period))
