"""`fazhi training_import FILE.xlsx [--actor USERNAME]`: import training hours, all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.org import selectors, services
from fazhi.org.errors import TrainingImportError
from fazhi.org.models import User


class Command(BaseCommand):
    help = "导入培训学时（.xlsx，第一行为表头：姓名/用户名、日期、主题、学时、来源[、备注]）。任一行有误则全部不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx 文件")
        parser.add_argument(
            "--actor",
            help="以该用户名义导入（只能为其范围内的人员登记）；不填则以“系统”名义、可为任何人员登记",
        )

    def handle(self, *args, file, actor=None, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"找不到文件：{path}")
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"只支持 .xlsx 文件：{path.name}")
        actor_user = None
        if actor:
            actor_user = User.objects.filter(username=actor).first()
            if actor_user is None:
                raise CommandError(f"找不到用户名为「{actor}」的用户。")
            people = selectors.visible_staff(actor_user)
        else:
            people = User.objects.filter(is_active=True, body__isnull=False)
        try:
            rows = services.read_training_workbook(path)
        except Exception as exc:  # openpyxl raises several kinds for a damaged or non-xlsx file
            raise CommandError(f"无法读取 {path.name}：{exc}") from exc
        try:
            created = services.import_training(actor=actor_user, rows=rows, people=people, file_name=path.name)
        except TrainingImportError as error:
            raise CommandError(error.message) from error
        total = sum(r.hours for r in created)
        self.stdout.write(f"已导入 {len(created)} 条培训记录，共 {total} 学时（{path.name}）。")
