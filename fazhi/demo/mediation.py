"""Demo step: 辛口镇's 2019 人民调解 — the town committee and three village committees (the roll), eight villages and
a community, 40 disputes across them (邻里, 婚姻家庭, 劳动报酬, 土地承包), 32 ending in an agreement (24 written, 8
oral), three failed, two referred (to the police and the 信访 office), one refused by a party, two still open at the
year's end; follow-ups, joint applications for 司法确认, the police told of the high-risk ones, and a 排查 each
quarter. Built through the services as the ``mediator`` login (杨秀英), so the chain verifies and she can work on
them. Names are invented. Tables: data/mediation_committees.csv, data/mediation_disputes.csv.
"""

from datetime import date, timedelta

from fazhi.core import clock
from fazhi.demo import data
from fazhi.mediation import services
from fazhi.mediation.models import Committee, Consent, Dispute, Gender, MemberRole
from fazhi.org.models import Body, User

TOWN_CODE = "XQ-XK"
VILLAGES = ["第六埠村", "小沙窝村", "大沙窝村", "上辛口村", "下辛口村", "水高庄村", "木厂村", "惠康家园社区"]
GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE}
ROLES = {label: value for value, label in MemberRole.choices}


def _committees(mediator, town, villages) -> dict[str, Committee]:
    grouped: dict[str, list[dict]] = {}
    for row in data.table("mediation_committees"):
        grouped.setdefault(row["committee"], []).append(row)
    made = {}
    for name, rows in grouped.items():
        first = rows[0]
        members = [
            {"name": r["name"], "gender": GENDERS[r["gender"]], "role": ROLES[r["role"]], "phone": r["phone"],
             "user": User.objects.get(username=r["login"]) if r["login"] else None}
            for r in rows
        ]  # fmt: skip
        made[first["village"] or "town"] = services.register_committee(
            actor=mediator, body=town, name=name, kind=first["kind"], community=villages.get(first["village"]),
            term_start=date.fromisoformat(first["term_start"]), members=members, address=f"{first['village'] or '辛口镇'}",
        )  # fmt: skip
    return made


def _party(side: str, name: str, n: int, village: str) -> dict:
    company = "公司" in name
    return {
        "side": side,
        "name": name,
        "id_number": f"91120111MA05{n:04d}XX" if company else f"1201111970{n % 12 + 1:02d}01{n:03d}{side.upper()}",
        "address": f"天津市西青区辛口镇{village}{n}号",
        "phone": f"1390201{n:04d}",
    }


