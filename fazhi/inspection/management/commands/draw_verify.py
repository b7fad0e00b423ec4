"""fazhi draw_verify TASK — recompute a 双随机 draw from its published seed and pools; prints match/mismatch."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.inspection.selectors import task_by_number
from fazhi.inspection.verify import verify_task


class Command(BaseCommand):
    help = "从公布的随机种子和固定的名单重算抽查任务的抽取结果，逐项输出一致（match）或不一致（mismatch）。"

    def add_arguments(self, parser):
        parser.add_argument("task", help="任务编号（如 2019-抽查-001）或任务 id")

    def handle(self, *args, task, **options):
        found = task_by_number(task)
        if found is None:
            raise CommandError(f"没有抽查任务“{task}”。")
        checks = verify_task(found)
        ok = all(c.ok for c in checks)
        self.stdout.write(f"抽查任务 {found.number} {found.title}")
        for check in checks:
            mark = "match" if check.ok else "MISMATCH"
            self.stdout.write(f"  [{mark}] {check.what}：{check.detail}")
        self.stdout.write("match" if ok else "mismatch")
        if not ok:
            raise CommandError("抽取结果与公布的种子和名单不一致。")
