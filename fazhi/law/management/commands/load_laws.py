from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.errors import DomainError
from fazhi.law.models import LawLevel
from fazhi.law.services import load_library, upload_law


class Command(BaseCommand):
    help = (
        "载入随平台发布的法律法规文本（可重复执行：已载入且文本相同的版本不会改变）。"
        "给出文件时，改为载入这些文件（如地方性法规），须同时给出 --level，地方性法规、规章还须给出 --region。"
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="要载入的 Markdown 文本（格式同 data/laws/MANIFEST.md）")
        parser.add_argument("--level", choices=LawLevel.values, help="效力位阶，如 local_regulation")
        parser.add_argument("--region", default="", help="适用地区，如：天津市")

    def handle(self, *args, files=(), level=None, region="", **options):
        try:
            if not files:
                reports = [load_library(actor=None)]
            else:
                if level is None:
                    raise CommandError("--level：载入指定文件时必须写明效力位阶")
                reports = []
                for name in files:
                    path = Path(name)
                    try:
                        text = path.read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError) as exc:
                        raise CommandError(f"{name}：无法读取（{exc}）") from exc
                    reports.append(upload_law(actor=None, text=text, filename=path.name, level=level, region=region))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for report in reports:
            for key in report.loaded:
                self.stdout.write(f"载入 {key}")
            for key in report.superseded:
                self.stdout.write(f"已修改 {key}")
            self.stdout.write(self.style.SUCCESS(report.summary()))
