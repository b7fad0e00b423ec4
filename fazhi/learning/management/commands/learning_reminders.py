"""`fazhi learning_reminders [--on YYYY-MM-DD]`: notify towns of 普法 key dates N working days ahead (run daily)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fazhi.learning import services


class Command(BaseCommand):
    help = "普法重要节点提醒：节点前N个工作日（设置 learning.reminder_working_days）通知各镇系统管理员和负责人。每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--on", help="按该日计算（默认今天），YYYY-MM-DD")

    def handle(self, *args, on=None, **options):
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError as exc:
            raise CommandError(f"日期「{on}」格式不正确，应为 YYYY-MM-DD。") from exc
        sent = services.send_key_date_reminders(on=day)
        self.stdout.write(f"已发送 {sent} 条普法节点提醒。")
