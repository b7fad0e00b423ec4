"""`fazhi demo_totp`: the current second-factor code for the demo's admin and supervisor (the published demo key)."""

import time

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from fazhi.demo import data


class Command(BaseCommand):
    help = "显示演示账号 admin、supervisor 当前的动态口令（演示密钥公开，仅用于演示数据）。"

    def handle(self, *args, **options):
        totp = TOTP(bytes.fromhex(data.DEMO_TOTP_KEY_HEX))
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{totp.token():06d}")
        self.stderr.write(f"（{left} 秒后更新；演示密钥 {data.DEMO_TOTP_SECRET}）")
