"""`fazhi audit_verify [--against SEQ:HASH] [--quiet]`: recompute the whole chain and name the first broken entry."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fazhi.audit import verify


class Command(BaseCommand):
    help = "校验审计链：逐条重算哈希与链接、检查序号连续、重算链上记录的文件 SM3；可与检查点比对。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--against",
            metavar="SEQ:HASH",
            help="由 audit_checkpoint 打印并保存在系统之外的检查点；链中该序号的哈希不符即判定历史被改写。",
        )
        parser.add_argument("--quiet", action="store_true", help="不显示进度条；校验通过时不输出。")
        parser.add_argument("--no-files", action="store_true", help="不重算文件哈希（只校验链本身）。")

    def handle(self, *args, against=None, quiet=False, no_files=False, **options):
        checkpoint = None
        if against:
            try:
                checkpoint = verify.parse_checkpoint(against)
            except ValueError as error:
                raise CommandError(f"--against 参数有误：{error}") from None
        with tqdm(
            total=verify.chain_size(),
            desc="校验审计链",
            unit="条",
            file=sys.stderr,
            disable=quiet,
            mininterval=0.5,
        ) as bar:
            result = verify.verify_chain(against=checkpoint, check_files=not no_files, progress=bar.update)
        if not result.ok:
            raise CommandError(result.message, returncode=2)
        if not quiet:
            self.stdout.write(result.message)
