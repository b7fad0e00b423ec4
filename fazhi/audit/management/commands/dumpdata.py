"""Django's `dumpdata`, refusing the audit chain: its JSON keeps only milliseconds of a time, and every entry's hash
covers the microseconds, so a chain dumped and loaded again could never be verified (ADR 0022). `fazhi backup` copies
the database itself."""

from django.core.management.base import CommandError
from django.core.management.commands.dumpdata import Command as DjangoDumpdata

CHAIN_TABLES = {"audit", "audit.chainentry", "audit.chainhead"}


class Command(DjangoDumpdata):
    def handle(self, *app_labels, **options):
        excluded = {label.lower() for label in options.get("exclude") or []}
        wanted = {label.lower() for label in app_labels}
        dumps_chain = (not wanted and "audit" not in excluded and "audit.chainentry" not in excluded) or (
            wanted & CHAIN_TABLES and "audit.chainentry" not in excluded
        )
        if dumps_chain:
            raise CommandError(
                "dumpdata 不能导出审计链：JSON 只保留到毫秒，而每条记录的哈希包含微秒，导出再导入后审计链将无法校验。"
                "请用 fazhi backup 目录 备份整个系统（fazhi restore 恢复）；只需其他数据时加 --exclude audit。"
            )
        return super().handle(*app_labels, **options)
