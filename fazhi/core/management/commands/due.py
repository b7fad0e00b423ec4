"""`fazhi due START PERIOD`: compute a due date on the official calendar and explain it."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.errors import CalendarNotCovered, InvalidInput
from fazhi.core.periods import Pause, Period, compute_due


class Command(BaseCommand):
    # Runs from cron and scripts; the URL and template checks are not its business.
    requires_system_checks = []
    help = "计算期限届满日：fazhi due 起算日 期间（如 20wd、90d、3m、2y），第一行输出届满日，其后为计算说明。"

    def add_arguments(self, parser):
        parser.add_argument("start", help="起算日，YYYY-MM-DD（当日不计入）")
        parser.add_argument("period", help="期间：20wd（工作日）、90d（日）、3m（月）、2y（年）")
        parser.add_argument("--pause", action="append", default=[], metavar="A:B", help="中止期间，可多次给出")
        parser.add_argument("--restart", metavar="DATE", help="重新起算日（如补正后）")
        parser.add_argument("--extension", type=int, default=0, help="延长的单位数（与期间同单位）")
        parser.add_argument("--no-rollover", action="store_true", help="届满日遇休息日不顺延")
        parser.add_argument("--estimate", action="store_true", help="日历未录入的年度按周末估算")

    def handle(self, *args, **options):
        try:
            period = Period.parse(options["period"])
        except InvalidInput as error:
            raise CommandError(error.message, returncode=2) from None
        try:
            start = _date(options["start"], "起算日（START）")
            restart = _date(options["restart"], "重新起算日（--restart）") if options["restart"] else None
            pauses = [Pause.parse(p) for p in options["pause"]]
            result = compute_due(
                start,
                period,
                pauses=pauses,
                restart=restart,
                extension=options["extension"],
                rollover=not options["no_rollover"],
                estimate=options["estimate"],
            )
        except InvalidInput as error:
            raise CommandError(error.message, returncode=2) from None
        except CalendarNotCovered as error:
            raise CommandError(error.message, returncode=3) from None
        # The first token of the first line is always the ISO date, so scripts can take it with `head -1 | cut -d" " -f1`.
        self.stdout.write(result.due.isoformat() + (" 估算" if result.is_estimate else ""))
        for line in result.explanation:
            self.stdout.write(line)


def _date(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{name}格式无效：“{text}”，应写作 YYYY-MM-DD。", field=name) from None
