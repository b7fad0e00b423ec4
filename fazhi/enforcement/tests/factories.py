"""Small explicit fixtures for enforcement: the shared world's town (fazhi.org.tests.factories.World) with certified
officers, a leader, reviewers, a power item with its discretion levels (through the law app's services, on a small
burning rule shaped like 大气污染防治法), and a helper that walks a case through the ordinary procedure to a named
stage."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.access import Role
from fazhi.enforcement import services
from fazhi.law.services import LevelSpec, PowerSpec, SourceText, create_power_item, load_texts
from fazhi.org.tests.factories import World, make_person

_seq = itertools.count(1)
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64


def jpeg(name="现场照片.jpg", data=JPEG):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def video(name="执法记录仪.mp4"):
    return SimpleUploadedFile(name, MP4, content_type="video/mp4")


# A two-article local rule with the shape of 大气污染防治法 第七十七条/第一百一十九条: loading the whole shipped
# statute for every test costs seconds; the workflow only needs a violated and a penalty provision that resolve.
BURNING_RULE = """# 天津市辛口镇焚烧测试规定

2017年12月1日 天津市人民政府令第99号公布

2018年1月1日 施行

<!-- INFO END -->

第一条 禁止在本镇行政区域内露天焚烧秸秆、落叶等产生烟尘污染的物质。

