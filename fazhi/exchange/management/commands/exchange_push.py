"""fazhi exchange_push — send the outbox to FAZHI_EXCHANGE_URL (docs/exchange.md)."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.errors import InvalidInput
from fazhi.exchange.push import push


class Command(BaseCommand):
    help = "把待推送记录（outbox）分批推送到上级平台 FAZHI_EXCHANGE_URL，失败按退避重试，仅 2xx 后标记已送达。"

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="上级平台地址（默认 FAZHI_EXCHANGE_URL）")
        parser.add_argument("--batch-size", type=int, default=100)
        parser.add_argument("--retries", type=int, default=3)
        parser.add_argument("--backoff", type=float, default=1.0, help="首次重试前等待秒数，之后每次加倍")

    def handle(self, *args, url=None, batch_size=100, retries=3, backoff=1.0, **options):
        if batch_size < 1 or retries < 0 or backoff < 0:
            raise CommandError("--batch-size 须 ≥ 1，--retries、--backoff 须 ≥ 0。")
        try:
            result = push(url=url, batch_size=batch_size, retries=retries, backoff=backoff)
        except InvalidInput as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已送达 {result.sent} 条（{result.batches} 批），待推送 {result.pending} 条。")
        if result.failures:
            raise CommandError(f"推送失败，稍后重试：{result.failures[-1]}")
