from django.core.management.base import BaseCommand, CommandError

from fazhi.core.errors import DomainError
from fazhi.law.services import load_library


class Command(BaseCommand):
    help = "载入随平台发布的法律法规文本（可重复执行：已载入且文本相同的版本不会改变）。"

    def handle(self, *args, **options):
        try:
            report = load_library(actor=None)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for key in report.loaded:
            self.stdout.write(f"载入 {key}")
        for key in report.superseded:
            self.stdout.write(f"已修改 {key}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
