"""`fazhi calendar_import FILE`: enter a year's State Council holiday arrangement (CSV or JSON)."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.calendar_files import parse_calendar_file
from fazhi.core.errors import DomainError
from fazhi.core.services import import_calendar


class Command(BaseCommand):
    # Runs from cron and scripts; the URL and template checks are not its business.
    requires_system_checks = []
    help = "导入节假日安排（CSV：date,kind,notice[,name][,year]，或同字段的 JSON 列表），整年替换；格式见 docs/calendar-import.md。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="UTF-8 编码的 .csv 或 .json 文件")
        parser.add_argument("--source", default="导入文件", help="来源说明，默认“导入文件”")

    def handle(self, *args, **options):
        try:
            rows = parse_calendar_file(options["file"])
            counts = import_calendar(actor=None, rows=rows, source=options["source"])
        except DomainError as error:
            raise CommandError(f"导入失败，日历未作任何修改。{error.message}") from None
        for year, count in sorted(counts.items()):
            self.stdout.write(f"{year}年：已导入 {count} 天的安排。")
