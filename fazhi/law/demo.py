"""Demo: the law library and about 40 power items for 辛口镇综合执法大队, each tied to real articles.

The penalty ranges are the statutory ones read from the shipped texts; where a national text sets no amount
(城市市容和环境卫生管理条例, 城市绿化条例), the benchmark amounts are illustrative and say so. Two items are
deliberately defective so the health check has something to report: XK-CF-090 (no discretion benchmark) and
XK-QT-099 (no legal basis).
"""

from __future__ import annotations

from decimal import Decimal

from fazhi.law.services import LevelSpec, PowerSpec, create_power_item, load_library

TEAM_CODE = "XQ-XK-ZFDD"
RESPONSIBLE = "辛口镇综合执法大队"
DEVOLVED_DOC = "天津市向乡镇（街道）下放行政执法权的赋权决定（演示数据，文号以正式公布的文件为准）"
FIRST_OFFENCE = "初次违法且危害后果轻微并及时改正的，可以不予行政处罚（《行政处罚法》第三十三条第一款）"
ACCOUNTABILITY = (
    "不履行或者无正当理由拖延履行职责的；违反法定程序实施处罚的；擅自改变处罚种类、幅度的；"
    "徇私枉法、包庇纵容违法行为的（《行政处罚法》第七十六条、第八十三条）"
)


