from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import clock
from fazhi.law.models import PowerItem
from fazhi.law.selectors import FINDING_KINDS, power_health


class Command(BaseCommand):
    help = "权责清单体检：缺少设定依据、依据条文不在施行期、处罚事项缺少罚则或裁量基准、裁量基准超出法定幅度。"

    def add_arguments(self, parser):
        parser.add_argument("--on", help="检查日期（YYYY-MM-DD），默认今天")
        parser.add_argument("--body", help="只检查该机构代码的清单")

    def handle(self, *args, on=None, body=None, **options):
        try:
            day = date.fromisoformat(on) if on else clock.today()
        except ValueError as exc:
            raise CommandError(f"--on：“{on}”不是 YYYY-MM-DD 格式的日期") from exc
        items = PowerItem.objects.all()
        if body:
            items = items.filter(body__code=body)
            if not items.exists():
                raise CommandError(f"--body：机构代码“{body}”没有权责事项")
        findings = power_health(items, on=day)
        for f in findings:
            article = f"  [{f.article.key}]" if f.article else ""
            self.stdout.write(f"{f.item.body.code} {f.item.code}  {FINDING_KINDS[f.kind]}：{f.message}{article}")
        summary = f"{day:%Y-%m-%d} 体检 {items.count()} 项，发现 {len(findings)} 个问题。"
        self.stdout.write(self.style.WARNING(summary) if findings else self.style.SUCCESS(summary))
        if findings:
            raise SystemExit(1)
