"""`fazhi restore DIR`: load a backup into an empty database and verify the chain against the manifest's head."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.audit import backup


class Command(BaseCommand):
    help = "把 fazhi backup 的备份恢复到空数据库，放回上传文件，并按清单中的审计链头校验整条审计链。"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="fazhi backup 写出的备份目录")

    def handle(self, *args, directory, **options):
        try:
            result = backup.restore(directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            raise CommandError(f"恢复后的审计链校验未通过：{result.message}", returncode=2)
        self.stdout.write(f"恢复完成。{result.message}")
