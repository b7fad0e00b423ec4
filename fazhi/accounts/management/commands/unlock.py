"""`fazhi unlock USERNAME` / `fazhi unlock --address IP`: lift a login lockout early (recorded on the chain)."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.accounts import services
from fazhi.core.errors import DomainError


class Command(BaseCommand):
    help = "解除登录锁定：清除某账户（或某 IP 地址）的登录失败记录，使其可以立即再次登录。"

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="")
        parser.add_argument("--address", default="", help="解除该 IP 地址的锁定")

    def handle(self, *args, username, address, **options):
        try:
            count = services.unlock(actor=None, username=username, ip_address=address)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已解除锁定（清除 {count} 条登录失败记录）。")