第二条 违反本规定第一条，露天焚烧秸秆、落叶等产生烟尘污染的物质的，由乡镇人民政府责令改正，并可以处五百元以上二千元以下的罚款。
"""
RULE_TITLE = "天津市辛口镇焚烧测试规定"


def load_air_law():
    source = SourceText(
        text=BURNING_RULE, source_name="测试/焚烧测试规定.md", level="local_rule", region="天津市",
        version_date=date(2017, 12, 1),
    )  # fmt: skip
    return load_texts(actor=None, sources=[source])


def person(body, *roles, name="张", certified=False):
    return make_person(body, *roles, last_name=name, certified=certified)


def qualified(user):
    """A reviewer with a 法律职业资格 (行政处罚法 第五十八条第二款 for a first review after 2021-07-15)."""
    from fazhi.org.services import record_legal_qualification

    return record_legal_qualification(
        actor=None, user=user, number=f"A2019{user.pk:08d}", obtained_on=date(2019, 9, 1), legal_background=True
    )


def burning_spec():
    return PowerSpec(
        name="对露天焚烧秸秆、落叶等产生烟尘污染物质的行政处罚",
        category="penalty",
        responsible_unit="综合执法大队",
        basis=[f"《{RULE_TITLE}》第二条"],
        violated=[f"《{RULE_TITLE}》第一条"],
        penalty=[f"《{RULE_TITLE}》第二条"],
        statutory_fine_unit="yuan",
        statutory_fine_min=Decimal("500"),
        statutory_fine_max=Decimal("2000"),
        levels=[
            LevelSpec("轻微", "首次发现，焚烧面积小，及时熄灭", Decimal("500"), Decimal("800")),
            LevelSpec("一般", "焚烧面积较大或经劝阻后继续", Decimal("800"), Decimal("1500")),
            LevelSpec("严重", "造成严重污染或拒不改正", Decimal("1500"), Decimal("2000")),
        ],
    )


def make_world():
    """The shared world's 辛口镇 (its team and 司法所) and 张家窝镇, the burning rule with its power item, and the
    people a case needs: a leader, three certified officers and one without a certificate, a legal reviewer, a
    colleague without any role, and an outsider of 张家窝镇 holding every role a case step asks for."""
    load_air_law()
    world = World()
    team, office, other = world.team, world.justice, world.other_town
    item = create_power_item(actor=None, body=team, code=f"XK-CF-{next(_seq):03d}", spec=burning_spec())
    version = item.current
    levels = list(version.benchmark_levels.order_by("order"))
    return SimpleNamespace(
        district=world.district,
        town=world.town,
        team=team,
        other=other,
        leader=person(world.town, Role.LEADER, name="王"),
        officer1=person(team, Role.OFFICER, name="张", certified=True),
        officer2=person(team, Role.OFFICER, name="李", certified=True),
        officer3=person(team, Role.OFFICER, name="赵", certified=True),
        uncertified=person(team, Role.OFFICER, name="徐"),
        reviewer=qualified(person(office, Role.LEGAL_REVIEWER, name="刘")),
        colleague=person(office, name="陈"),
        outsider=person(other, Role.OFFICER, Role.LEADER, Role.LEGAL_REVIEWER, name="曹", certified=True),
        version=version,
        levels=levels,
    )


STAGES = ["lead", "filing", "investigating", "proposed", "notified", "ready", "decided", "served", "executed", "closed"]


def case_at(w, stage: str, *, year: int = 2022, fine=Decimal("600"), party_kind="person", **propose_extra):
    """A burning case walked through the services to ``stage`` (dates in March–April of ``year``)."""
    d = lambda m, day: date(year, m, day)  # noqa: E731
    case = services.register_lead(
        actor=w.officer1,
        body=w.town,
        source="patrol",
        title="露天焚烧秸秆",
        description="巡查发现辛口镇某村东侧田地露天焚烧秸秆",
        place="辛口镇某村东侧田地",
        discovered_on=d(3, 1),
        act_date=d(3, 1),
        party_kind=party_kind,
        party_name="孙某某" if party_kind == "person" else "天津某某农业有限公司",
        party_address="天津市西青区辛口镇某村",
        party_id_number="120111198001010000",
    )
    if stage == "lead":
        return case
    case = services.request_filing(actor=w.officer1, case=case, officers=[w.officer1, w.officer2], on=d(3, 2))
    if stage == "filing":
        return case
    case = services.approve_filing(actor=w.leader, case=case, on=d(3, 3))
    if stage == "investigating":
        return case
    act = services.record_act(
        actor=w.officer1,
        case=case,
        kind="inspection",
        on=d(3, 4),
        place="辛口镇某村东侧田地",
        officers=[w.officer1, w.officer2],
        content="现场有焚烧痕迹约二百平方米，当事人在场。",
        person="孙某某",
    )
    services.add_evidence(
        actor=w.officer1, case=case, kind="audiovisual", title="现场照片", collected_on=d(3, 4), upload=jpeg(), act=act
    )
    level = w.levels[0] if fine <= 800 else w.levels[1] if fine <= 1500 else w.levels[2]
    case = services.propose(
        actor=w.officer1,
        case=case,
        on=d(3, 8),
        facts="当事人于某日在辛口镇某村东侧田地露天焚烧秸秆约二百平方米。",
        evidence_summary="现场检查笔录、现场照片。",
        outcome="penalty",
        power_version=w.version,
        benchmark_level=level,
        penalty_kinds="罚款",
        fine_amount=fine,
        **propose_extra,
    )
    if stage == "proposed":
        return case
    case = services.notify(actor=w.officer1, case=case, on=d(3, 9))
    if stage == "notified":
        return case
    case = services.waive_rights(actor=w.officer1, case=case, on=d(3, 10), note="当事人书面声明放弃陈述申辩")
    if services.review_reasons(case):
        case = services.submit_for_review(actor=w.officer1, case=case, on=d(3, 11), summary="案卷全部材料")
        from fazhi.review.services import give_opinion

        give_opinion(
            actor=w.reviewer, request=case_review(case), points=all_ok(), conclusion="agree", opinion="", on=d(3, 14)
        )
        case.refresh_from_db()
    else:
        case = services.ready_for_decision(actor=w.officer1, case=case, on=d(3, 11))
    if stage == "ready":
        return case
    case = services.decide(actor=w.leader, case=case, on=d(3, 15))
    if stage == "decided":
        return case
    services.serve(
        actor=w.officer1, case=case, on=d(3, 15), method="on_the_spot", recipient="孙某某", proof="当事人签收"
    )
    case.refresh_from_db()
    if stage == "served":
        return case
    services.record_payment(actor=w.officer1, case=case, paid_on=d(3, 20), amount=case.fine_amount, receipt="B-001")
    case.refresh_from_db()
    if stage == "executed":
        return case
    services.generate_missing_documents(actor=w.officer1, case=case)  # 立案审批表, 笔录, 送达回证 … (118号 (九))
    case = services.close_case(actor=w.officer1, case=case, on=d(3, 21), report="罚款已缴清，建议结案。")
    return case


def case_review(case):
    from fazhi.review.selectors import latest_round

    return latest_round("enforcement.case", case.pk)


def all_ok(**failing):
    from fazhi.review.rules import POINT_KEYS

    return {key: (key not in failing, failing.get(key, "")) for key in POINT_KEYS}
