"""Demo step: about 60 penalty cases of 2019 in 辛口镇, built through the services (so audit_verify passes).

Ordinary cases at every stage and with all four outcomes of 第五十七条 (a few still open, hence overdue today), one
hearing, one case whose first legal review failed, a few collective deliberations, and on-the-spot summary fines
under the 2017 caps, each filed (备案). Invented parties; any likeness is unintended. The tables are
data/enforcement_parties.csv, data/enforcement_places.csv and data/enforcement_plan.csv (how many ordinary cases stop
at each stage, and with which outcome or course).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from fazhi.core import clock
from fazhi.core.services import change_setting
from fazhi.demo import data
from fazhi.enforcement import services
from fazhi.enforcement.documents import PAYMENT_BANK_SETTING
from fazhi.enforcement.models import Case
from fazhi.enforcement.services.proposal import item_party
from fazhi.law.models import PowerItem, PowerState
from fazhi.org.models import Body, User
from fazhi.review.rules import POINT_KEYS
from fazhi.review.selectors import latest_round
from fazhi.review.services import give_opinion

TOWN = "XQ-XK"
PHOTO = b"\xff\xd8\xff\xe0" + b"fazhi-demo-photo" * 8

# (kind, name, ID number, address)
PARTIES = [(r["kind"], r["name"], r["id_number"], r["address"]) for r in data.table("enforcement_parties")]
PLACES = [r["place"] for r in data.table("enforcement_places")]


def _plan() -> list[tuple[str, dict]]:
    """The ordinary cases, in order: (the stage the case stops at, the options of ``run``), one per case."""
    plan = []
    for row in data.table("enforcement_plan"):
        options = {"outcome": row["outcome"]} if row["outcome"] else {}
        options.update({key: True for key in ("hearing", "failed_review", "serious", "archive") if data.flag(row[key])})
        plan += [(row["stage"], options)] * int(row["times"])
    return plan


class _Upload:
    """A tiny in-memory upload (the evidence photo of the demo)."""

    def __init__(self, name: str, data: bytes):
        self.name, self._data, self.size = name, data, len(data)

    def read(self):
        return self._data


def _items(town: Body) -> list:
    """Penalty items of the town's list with a fine in yuan and discretion levels that give a fine."""
    versions = []
    for item in PowerItem.objects.filter(body__path__startswith=town.path).order_by("code"):
        version = item.current
        if version is None or version.category != "penalty" or version.state != PowerState.ACTIVE:
            continue
        if version.statutory_fine_unit != "yuan" or not version.penalty_articles:
            continue
        levels = [lv for lv in version.benchmark_levels.order_by("order") if lv.fine_min is not None and lv.fine_max]
        if levels:
            versions.append((version, levels))
    return versions


def act_words(item_name: str) -> str:
    """The act itself, in the facts' words, from the item's name: 对个人随意倾倒…生活垃圾的行政处罚（个人） → 随意倾倒…生活垃圾."""
    act = re.sub(r"（[^（）]*）$", "", item_name.strip())
    act = act.removeprefix("对").removeprefix("个人").removeprefix("单位").removeprefix("自然人")
    return act.removesuffix("的行政处罚").removesuffix("行为").strip("，、")


def facts_words(name: str, on: date, place: str, act: str) -> str:
    """违法事实 as an officer writes it: who, when, where, what (not the power item's name pasted in)."""
    if act.startswith("在"):
        return f"当事人{name}于{on:%Y年%m月%d日}{act}，地点为{place}，经执法人员现场检查确认。"
    return f"当事人{name}于{on:%Y年%m月%d日}在{place}{act}，经执法人员现场检查确认。"