def _yuan(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def benchmark(low, high, *, other_light: str = "", other_heavy: str = "", note: str = "") -> list[LevelSpec]:
    """Four ordered levels: 轻微 (no penalty under Art. 33), 一般, 较重, 严重, splitting the fine range 30/40/30."""
    low, high = _yuan(low), _yuan(high)
    span = high - low
    cut1 = (low + span * Decimal("0.3")).quantize(Decimal("1"))
    cut2 = (low + span * Decimal("0.7")).quantize(Decimal("1"))
    suffix = f"（{note}）" if note else ""
    return [
        LevelSpec("轻微", FIRST_OFFENCE, None, None, ""),
        LevelSpec("一般", "首次违法，经责令后及时改正，未造成明显危害后果" + suffix, low, cut1, other_light),
        LevelSpec(
            "较重", "经责令改正后仍未改正，或者在一年内再次违法，或者造成一定危害后果" + suffix, cut1, cut2, other_light
        ),
        LevelSpec("严重", "拒不改正、多次违法，或者造成严重危害后果、恶劣社会影响" + suffix, cut2, high, other_heavy),
    ]


def penalty(code, name, *, basis, violated, penalty_, low=None, high=None, other="", levels=None, devolved=True):
    has_fine = any(lv.fine_min is not None or lv.fine_max is not None for lv in levels or [])
    unit = "yuan" if (low is not None or high is not None or has_fine) else ""
    return (
        code,
        PowerSpec(
            name=name,
            category="penalty",
            responsible_unit=RESPONSIBLE,
            devolved=devolved,
            devolving_document=DEVOLVED_DOC if devolved else "",
            accountability=ACCOUNTABILITY,
            basis=basis,
            violated=violated,
            penalty=penalty_,
            statutory_fine_unit=unit,
            statutory_fine_min=_yuan(low),
            statutory_fine_max=_yuan(high),
            statutory_other=other,
            levels=levels if levels is not None else (benchmark(low, high) if low is not None else []),
        ),
    )


def other_power(code, name, category, *, basis, devolved=False, accountability=ACCOUNTABILITY):
    return (
        code,
        PowerSpec(
            name=name,
            category=category,
            responsible_unit=RESPONSIBLE,
            devolved=devolved,
            devolving_document=DEVOLVED_DOC if devolved else "",
            accountability=accountability,
            basis=basis,
        ),
    )


RONG = "《城市市容和环境卫生管理条例》"
ROAD = "《城市道路管理条例》"
AIR = "《大气污染防治法》"
WASTE = "《固体废物污染环境防治法》"
GREEN = "《城市绿化条例》"
PLAN = "《城乡规划法》"
ILLUSTRATIVE = "罚款数额由地方规定，本档数额为演示"


def _rong(code, name, item_no, violated):
    return penalty(
        code,
        name,
        basis=[f"{RONG}第三十四条第一款第{item_no}项"],
        violated=violated,
        penalty_=[f"{RONG}第三十四条第一款第{item_no}项"],
        low=None,
        high=None,
        other="警告",
        levels=[
            LevelSpec("轻微", FIRST_OFFENCE, None, None, ""),
            LevelSpec("一般", f"首次违法，经责令后及时纠正（{ILLUSTRATIVE}）", None, None, "警告"),
            LevelSpec("较重", f"经责令后仍未纠正或一年内再次违法（{ILLUSTRATIVE}）", _yuan(20), _yuan(100), "警告"),
            LevelSpec("严重", f"拒不纠正或造成严重影响（{ILLUSTRATIVE}）", _yuan(100), _yuan(500), "警告"),
        ],
    )


POWER_ITEMS: list[tuple[str, PowerSpec]] = [
    # 城乡规划 — the town's own statutory power (城乡规划法 第六十五条), not devolved.
    penalty(
        "XK-CF-001",
        "对在乡、村庄规划区内未依法取得乡村建设规划许可证进行建设的行政处罚（责令停止建设、限期改正）",
        basis=[f"{PLAN}第六十五条"],
        violated=[f"{PLAN}第四十一条第一款"],
        penalty_=[f"{PLAN}第六十五条"],
        other="责令停止建设、限期改正、拆除",
        levels=[
            LevelSpec("一般", "尚在施工、经责令后停止建设并在期限内自行改正的", None, None, "责令停止建设、限期改正"),
            LevelSpec("严重", "逾期不改正的", None, None, "拆除"),
        ],
        devolved=False,
    ),
    penalty(
        "XK-CF-002",
        "对未按照乡村建设规划许可证的规定进行建设的行政处罚",
        basis=[f"{PLAN}第六十五条"],
        violated=[f"{PLAN}第四十一条第四款"],
        penalty_=[f"{PLAN}第六十五条"],
        other="责令停止建设、限期改正、拆除",
        levels=[
            LevelSpec("一般", "超出许可内容较少、经责令后在期限内改正的", None, None, "责令停止建设、限期改正"),
            LevelSpec("严重", "逾期不改正的", None, None, "拆除"),
        ],
        devolved=False,
    ),
    # 城市市容和环境卫生管理条例 第三十四条, items (一)–(七).
    _rong("XK-CF-010", "对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚", "一", [f"{RONG}第三十二条"]),
    _rong(
        "XK-CF-011",
        "对在建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品的行政处罚",
        "二",
        [f"{RONG}第十七条"],
    ),
    _rong(
        "XK-CF-012",
        "对在临街建筑物的阳台和窗外堆放、吊挂有碍市容物品的行政处罚",
        "三",
        [f"{RONG}第三十四条第一款第三项"],
    ),
    _rong("XK-CF-013", "对不按规定的时间、地点、方式倾倒垃圾、粪便的行政处罚", "四", [f"{RONG}第三十四条第一款第四项"]),
    _rong("XK-CF-014", "对不履行卫生责任区清扫保洁义务的行政处罚", "五", [f"{RONG}第三十四条第一款第五项"]),
    _rong("XK-CF-015", "对运输液体、散装货物不作密封、包扎、覆盖造成泄漏、遗撒的行政处罚", "六", [f"{RONG}第十五条"]),
    _rong("XK-CF-016", "对临街工地不设置护栏或者不作遮挡、竣工后不及时清理场地的行政处罚", "七", [f"{RONG}第十六条"]),
    penalty(
        "XK-CF-017",
        "对饲养家畜家禽影响市容和环境卫生的行政处罚",
        basis=[f"{RONG}第三十五条"],
        violated=[f"{RONG}第三十三条"],
        penalty_=[f"{RONG}第三十五条"],
        other="责令限期处理、没收",
        levels=[
            LevelSpec("一般", f"经责令后在期限内处理的（{ILLUSTRATIVE}）", None, None, "责令限期处理"),
            LevelSpec("严重", f"逾期不处理的（{ILLUSTRATIVE}）", _yuan(50), _yuan(200), "没收"),
        ],
    ),
    penalty(
        "XK-CF-018",
        "对未经批准擅自设置大型户外广告影响市容的行政处罚",
        basis=[f"{RONG}第三十六条第一款第一项"],
        violated=[f"{RONG}第三十六条第一款第一项"],
        penalty_=[f"{RONG}第三十六条第一款第一项"],
        low=None,
        other="责令停止违法行为、限期清理、拆除",
        levels=[
            LevelSpec(
                "一般", f"经责令后在期限内自行拆除的（{ILLUSTRATIVE}）", None, None, "责令停止违法行为、限期清理、拆除"
            ),
            LevelSpec("严重", f"逾期不拆除的（{ILLUSTRATIVE}）", _yuan(1000), _yuan(5000), "限期清理、拆除"),
        ],
    ),
    penalty(
        "XK-CF-019",
        "对擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施的行政处罚",
        basis=[f"{RONG}第三十六条第一款第二项"],
        violated=[f"{RONG}第十四条"],
        penalty_=[f"{RONG}第三十六条第一款第二项"],
        other="责令停止违法行为、限期清理、拆除",
        levels=[
            LevelSpec(
                "一般",
                f"经责令后在期限内清理、拆除的（{ILLUSTRATIVE}）",
                None,
                None,
                "责令停止违法行为、限期清理、拆除",
            ),
            LevelSpec("严重", f"逾期不清理、不拆除的（{ILLUSTRATIVE}）", _yuan(500), _yuan(3000), "限期清理、拆除"),
        ],
    ),
    penalty(
        "XK-CF-020",
        "对擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁的行政处罚",
        basis=[f"{RONG}第三十六条第一款第三项"],
        violated=[f"{RONG}第三十六条第一款第三项"],
        penalty_=[f"{RONG}第三十六条第一款第三项"],
        other="责令停止违法行为、采取其他补救措施",
        levels=[
            LevelSpec(
                "一般", f"及时采取补救措施的（{ILLUSTRATIVE}）", None, None, "责令停止违法行为、采取其他补救措施"
            ),
            LevelSpec("严重", f"拒不采取补救措施的（{ILLUSTRATIVE}）", _yuan(1000), _yuan(5000), "采取其他补救措施"),
        ],
    ),
    penalty(
        "XK-CF-021",
        "对损坏环境卫生设施及其附属设施的行政处罚",
        basis=[f"{RONG}第三十八条"],
        violated=[f"{RONG}第三十八条"],
        penalty_=[f"{RONG}第三十八条"],
        other="责令恢复原状",
        levels=[
            LevelSpec("一般", f"及时恢复原状的（{ILLUSTRATIVE}）", None, None, "责令恢复原状"),
            LevelSpec("严重", f"拒不恢复原状的（{ILLUSTRATIVE}）", _yuan(200), _yuan(1000), "责令恢复原状"),
        ],
    ),
    # 城市道路管理条例 第四十二条 (占道、挖掘…), fine up to 2万元.
    penalty(
        "XK-CF-030",
        "对擅自占用或者挖掘城市道路的行政处罚",
        basis=[f"{ROAD}第四十二条"],
        violated=[f"{ROAD}第二十七条第一款第一项", f"{ROAD}第三十条"],
        penalty_=[f"{ROAD}第四十二条"],
        low=0,
        high=20000,
        other="责令限期改正",
        levels=benchmark(0, 20000, other_light="责令限期改正", other_heavy="责令限期改正"),
    ),
    penalty(
        "XK-CF-031",
        "对擅自在城市道路上建设建筑物、构筑物的行政处罚",
        basis=[f"{ROAD}第四十二条"],
        violated=[f"{ROAD}第二十七条第一款第四项"],
        penalty_=[f"{ROAD}第四十二条"],
        low=0,
        high=20000,
        other="责令限期改正",
        levels=benchmark(0, 20000, other_light="责令限期改正", other_heavy="责令限期改正"),
    ),
    penalty(
        "XK-CF-032",
        "对擅自在桥梁或者路灯设施上设置广告牌或者其他挂浮物的行政处罚",
        basis=[f"{ROAD}第四十二条"],
        violated=[f"{ROAD}第二十七条第一款第六项"],
        penalty_=[f"{ROAD}第四十二条"],
        low=0,
        high=20000,
        other="责令限期改正",
    ),
    penalty(
        "XK-CF-033",
        "对未在城市道路施工现场设置明显标志和安全防围设施的行政处罚",
        basis=[f"{ROAD}第四十二条第一款第二项"],
        violated=[f"{ROAD}第三十五条"],
        penalty_=[f"{ROAD}第四十二条第一款第二项"],
        low=0,
        high=20000,
        other="责令限期改正",
    ),
    penalty(
        "XK-CF-034",
        "对占用城市道路期满或者挖掘城市道路后不及时清理现场的行政处罚",
        basis=[f"{ROAD}第四十二条第一款第三项"],
        violated=[f"{ROAD}第三十一条第二款"],
        penalty_=[f"{ROAD}第四十二条第一款第三项"],
        low=0,
        high=20000,
        other="责令限期改正",
    ),
    penalty(
        "XK-CF-035",
        "对未按照批准的位置、面积、期限占用或者挖掘城市道路的行政处罚",
        basis=[f"{ROAD}第四十二条第一款第六项"],
        violated=[f"{ROAD}第三十六条"],
        penalty_=[f"{ROAD}第四十二条第一款第六项"],
        low=0,
        high=20000,
        other="责令限期改正",
    ),
    # 大气污染防治法.
    penalty(
        "XK-CF-040",
        "对露天焚烧秸秆、落叶等产生烟尘污染物质的行政处罚",
        basis=[f"{AIR}第一百一十九条第一款"],
        violated=[f"{AIR}第七十七条"],
        penalty_=[f"{AIR}第一百一十九条第一款"],
        low=500,
        high=2000,
        other="责令改正",
    ),
    penalty(
        "XK-CF-041",
        "对在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾等物质的行政处罚（个人）",
        basis=[f"{AIR}第一百一十九条第二款"],
        violated=[f"{AIR}第八十二条第一款"],
        penalty_=[f"{AIR}第一百一十九条第二款"],
        low=500,
        high=2000,
        other="责令改正",
    ),
    penalty(
        "XK-CF-042",
        "对在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾等物质的行政处罚（单位）",
        basis=[f"{AIR}第一百一十九条第二款"],
        violated=[f"{AIR}第八十二条第一款"],
        penalty_=[f"{AIR}第一百一十九条第二款"],
        low=10000,
        high=100000,
        other="责令改正",
    ),
    penalty(
        "XK-CF-043",
        "对在禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地的行政处罚",
        basis=[f"{AIR}第一百一十八条第三款"],
        violated=[f"{AIR}第八十一条第三款"],
        penalty_=[f"{AIR}第一百一十八条第三款"],
        low=500,
        high=20000,
        other="责令改正、没收烧烤工具、没收违法所得",
        levels=benchmark(
            500, 20000, other_light="没收烧烤工具、没收违法所得", other_heavy="没收烧烤工具、没收违法所得"
        ),
    ),
    penalty(
        "XK-CF-044",
        "对餐饮服务业经营者未安装油烟净化设施或者不正常使用、超标排放油烟的行政处罚",
        basis=[f"{AIR}第一百一十八条第一款"],
        violated=[f"{AIR}第八十一条第一款"],
        penalty_=[f"{AIR}第一百一十八条第一款"],
        low=5000,
        high=50000,
        other="责令改正、责令停业整治",
        levels=benchmark(5000, 50000, other_heavy="责令停业整治"),
    ),
    penalty(
        "XK-CF-045",
        "对未密闭易产生扬尘的物料或者未采取有效覆盖措施防治扬尘污染的行政处罚",
        basis=[f"{AIR}第一百一十七条第一款第二项"],
        violated=[f"{AIR}第一百一十七条第一款第一项"],
        penalty_=[f"{AIR}第一百一十七条第一款第二项"],
        low=10000,
        high=100000,
        other="责令改正、责令停工整治、责令停业整治",
        levels=benchmark(10000, 100000, other_heavy="责令停工整治"),
    ),
    # 固体废物污染环境防治法 第一百一十一条.
    penalty(
        "XK-CF-050",
        "对个人随意倾倒、抛撒、堆放或者焚烧生活垃圾的行政处罚",
        basis=[f"{WASTE}第一百一十一条第二款"],
        violated=[f"{WASTE}第四十九条第二款"],
        penalty_=[f"{WASTE}第一百一十一条第二款"],
        low=100,
        high=500,
        other="责令改正、没收违法所得",
    ),
    penalty(
        "XK-CF-051",
        "对单位随意倾倒、抛撒、堆放或者焚烧生活垃圾的行政处罚",
        basis=[f"{WASTE}第一百一十一条第二款"],
        violated=[f"{WASTE}第四十九条第二款"],
        penalty_=[f"{WASTE}第一百一十一条第二款"],
        low=50000,
        high=500000,
        other="责令改正、没收违法所得",
    ),
    penalty(
        "XK-CF-052",
        "对工程施工单位擅自倾倒、抛撒或者堆放建筑垃圾的行政处罚",
        basis=[f"{WASTE}第一百一十一条第一款第四项"],
        violated=[f"{WASTE}第二十条第一款"],
        penalty_=[f"{WASTE}第一百一十一条第二款"],
        low=100000,
        high=1000000,
        other="责令改正、没收违法所得",
    ),
    penalty(
        "XK-CF-053",
        "对在运输过程中沿途丢弃、遗撒生活垃圾的行政处罚（个人）",
        basis=[f"{WASTE}第一百一十一条第一款第七项"],
        violated=[f"{WASTE}第二十条第一款"],
        penalty_=[f"{WASTE}第一百一十一条第二款"],
        low=100,
        high=500,
        other="责令改正、没收违法所得",
    ),
    # 城市绿化条例.
    penalty(
        "XK-CF-060",
        "对损坏城市树木花草的行政处罚",
        basis=[f"{GREEN}第二十六条第一款第一项"],
        violated=[f"{GREEN}第二十条第一款"],
        penalty_=[f"{GREEN}第二十六条第一款第一项"],
        other="责令停止侵害",
        levels=[
            LevelSpec("一般", f"损坏较少并及时停止的（{ILLUSTRATIVE}）", None, None, "责令停止侵害"),
            LevelSpec("严重", f"损坏较多或拒不停止的（{ILLUSTRATIVE}）", _yuan(200), _yuan(2000), "责令停止侵害"),
        ],
    ),
    penalty(
        "XK-CF-061",
        "对擅自砍伐城市树木的行政处罚",
        basis=[f"{GREEN}第二十六条第一款第二项"],
        violated=[f"{GREEN}第二十条第二款"],
        penalty_=[f"{GREEN}第二十六条第一款第二项"],
        other="责令停止侵害",
        levels=[
            LevelSpec("一般", f"砍伐数量少并补植的（{ILLUSTRATIVE}）", _yuan(500), _yuan(2000), "责令停止侵害"),
            LevelSpec("严重", f"砍伐数量多或拒不补植的（{ILLUSTRATIVE}）", _yuan(2000), _yuan(10000), "责令停止侵害"),
        ],
    ),
    penalty(
        "XK-CF-062",
        "对擅自占用城市绿化用地的行政处罚",
        basis=[f"{GREEN}第二十七条"],
        violated=[f"{GREEN}第十九条第一款"],
        penalty_=[f"{GREEN}第二十七条"],
        other="责令限期退还、恢复原状",
        levels=[
            LevelSpec("一般", f"在期限内退还并恢复原状的（{ILLUSTRATIVE}）", None, None, "责令限期退还、恢复原状"),
            LevelSpec(
                "严重",
                f"逾期不退还或不恢复原状的（{ILLUSTRATIVE}）",
                _yuan(1000),
                _yuan(10000),
                "责令限期退还、恢复原状",
            ),
        ],
    ),
    # Deliberately defective: a penalty item without a discretion benchmark.
    penalty(
        "XK-CF-090",
        "对损坏城市绿化设施的行政处罚",
        basis=[f"{GREEN}第二十六条第一款第四项"],
        violated=[f"{GREEN}第二十条第一款"],
        penalty_=[f"{GREEN}第二十六条第一款第四项"],
        other="责令停止侵害",
        levels=[],
    ),
    # 行政强制.
    other_power(
        "XK-QZ-001",
        "对逾期不改正的乡村违法建设予以拆除（行政强制执行）",
        "coercion",
        basis=[f"{PLAN}第六十五条", "《行政强制法》第四十四条"],
    ),
    other_power(
        "XK-QZ-002",
        "对违反城市市容管理擅自搭建的设施逾期不拆除的强制拆除",
        "coercion",
        basis=[f"{RONG}第三十七条", "《行政强制法》第四十四条"],
        devolved=True,
    ),
    other_power(
        "XK-QZ-003",
        "对露天烧烤工具的查封、扣押（行政强制措施）",
        "coercion",
        basis=[f"{AIR}第一百一十八条第三款", "《行政强制法》第九条第一款第二项"],
        devolved=True,
    ),
    # 行政检查 — the random-inspection list (双随机抽查事项).
    other_power("XK-JC-001", "对乡、村庄规划区内建设活动的监督检查", "inspection", basis=[f"{PLAN}第六十五条"]),
    other_power(
        "XK-JC-002",
        "对城市市容和环境卫生责任区的监督检查",
        "inspection",
        basis=[f"{RONG}第三十四条第一款第五项"],
        devolved=True,
    ),
    other_power(
        "XK-JC-003",
        "对餐饮服务业油烟排放的监督检查",
        "inspection",
        basis=[f"{AIR}第八十一条第一款"],
        devolved=True,
    ),
    other_power(
        "XK-JC-004",
        "对秸秆、落叶露天焚烧的巡查检查",
        "inspection",
        basis=[f"{AIR}第七十七条"],
        devolved=True,
    ),
    other_power(
        "XK-JC-005",
        "对城市道路占用、挖掘情况的监督检查",
        "inspection",
        basis=[f"{ROAD}第三十六条"],
        devolved=True,
    ),
    other_power(
        "XK-JC-006",
        "对生活垃圾分类投放的监督检查",
        "inspection",
        basis=[f"{WASTE}第四十九条第二款"],
        devolved=True,
    ),
    # Deliberately defective: an item entered without any legal basis.
    other_power("XK-QT-099", "对沿街商户“门前三包”责任落实情况的考评", "other", basis=[]),
]


def law_step(log) -> None:
    """Load the shipped law library, then the power list of 辛口镇综合执法大队 (idempotent: skips what exists)."""
    from fazhi.law.models import PowerItem
    from fazhi.org.models import Body

    report = load_library(actor=None)
    log(f"法规库：{report.summary()}")
    team = Body.objects.filter(code=TEAM_CODE).first()
    if team is None:
        log(f"权责清单：没有机构代码为 {TEAM_CODE} 的执法大队，跳过。")
        return
    existing = set(PowerItem.objects.filter(body=team).values_list("code", flat=True))
    created = 0
    for code, spec in POWER_ITEMS:
        if code in existing:
            continue
        create_power_item(actor=None, body=team, code=code, spec=spec)
        created += 1
    log(f"权责清单：{team.name} 新增 {created} 项，已存在 {len(existing)} 项（其中 2 项故意留有缺陷，供体检演示）。")
