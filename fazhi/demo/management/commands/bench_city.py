"""fazhi bench_city --towns 300 --cases 1000000 [--chain 10000000]: a city-sized test dataset (ADR 0074)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "生成城市规模的测试数据（机构、人员、各状态案件及期限、公开记录、依申请公开、可验证的审计链）。只用于空数据库。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--towns", type=int, default=300, help="乡镇（街道）数，默认 300")
        parser.add_argument("--cases", type=int, default=1_000_000, help="案件数，默认 1,000,000")
        parser.add_argument("--chain", type=int, default=None, help="审计链记录数下限，默认案件数的 10 倍")
        parser.add_argument("--seed", type=int, default=17)
        parser.add_argument("--force", action="store_true", help="数据库已有数据时仍然追加（慎用）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, towns, cases, chain, seed, force, no_progress, **options):
        from fazhi.demo import city

        if towns < 1 or towns > 2000:
            raise CommandError("--towns 应在 1 至 2000 之间。")
        if cases < 0 or cases > 50_000_000:
            raise CommandError("--cases 应在 0 至 50,000,000 之间。")
        chain = cases * 10 if chain is None else chain
        if chain < 0 or chain > 500_000_000:
            raise CommandError("--chain 应在 0 至 500,000,000 之间。")
        plan = city.Plan(towns=towns, cases=cases, chain=chain, seed=seed)
        try:
            city.check_disk(plan)
            city.check_empty(force)
        except DomainError as e:
            raise CommandError(str(e)) from e
        bar = None
        progress = None
        if not no_progress and options.get("verbosity", 1) > 0:
            from tqdm import tqdm

            bar = tqdm(total=cases, unit="件", desc="案件", file=sys.stderr, smoothing=0.1)

            def progress(done, chain_seq):
                bar.update(done - bar.n)
                bar.set_postfix_str(f"审计链 {chain_seq:,} 条", refresh=False)

        try:
            result = city.Builder(plan, progress=progress).build()
        finally:
            if bar is not None:
                bar.close()
        self.stdout.write(
            f"已生成：机构 {result.bodies:,} 个，人员 {result.people:,} 人，案件 {result.cases:,} 件，"
            f"期限 {result.deadlines:,} 条，公开记录 {result.publications:,} 条，依申请公开 {result.requests:,} 件，"
            f"审计链 {result.chain:,} 条；用时 {result.seconds:,.1f} 秒。"
        )
        if options.get("verbosity", 1) > 1:
            for table, seconds in city.WRITE_SECONDS.items():
                self.stdout.write(f"  {table}: {seconds:,.1f} 秒")
