"""Demo step: 辛口镇's 2019 法治政府建设情况报告, drafted from the demo record in the seed report's layout, with the
seed's own words for part 三 and the sentences the record suggests, approved by the leader on 2020-02-17, sent to
the district on 2020-02-19 and published on 2020-02-20 (the demo's date) — in time for both deadlines. 张家窝镇 has none, so the
district's side-by-side page shows a town that has not started. Runs last: its figures come from every other step.
Idempotent: skipped when the report exists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.annual import services, suggestions
from fazhi.annual.models import Report
from fazhi.core.rules import amount_for
from fazhi.org.models import Body, User
from fazhi.review.rules import STAFF_SHARE

TOWN = "XQ-XK"

SHORTCOMINGS_FROM_SEED = (
    "（一）相关制度不健全，缺乏配套法规，行政执法工作开展缺少法律依据。辛口镇综合执法大队是个年轻的部门，成立时间较短，"
    "多数执法人员从事执法时间较短。"
)


def annual_step(log) -> None:
    town = Body.objects.filter(code=TOWN).first()
    if town is None:
        log("法治政府建设年度报告：没有辛口镇（机构代码 XQ-XK），跳过。")
        return
    if Report.objects.filter(body=town, year=2019).exists():
        log("法治政府建设年度报告：演示记录已存在，跳过。")
        return
    leader = User.objects.get(username="leader")
    reviewer = User.objects.get(username="reviewer")
    report = services.create_report(actor=reviewer, body=town, year=2019)
    values = services.current_figures(report)
    found = suggestions.suggest(values, year=2019, staff_share_pct=Decimal(amount_for(STAFF_SHARE).amount(town.pk)))
    numbered = [SHORTCOMINGS_FROM_SEED] + [f"（{'二三四五六七'[n]}）{s.text}" for n, s in enumerate(found[:6])]
    shortcomings = report.sections["shortcomings"] + "\n" + "\n".join(numbered)
    services.edit_report(actor=reviewer, report=report, sections={"shortcomings": shortcomings})
    services.approve_report(actor=leader, report=report, on=date(2020, 2, 17))
    services.submit_report(actor=reviewer, report=report, on=date(2020, 2, 19))
    services.publish_report(actor=reviewer, report=report, on=date(2020, 2, 20))
    log(f"法治政府建设年度报告：辛口镇2019年度报告已审定、报送并公开（第三部分含 {len(found)} 条依记录的建议语句）。")