def _fine(version, level) -> Decimal:
    low = max(level.fine_min or 0, version.statutory_fine_min or 0)
    high = min(level.fine_max, version.statutory_fine_max or level.fine_max)
    return Decimal(int((low + high) / 2 // 10 * 10) or int(high))


DEMO_PAYMENT_BANK = "中国农业银行天津西青支行（户名：西青区财政局非税收入汇缴专户，账号：演示-0000 0000 0000）"


def enforcement_step(log) -> None:
    town = Body.objects.filter(code=TOWN).first()
    if town is None:
        log("行政处罚案件：没有辛口镇（机构代码 XQ-XK），跳过。")
        return
    if Case.objects.filter(body=town, discovered_on__year=2019).exists():
        log("行政处罚案件：2019 年演示案件已存在，跳过。")
        return
    people = {u.username: u for u in User.objects.filter(body__path__startswith=town.path)}
    leader, reviewer = people["leader"], people["reviewer"]
    # The bank the 决定书 names for payment (第六十七条): a body setting; the demo's account is fictitious.
    change_setting(
        actor=None, key=PAYMENT_BANK_SETTING, value=DEMO_PAYMENT_BANK, body=town, note="演示数据（虚构账户）"
    )
    pairs = [("officer1", "officer2"), ("mayan", "zhuhui"), ("hujie", "guoping"), ("hanxue", "officer1")]
    items = _items(town)
    if not items:
        log("行政处罚案件：辛口镇权责清单中没有可用的罚款事项，跳过。")
        return
    small = [(v, lv) for v, lv in items if _fine(v, lv[0]) < 5000] or items
    large = [(v, lv) for v, lv in items if any(_fine(v, x) >= 5000 for x in lv)]
    made = {"ordinary": 0, "summary": 0}

    def run(n: int, stage: str, *, outcome: str = "penalty", hearing: bool = False, failed_review: bool = False,
            serious: bool = False, archive: bool = False) -> Case:  # fmt: skip
        a, b = (people[x] for x in pairs[n % len(pairs)])
        kind, name, id_no, address = PARTIES[n % len(PARTIES)]
        start = date(2019, 4, 8) + timedelta(days=(n * 4) % 220)
        if start.weekday() >= 5:
            start += timedelta(days=7 - start.weekday())
        pool = [(v, lv) for v, lv in (large if hearing and large else small) if item_party(v.name) in ("", kind)]
        version, levels = pool[n % len(pool)]  # an item for 个人 is never applied to a company (nor 单位 to a person)
        level = next((lv for lv in levels if _fine(version, lv) >= 5000), levels[-1]) if hearing else levels[0]
        fine = _fine(version, level)
        case = services.register_lead(
            actor=a, body=town, source=["patrol", "complaint", "platform", "assigned"][n % 4],
            title=act_words(version.name)[:60], description=f"{start:%m月%d日}巡查或接报发现",
            place=PLACES[n % len(PLACES)], discovered_on=start, act_date=start - timedelta(days=n % 5), party_kind=kind,
            party_name=name, party_id_number=id_no, party_address=address,
            reporter="群众举报" if n % 4 == 1 else ("12345 监督平台" if n % 4 == 2 else ("区城管委" if n % 4 == 3 else "")),
        )  # fmt: skip
        if stage == "lead":
            return case
        d = start + timedelta(days=1)
        services.request_filing(actor=a, case=case, officers=[a, b], on=d)
        if stage == "filing":
            return case
        d += timedelta(days=1)
        services.approve_filing(actor=leader, case=case, on=d, opinion="同意立案调查。")
        if stage == "investigating":
            return case
        d += timedelta(days=2)
        act = services.record_act(
            actor=a, case=case, kind="inspection", on=d, place=case.place, officers=[a, b], person=name,
            content=f"执法人员出示执法证件后进行检查：{case.title}，当事人在场，对检查情况无异议。",
        )  # fmt: skip
        services.record_act(
            actor=a, case=case, kind="inquiry", on=d, place="辛口镇综合执法大队询问室", officers=[a, b], person=name,
            content="问：你是否知道该行为违法？\n答：知道了，愿意改正。",
        )  # fmt: skip
        if n % 3 == 0:
            services.add_evidence(
                actor=a, case=case, kind="audiovisual", title="现场照片", collected_on=d, act=act,
                upload=_Upload(f"现场照片{n}.jpg", PHOTO + str(n).encode()),
            )  # fmt: skip
        d += timedelta(days=3)
        services.propose(
            actor=a, case=case, on=d, facts=facts_words(name, case.act_date, case.place, case.title),
            evidence_summary="现场检查笔录、询问笔录、现场照片", outcome=outcome,
            power_version=version if outcome == "penalty" else None, benchmark_level=level if outcome == "penalty" else None,
            penalty_kinds="罚款" if outcome == "penalty" else "", fine_amount=fine if outcome == "penalty" else None,
            no_penalty_ground="初次违法、危害后果轻微并及时改正" if outcome == "minor" else "", serious=serious,
            difficult=failed_review,
        )  # fmt: skip
        if stage == "proposed":
            return case
        if outcome == "penalty":
            d += timedelta(days=1)
            services.notify(actor=a, case=case, on=d)
            if stage == "notified":
                return case
            if hearing:
                services.request_hearing(actor=a, case=case, on=d + timedelta(days=1))
                services.notify_hearing(
                    actor=a, case=case, on=d + timedelta(days=2), scheduled_on=d + timedelta(days=16),
                    place="辛口镇人民政府三楼会议室", presiding=people["hefang"] if "hefang" in people else leader,
                )  # fmt: skip
                services.hold_hearing(
                    actor=a, case=case, held_on=d + timedelta(days=16), party_signed=True,
                    record_text="调查人员提出违法事实、证据和处罚建议；当事人进行申辩和质证；双方最后陈述。",
                    presiding_opinion="违法事实清楚，证据确实充分，建议维持处罚建议。",
                )  # fmt: skip
                d += timedelta(days=17)
            elif n % 2:
                services.record_statement(
                    actor=a, case=case, on=d + timedelta(days=1), content="当事人称系初次违法，请求从轻。", adopted=False,
                    reply="经复核，已按裁量基准最低档次处罚，不予调整。",
                )  # fmt: skip
                d += timedelta(days=5)
            else:
                services.waive_rights(
                    actor=a, case=case, on=d + timedelta(days=1), note="当事人书面声明放弃陈述、申辩和听证"
                )
                d += timedelta(days=2)
        if serious:
            services.record_deliberation(
                actor=leader, case=case, held_on=d, attendees=["王建国", "镇长", "分管副镇长", "综合执法大队队长"],
                opinions=[{"name": "王建国", "opinion": "同意处理建议"}, {"name": "分管副镇长", "opinion": "建议再核实当事人经营状况", "dissent": True}],
                conclusion="同意按处理建议作出决定",
            )  # fmt: skip
        if services.review_reasons(case) or failed_review:
            services.submit_for_review(
                actor=a, case=case, on=d, summary="案卷材料：立案审批表、笔录、证据、告知及陈述申辩材料"
            )
            ok = {k: (True, "") for k in POINT_KEYS}
            if failed_review:
                give_opinion(
                    actor=reviewer, request=latest_round("enforcement.case", case.pk), conclusion="problems",
                    points={**ok, "documents": (False, "询问笔录缺少当事人签名页")}, opinion="请补正询问笔录签名后重新送审。",
                    on=d + timedelta(days=2),
                )  # fmt: skip
                if stage == "returned":
                    return case
                d += timedelta(days=3)
                services.submit_for_review(actor=a, case=case, on=d, summary="已补正询问笔录签名页，重新送审")
            if stage == "in_review":
                return case
            give_opinion(
                actor=reviewer, request=latest_round("enforcement.case", case.pk), points=ok, conclusion="agree",
                opinion="经审核，主体合法、程序合法、事实清楚、证据充分、适用法律正确、裁量适当，同意。", on=d + timedelta(days=2),
            )  # fmt: skip
            d += timedelta(days=3)
        d += timedelta(days=1)
        services.decide(actor=leader, case=case, on=d)
        if stage == "decided":
            return case
        if outcome == "transfer":
            services.generate_missing_documents(actor=a, case=case)
            return services.close_case(
                actor=a, case=case, on=d + timedelta(days=2), report="已移送公安机关，本案结案。"
            )
        served_on = d + timedelta(days=2)
        services.serve(
            actor=a,
            case=case,
            on=served_on,
            method="direct",
            recipient=name,
            proof="当事人在送达回证上签收",
            place=address,
        )
        case.refresh_from_db()
        if stage == "served":
            return case
        if case.fine_amount:
            if stage == "court":
                services.issue_demand(actor=a, case=case, on=case.payment_due_on + timedelta(days=3))
                apply_on = services.court_application_window(case)[0] + timedelta(days=5)
                if apply_on > clock.today():
                    return case  # the window opens after the demo's today (FAZHI_TODAY): the case waits for it
                return services.apply_to_court(actor=leader, case=case, on=apply_on, court="天津市西青区人民法院")
            late = n % 7 == 0
            services.record_payment(
                actor=a, case=case, paid_on=case.payment_due_on + timedelta(days=2 if late else -3), amount=case.fine_amount,
                receipt=f"津非税2019{n:05d}",
            )  # fmt: skip
        services.generate_missing_documents(actor=a, case=case)  # the file is complete before 结案 (118号 (九))
        case = services.close_case(
            actor=a, case=case, on=served_on + timedelta(days=25), report="处罚决定已执行完毕，建议结案。"
        )
        if archive:
            services.generate_missing_documents(actor=a, case=case, for_archive=True)  # 结案报告
            case = services.archive_case(actor=a, case=case, on=case.closed_on + timedelta(days=5))
        made["ordinary"] += 1
        return case

    plan = _plan()
    for n, (stage, options) in enumerate(plan):
        run(n, stage, **options)
    made["ordinary"] = len(plan)

    # 简易程序: on-the-spot fines under the 2017 caps (50 元 for a person, 1,000 元 for an organisation), each filed.
    pairs_people = [(people[a], people[b]) for a, b in pairs]
    for n in range(20):
        kind, name, id_no, address = PARTIES[n % len(PARTIES)]
        on = date(2019, 5, 6) + timedelta(days=n * 9)
        if on.weekday() >= 5:
            on += timedelta(days=7 - on.weekday())
        a, b = pairs_people[n % len(pairs_people)]
        fine = Decimal(50 if kind == "person" else 500) if n % 5 else None
        case = services.decide_on_the_spot(
            actor=a, body=town, on=on, place=PLACES[n % len(PLACES)], title="乱扔垃圾、随意倾倒废弃物",
            facts=f"{name}在{PLACES[n % len(PLACES)]}随意倾倒废弃物，经执法人员现场检查确认。",
            basis="《城市市容和环境卫生管理条例》第三十二条、第三十四条", party_kind=kind, party_name=name,
            party_id_number=id_no, party_address=address, officers=[a, b], penalty_kinds="罚款" if fine else "警告",
            fine_amount=fine, collected_on_spot=bool(fine and fine <= 20), receipt="",
        )  # fmt: skip
        services.file_summary_decision(actor=a, case=case, on=on + timedelta(days=1))
        if fine:
            services.record_payment(
                actor=a, case=case, paid_on=on + timedelta(days=5), amount=fine, receipt=f"津非税简{n:04d}"
            )
        if n % 4 != 3:
            services.close_case(actor=a, case=case, on=on + timedelta(days=10), report="当场处罚决定已备案并执行完毕。")
        made["summary"] += 1
    log(f"行政处罚案件：{made['ordinary']} 件普通程序案件、{made['summary']} 件简易程序案件（2019 年，辛口镇）。")
