"""Demo step: a 2019 supervision year for 西青区 (区司法局's 监督人员 冯志刚).

- 张家窝镇综合执法大队 gets one penalty power (so the 天津市行政执法监督规定 第十七条 alert — penalty powers and no
  decision all year — shows for 张家窝镇 beside 辛口镇's deadline, idle-case and training alerts);
- one 案卷评查 round of 10 辛口镇 files: the seed published on 2019-12-20, drawn on 2019-12-23 with core.draw,
  scored by the supervisor (who worked on none of them) — one file fails on a 否决项 and opens a 监督事项, which is
  accepted, a 监督通知书 issued, the town's rectification report received and the matter closed;
- a 监督建议书 to 张家窝镇 from the 第十七条 alert, left awaiting its rectification report.

Idempotent: skipped when the round exists. Everything goes through the services, so ``fazhi audit_verify`` passes.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from fazhi.demo.law import POWER_ITEMS
from fazhi.law.models import PowerItem
from fazhi.law.services import create_power_item
from fazhi.org.models import Body, User
from fazhi.supervision import filereview, services
from fazhi.supervision.models import ReviewRound

ROUND_NAME = "2019年度行政处罚案卷评查（西青区）"
SEED = "2019-12-20 西青区司法局公开摇号 0738-2291"

# Scores that differ from the record's proposal, by draw order: (item key, score, note).
CHANGES = {
    3: ("archive", 3, "卷内目录与页码不符，送达回证未按顺序归档"),
    5: ("discretion", 6, "罚款数额处于裁量档次上限，未说明理由"),
    7: ("evidence", 0, "现场检查笔录无当事人签名，亦无见证人，关键事实无其他证据印证"),
}


def _zjw_power(log) -> None:
    team = Body.objects.filter(code="XQ-ZJW-ZFDD").first()
    if team is None or PowerItem.objects.filter(body=team).exists():
        return
    code, spec = POWER_ITEMS[0]
    create_power_item(actor=None, body=team, code="ZJW-CF-001",
                      spec=dataclasses.replace(spec, responsible_unit="张家窝镇综合执法大队"))  # fmt: skip
    log(f"执法监督：张家窝镇综合执法大队权责清单加入 1 项行政处罚事项（参照 {code}）。")


def supervision_step(log) -> None:
    sfj = Body.objects.filter(code="XQ-SFJ").first()
    supervisor = User.objects.filter(username="supervisor").first()
    leader = User.objects.filter(username="leader").first()
    zjw = Body.objects.filter(code="XQ-ZJW").first()
    if sfj is None or supervisor is None or leader is None:
        log("执法监督：没有西青区司法局或监督人员，跳过。")
        return
    if ReviewRound.objects.filter(name=ROUND_NAME).exists():
        log("执法监督：2019 年度演示记录已存在，跳过。")
        return
    _zjw_power(log)
    rnd = filereview.seed_round(actor=supervisor, body=sfj, name=ROUND_NAME, period_from=date(2019, 1, 1),
                                period_to=date(2019, 12, 31), per_body=10, seed=SEED, on=date(2019, 12, 20))  # fmt: skip
    rnd = filereview.draw_round(actor=supervisor, rnd=rnd, on=date(2019, 12, 23))
    failed = None
    for f in rnd.files.order_by("body_id", "draw_order"):
        f = filereview.assign(actor=supervisor, file=f, reviewer=supervisor, on=date(2019, 12, 24))
        scores = {p["key"]: (p["proposed"], "按记录预评，经核对无误" if p["reasons"] else "")
                  for p in filereview.proposed_scores(f, actor=supervisor)}  # fmt: skip
        if f.draw_order in CHANGES:
            key, value, note = CHANGES[f.draw_order]
            scores[key] = (value, note)
        f = filereview.score(actor=supervisor, file=f, on=date(2019, 12, 27), scores=scores)
        if f.matter_id and failed is None:
            failed = f.matter
    grades = list(rnd.files.values_list("grade", flat=True))
    log(f"执法监督：案卷评查抽取 {len(grades)} 件（案卷池 {rnd.pool_size} 件），不合格 {grades.count('fail')} 件。")
    if failed is not None:
        m = services.accept(actor=supervisor, matter=failed, on=date(2019, 12, 30))
        m = services.issue(actor=supervisor, matter=m, on=date(2020, 1, 3), kind="notice",
                           findings="责令对该案补充调查取证，完善现场检查笔录的签名、见证制度，并对执法人员开展证据规则培训。",
                           rectify_by=date(2020, 1, 31))  # fmt: skip
        m = services.answer(actor=leader, matter=m, on=date(2020, 1, 20),
                            report="已组织综合执法大队全员学习证据规则；修订现场检查笔录格式，增设见证人栏；该案已补充询问笔录两份。")  # fmt: skip
        services.close(actor=supervisor, matter=m, on=date(2020, 1, 22), note="整改到位。")
        log(f"执法监督：{m.number} 已整改办结。")
    if zjw is not None:
        m = services.open_matter(actor=supervisor, body=zjw, source="alert", title="有行政处罚职权但2019年全年无处罚决定",
                                 facts="张家窝镇综合执法大队权责清单中有行政处罚事项，2019年全年未作出行政处罚决定。",
                                 on=date(2020, 1, 6), alert_rule="zero_enforcement")  # fmt: skip
        m = services.accept(actor=supervisor, matter=m, on=date(2020, 1, 8))
        services.issue(actor=supervisor, matter=m, on=date(2020, 1, 10), kind="suggestion",
                       findings="建议向镇人民政府说明2019年未作出行政处罚决定的情况，并对相关执法依据作出评估（《天津市行政执法监督规定》第十七条）。",
                       rectify_by=date(2020, 2, 28))  # fmt: skip
        log(f"执法监督：向张家窝镇发出监督建议书（{m.number}），待报送整改报告。")
