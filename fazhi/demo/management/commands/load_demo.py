"""`fazhi load_demo`: the 辛口镇 demo, built through the services; running it again changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from fazhi.demo import data
from fazhi.demo.steps import STEPS


class Command(BaseCommand):
    help = "载入演示数据（西青区辛口镇、张家窝镇）。已载入的部分自动跳过，可重复运行。"

    def handle(self, *args, **options):
        for step in STEPS:
            with transaction.atomic():
                step(self.stdout.write)
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为 {data.DEMO_PASSWORD}）：")
        width = max(len(username) for username, _ in data.LOGINS)
        for username, description in data.LOGINS:
            self.stdout.write(f"  {username.ljust(width)}  {description}")