def mediation_step(log) -> None:
    town = Body.objects.filter(code=TOWN_CODE).first()
    if town is None:
        log("人民调解：没有辛口镇（先运行组织步骤），跳过。")
        return
    if Dispute.objects.filter(body=town).exists():
        log("人民调解：演示数据已存在，跳过。")
        return
    mediator = User.objects.get(username="mediator")
    villages = {
        name: services.add_community(actor=mediator, body=town, name=name, kind="community" if "社区" in name else "village")
        for name in VILLAGES
    }  # fmt: skip
    committees = _committees(mediator, town, villages)
    counts = {"agreed": 0, "failed": 0, "referred": 0, "refused": 0, "open": 0}
    for row in data.table("mediation_disputes"):
        n, village = int(row["n"]), row["village"]
        registered = date.fromisoformat(row["registered_on"])
        days = int(row["days"])
        d = services.register_dispute(
            actor=mediator, body=town, registered_on=registered, kind=row["kind"], source=row["source"],
            community=villages[village], risk=row["risk"], summary=row["summary"], occurred_on=registered - timedelta(days=2),
            parties=[_party("a", row["applicant"], n, village), _party("b", row["respondent"], n + 100, village)],
        )  # fmt: skip
        outcome = row["outcome"]
        consent_on = registered + timedelta(days=1)
        parties = list(d.parties.order_by("side"))
        if outcome == "refused":
            services.record_consent(actor=mediator, dispute=d, party=parties[1], consent=Consent.REFUSED, on=consent_on)
            counts["refused"] += 1
            continue
        for party in parties:
            services.record_consent(actor=mediator, dispute=d, party=party, consent=Consent.AGREED, on=consent_on)
        if row["police"]:
            services.report_to_police(actor=mediator, dispute=d, on=consent_on, station="西青公安分局辛口派出所",
                                      reason="一方扬言报复，存在激化为治安案件的可能。")  # fmt: skip
        if outcome == "referred":
            to = "西青公安分局辛口派出所" if row["source"] == "police" else "西青区信访办"
            services.refer(actor=mediator, dispute=d, on=consent_on + timedelta(days=1), to=to,
                           reason="涉嫌违法犯罪，依法移交。" if "派出所" in to else "涉及多部门职责，转信访部门协调。")  # fmt: skip
            counts["referred"] += 1
            continue
        committee = committees.get(village) or committees["town"]
        chair = committee.members.get(role=MemberRole.CHAIR)
        accepted = consent_on + timedelta(days=1)
        services.accept(actor=mediator, dispute=d, on=accepted, committee=committee, mediator=chair)
        services.record_session(actor=mediator, dispute=d, held_on=accepted, place=f"{village}调解室",
                                record_text="听取双方陈述，释法明理，分别做工作。")  # fmt: skip
        if outcome == "open":
            counts["open"] += 1
            continue
        end = registered + timedelta(days=days)
        if outcome == "failed":
            services.fail(actor=mediator, dispute=d, on=end, reason="双方对赔偿数额分歧较大，经多次调解未能达成协议。",
                          routes=["litigation", "arbitration"] if row["kind"] in ("labour_pay", "land") else ["litigation"])  # fmt: skip
            counts["failed"] += 1
            continue
        due = end + timedelta(days=15)
        if outcome == "written":
            services.agree(
                actor=mediator, dispute=d, form="written", on=end, signed=True,
                facts=f"{row['summary']}，双方各执一词。", responsibilities="双方均有过错，被申请方负主要责任。",
                terms="被申请方向申请方赔礼道歉并支付补偿款；双方今后互谅互让。",
                performance_method="当面支付现金并由申请方出具收条", performance_due=due, performance_place=f"{village}村委会",
            )  # fmt: skip
        else:
            services.agree(actor=mediator, dispute=d, form="oral", on=end, terms="双方当场和解，被申请方赔礼道歉。")
        counts["agreed"] += 1
        if n % 4 == 0 and outcome == "written" and end + timedelta(days=10) <= clock.today():
            services.apply_for_confirmation(actor=mediator, dispute=d, on=end + timedelta(days=10),
                                            court="天津市西青区人民法院")  # fmt: skip
        # Follow-ups happen only up to the demo's date (FAZHI_TODAY): a later one is still to come.
        if n % 3 != 0 and due + timedelta(days=1) <= clock.today():
            services.follow_up(actor=mediator, dispute=d, kind="performance", on=due + timedelta(days=1),
                               performance="done", note="已按协议履行。")  # fmt: skip
        if n % 3 != 0 and due + timedelta(days=30) <= clock.today():
            services.follow_up(actor=mediator, dispute=d, kind="revisit", on=due + timedelta(days=30), performance="done",
                               note="回访：双方关系缓和，无反复。")  # fmt: skip
    for quarter_end in (date(2019, 3, 29), date(2019, 6, 28), date(2019, 9, 27), date(2019, 12, 27)):
        services.screen(actor=mediator, body=town, on=quarter_end, scope="全镇各村、社区",
                        findings="对较大、重大风险纠纷逐件研判，落实稳控责任人。")  # fmt: skip
    log(
        f"人民调解：4个调解委员会，{len(villages)}个村/社区，纠纷40件（调解成功{counts['agreed']}、调解不成{counts['failed']}、"
        f"移交{counts['referred']}、拒绝调解{counts['refused']}、未结{counts['open']}），排查4次。"
    )
