"""`fazhi enforcement_token <username>`: print an API bearer token for the enforcement API (valid 30 days)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from fazhi.enforcement.api import make_token


class Command(BaseCommand):
    help = "签发行政处罚案件 API 令牌（Authorization: Bearer …，有效期 30 日）。"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有用户名为“{username}”的有效用户。")
        self.stdout.write(make_token(user))
