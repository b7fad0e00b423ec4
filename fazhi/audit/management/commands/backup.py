"""`fazhi backup DIR`: the database (SQLite online backup or pg_dump), the media files and a manifest."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.audit import backup


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个空目录，并写出清单（审计链头、每个文件的 SM3、版本）。"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份目录（须为空或不存在）")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup.backup(directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        head = manifest.head
        data = manifest.data
        self.stdout.write(
            f"备份完成：{directory}（数据库 {data['database']['size']:,} 字节，文件 {len(data['files'])} 个）。"
        )
        if head:
            self.stdout.write(f"审计链头 {head}。恢复后运行 fazhi audit_verify --against {head} 可确认历史未被改写。")
