"""`fazhi load_demo`: the 辛口镇 demo, built through the services; running it again changes nothing.

It refuses a database that holds anything but the demo (real staff, real bodies), unless DEBUG is on or the operator
says `--i-know-this-is-not-production`: the demo's logins share a published password and second-factor key, and must
never end up on a real deployment.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.demo import data
from fazhi.demo.guard import database_state
from fazhi.demo.steps import STEPS

FLAG = "--i-know-this-is-not-production"


class Command(BaseCommand):
    help = (
        "载入演示数据（西青区辛口镇、张家窝镇）。已载入的部分自动跳过，可重复运行。"
        f"数据库中已有非演示数据时拒绝执行，除非开启 FAZHI_DEBUG 或加 {FLAG}。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            FLAG,
            action="store_true",
            dest="not_production",
            help="确认这不是生产环境：在已有其他数据的数据库中也载入演示账号（共用公开的演示密码）",
        )

    def handle(self, *args, not_production=False, **options):
        state = database_state()
        if state == "other" and not settings.DEBUG and not not_production:
            users = get_user_model().objects.count()
            raise CommandError(
                f"拒绝载入演示数据：数据库中已有 {users} 个用户和非演示机构，看起来是正式环境。演示账号使用公开的密码和"
                f"动态口令密钥，载入后任何人都能以系统管理员身份登录。如确认这不是生产环境，请加参数 {FLAG}。"
            )
        for step in STEPS:
            with transaction.atomic():
                step(self.stdout.write)
        self.stdout.write("")
        self.stdout.write(f"演示账号（密码均为 {data.DEMO_PASSWORD}）：")
        width = max(len(username) for username, _ in data.LOGINS)
        for username, description in data.LOGINS:
            self.stdout.write(f"  {username.ljust(width)}  {description}")
        self.stdout.write(
            f"{'、'.join(data.DEMO_TOTP_USERS)} 登录时还须输入动态口令：把密钥 {data.DEMO_TOTP_SECRET} 加入手机身份验证器，"
            "或运行 .venv/bin/fazhi demo_totp 查看当前口令。"
        )
