"""`fazhi api_token USERNAME --name 用途 [--days N]`: issue an API token (printed once); `--list`, `--revoke ID`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from fazhi.accounts import selectors, services
from fazhi.accounts.models import ApiToken
from fazhi.core.errors import DomainError


class Command(BaseCommand):
    help = "签发 API 令牌（只显示一次；令牌以该用户的身份和权限访问 API），或列出、吊销某用户的令牌。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="命令行签发", help="令牌名称（用途）")
        parser.add_argument("--days", type=int, default=None, help="有效期（日），默认 90，最长 365")
        parser.add_argument("--list", action="store_true", help="列出该用户的令牌")
        parser.add_argument("--revoke", type=int, metavar="ID", help="吊销该用户编号为 ID 的令牌")

    def handle(self, *args, username, name, days, list, revoke, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为“{username}”的用户。")
        if list:
            for token in selectors.tokens_of(user):
                self.stdout.write(
                    f"{token.pk}\t{token.prefix}…\t{token.name}\t{token.state_label}\t有效期至 {token.expires_at:%Y-%m-%d}"
                )
            return
        if revoke is not None:
            token = ApiToken.objects.filter(user=user, pk=revoke).first()
            if token is None:
                raise CommandError(f"用户“{username}”没有编号为 {revoke} 的令牌。")
            services.revoke_token(actor=None, token=token, reason="命令行吊销")
            self.stdout.write(f"已吊销令牌 {token.pk}（{token.name}）。")
            return
        if not user.is_active:
            raise CommandError(f"用户“{username}”已停用。")
        try:
            _token, key = services.issue_token(actor=None, user=user, name=name, days=days)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(key)
