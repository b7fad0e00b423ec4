"""Demo step: 辛口镇's 2019 双随机、一公开 — the item list, ≈300 objects in the 名录库 (deterministic names and valid
统一社会信用代码 with computed check characters), seven certified officers in the 执法检查人员名录库 with one declared
conflict, the 2019 plan with two tasks drawn from published demo seeds, their records (one finding opened a case
lead in enforcement) and the redacted results on the portal. Idempotent: skipped when the 2019 plan exists.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.inspection import services
from fazhi.inspection.codes import make_code
from fazhi.inspection.models import InspectionObject, Inspector, Plan, Result, TaskInspector, TaskObject
from fazhi.org.models import Body, User

TEAM = "XQ-XK-ZFDD"
REGION = "120111"  # 天津市西青区
INSPECTORS = ["officer1", "officer2", "mayan", "zhuhui", "hujie", "guoping", "hanxue"]
SHOPS = [
    "宏达",
    "兴旺",
    "沙窝",
    "福源",
    "金穗",
    "瑞丰",
    "鑫隆",
    "顺通",
    "华盛",
    "聚丰",
    "绿野",
    "新康",
    "永盛",
    "和美",
    "锦程",
]
TRADES = [
    ("商贸有限公司", "enterprise"),
    ("农产品专业合作社", "enterprise"),
    ("物流有限公司", "enterprise"),
    ("建材有限公司", "enterprise"),
    ("餐馆", "individual"),
    ("便利店", "individual"),
    ("汽车修理部", "individual"),
    ("果蔬店", "individual"),
]
VILLAGES = ["沙窝村", "辛口村", "小沙窝村", "大杜庄村", "木厂村", "东大沽村", "水高庄村", "上辛口村"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建华", "秀兰", "志强", "海燕", "国庆", "丽娟", "明", "静", "宏伟", "春梅"]


def demo_objects(count: int = 300) -> list[dict]:
    """Deterministic objects: serial n gives the name, kind, village, risk and credit level."""
    rows = []
    for n in range(count):
        trade, kind = TRADES[n % len(TRADES)]
        shop = SHOPS[(n * 7) % len(SHOPS)]
        prefix = "91" if kind == "enterprise" else "92"
        name = f"天津市西青区{shop}{trade}" if kind == "enterprise" else f"西青区辛口镇{shop}{trade}"
        rows.append(
            {
                "line": n + 2,
                "credit_code": make_code(prefix, REGION, 300000 + n * 37),
                "name": f"{name}（{n + 1:03d}）",
                "kind": kind,
                "address": f"天津市西青区辛口镇{VILLAGES[n % len(VILLAGES)]}{n % 97 + 1}号",
                "representative": SURNAMES[n % len(SURNAMES)] + GIVEN[(n // 3) % len(GIVEN)],
                "risk": "high" if n % 10 == 0 else ("medium" if n % 10 in (1, 2, 3) else "low"),
                "credit": "poor" if n % 29 == 7 else ("fair" if n % 5 == 4 else "good"),
            }
        )
    return rows


def _record_all(task, on: date, *, case_at: int | None = None, rectify_every: int = 4) -> None:
    """谁检查、谁录入: the drawn inspectors record in turn."""
    people = [t.inspector.person for t in TaskInspector.objects.filter(task=task).select_related("inspector__person")]
    rows = list(TaskObject.objects.filter(task=task).select_related("target").order_by("stratum", "order"))
    for n, row in enumerate(rows):
        actor = people[n % len(people)]
        day = on + timedelta(days=n % 4)
        if n == case_at:
            services.record_result(
                actor=actor, task_object=row, on=day, result=Result.CASE,
                findings="店外公共场地堆放物料约20平方米，经营者称系临时存放（联系电话13902012345），现场拍照取证。",
                case_title="在街道两侧和公共场地堆放物料",
            )  # fmt: skip
        elif n % rectify_every == 1:
            services.record_result(actor=actor, task_object=row, on=day, result=Result.RECTIFY,
                                   findings="门前三包责任落实不到位，已当场责令3日内整改。")  # fmt: skip
        else:
            services.record_result(actor=actor, task_object=row, on=day, result=Result.PASSED, findings="未发现问题。")


def inspection_step(log) -> None:
    team = Body.objects.filter(code=TEAM).first()
    if team is None:
        log("双随机抽查：没有辛口镇综合执法大队（XQ-XK-ZFDD），跳过。")
        return
    if Plan.objects.filter(body=team, year=2019).exists():
        log("双随机抽查：2019 年计划已存在，跳过。")
        return
    leader = User.objects.get(username="leader")
    people = {u.username: u for u in User.objects.filter(username__in=INSPECTORS)}
    listed = date(2019, 3, 11)
    for n, username in enumerate(INSPECTORS, 1):
        services.add_inspector(actor=leader, body=team, person=people[username], code=f"XK-JC{n:02d}",
                               on=date(2019, 4, 1), qualification="综合行政执法",
                               specialty="市容环境卫生" if n % 2 else "市场监管")  # fmt: skip
    summary = services.import_objects(actor=leader, body=team, rows=demo_objects(), on=listed)
    first = InspectionObject.objects.filter(body=team).order_by("credit_code").first()
    services.declare_conflict(actor=leader, inspector=Inspector.objects.get(body=team, code="XK-JC01"), target=first,
                              reason="检查人员的配偶在该企业任职", on=date(2019, 4, 2))  # fmt: skip
    publicity = services.list_item(
        actor=leader, body=team, name="企业公示信息抽查", basis="《企业信息公示暂行条例》第十四条",
        content="企业年度报告等公示信息的真实性", method="书面检查、实地核查、网络监测", kind="general",
        ratio_cap="5", on=listed,
    )  # fmt: skip
    street = services.list_item(
        actor=leader, body=team, name="市容环境卫生责任区检查", basis="《城市市容和环境卫生管理条例》第十四条",
        content="街道两侧和公共场地堆放物料、占道经营、门前三包责任落实", method="实地核查", kind="key",
        on=listed,
    )  # fmt: skip
    plan = services.adopt_plan(actor=leader, body=team, year=2019, title="辛口镇2019年度“双随机、一公开”抽查工作计划",
                               on=date(2019, 3, 15))  # fmt: skip
    spring = services.create_task(actor=leader, plan=plan, item=publicity, title="2019年企业公示信息抽查",
                                  ratio_high="5", ratio_medium="4", ratio_low="3", on=date(2019, 4, 22))  # fmt: skip
    services.fix_seed(actor=leader, task=spring, on=date(2019, 5, 6), seed="2019-05-06 辛口镇公开摇号 08 15 23 31 42")
    services.draw(actor=leader, task=spring, on=date(2019, 5, 7))
    _record_all(spring, date(2019, 5, 13), rectify_every=5)
    services.complete(actor=leader, task=spring, on=date(2019, 5, 20))
    services.publish(actor=leader, task=spring, on=date(2019, 5, 27))
    autumn = services.create_task(actor=leader, plan=plan, item=street, title="2019年市容环境卫生责任区抽查",
                                  ratio_high="20", ratio_medium="10", ratio_low="5", on=date(2019, 8, 26),
                                  inspector_count=3)  # fmt: skip
    services.fix_seed(actor=leader, task=autumn, on=date(2019, 9, 2), seed="2019-09-02 辛口镇公开摇号 03 11 27 36 40")
    services.draw(actor=leader, task=autumn, on=date(2019, 9, 3))
    _record_all(autumn, date(2019, 9, 5), case_at=0)
    services.complete(actor=leader, task=autumn, on=date(2019, 9, 16))
    services.publish(actor=leader, task=autumn, on=date(2019, 9, 24))
    drawn = TaskObject.objects.filter(task__plan=plan).count()
    log(
        f"双随机抽查：名录库 {summary['rows']} 户，检查人员 {len(INSPECTORS)} 人，2019 年计划 2 项任务共抽查 {drawn} 户，"
        f"结果已公示（{spring.number}、{autumn.number}）。"
    )
