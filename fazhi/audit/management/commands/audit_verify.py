"""`fazhi audit_verify [--against SEQ:HASH] [--since SEQ:HASH] [--workers N] [--quiet]`: recompute the whole chain and name the first broken entry."""

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
        parser.add_argument(
            "--since",
            metavar="SEQ:HASH",
            help="只校验该检查点之后新增的条目（该条目的哈希须仍相符，其后各条须由此接续）；费时只与新增条目数相当。",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            metavar="N",
            help="分段并行校验所用的进程数（默认 1，即单进程顺序校验）；各段在接缝处核对前一哈希。",
        )
        parser.add_argument("--quiet", action="store_true", help="不显示进度条；校验通过时不输出。")
        parser.add_argument("--no-files", action="store_true", help="不重算文件哈希（只校验链本身）。")

    def handle(self, *args, against=None, since=None, workers=1, quiet=False, no_files=False, **options):
        checkpoint = start = None
        if against:
            try:
                checkpoint = verify.parse_checkpoint(against)
            except ValueError as error:
                raise CommandError(f"--against 参数有误：{error}") from None
        if since:
            try:
                start = verify.parse_checkpoint(since)
            except ValueError as error:
                raise CommandError(f"--since 参数有误：{error}") from None
        if workers < 1:
            raise CommandError(f"--workers 应为正整数，收到：{workers}")
        with (
            verify.collector_paused(),
            tqdm(
                total=verify.chain_size(after=start.seq if start else 0),
                desc="校验审计链",
                unit="条",
                file=sys.stderr,
                disable=quiet,
                mininterval=0.5,
            ) as bar,
        ):
            if workers > 1:
                result = verify.verify_parallel(
                    workers=workers, against=checkpoint, since=start, check_files=not no_files, progress=bar.update
                )
            else:
                result = verify.verify_chain(
                    against=checkpoint, since=start, check_files=not no_files, progress=bar.update
                )
        if not result.ok:
            raise CommandError(result.message, returncode=2)
        if not quiet:
            self.stdout.write(result.message)
