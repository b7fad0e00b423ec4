"""`fazhi audit_checkpoint`: print the chain head as SEQ:HASH, to be kept outside the system."""

from django.core.management.base import BaseCommand

from fazhi.audit import verify


class Command(BaseCommand):
    help = "打印审计链头（序号:哈希），供监督人员在系统之外留存，日后用 audit_verify --against 比对。"

    def handle(self, *args, **options):
        head = verify.current_head()
        if head is None:
            self.stdout.write("0:" + "0" * 64)
            self.stdout.write("审计链尚无条目；请在有记录后再取检查点。")
            return
        self.stdout.write(str(head))
        self.stdout.write(
            f"以上为审计链头 #{head.seq} 的检查点。请抄录或打印后保存在本系统之外（如纸质台账、监督单位），"
            f"日后运行 fazhi audit_verify --against {head} 即可发现此前的历史是否被改写。"
        )
