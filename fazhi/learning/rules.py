"""学法 and 普法 rules as data: yearly minimums, limits, the 普法 key-date calendar, with citations.

The yearly training-hours requirement is org's (``fazhi.org.rules.training_requirement``): attendance hours flow into
org's TrainingRecord, so it is not encoded again here.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.rules import UNVERIFIED, VERIFIED, AmountRule, register

DUCHA = "《法治政府建设与责任落实督察工作规定》"
DUCHA_FROM = date(2019, 4, 15)
TJ_PUFA = "《天津市法治宣传教育条例》"
TJ_PUFA_FROM = date(2023, 9, 1)

LECTURES_PER_YEAR = "learning.lectures_per_year"
PRE_MEETING_PER_YEAR = "learning.pre_meeting_per_year"
MAX_SESSION_HOURS = "learning.max_session_hours"
REMINDER_WORKING_DAYS = "learning.reminder_working_days"

register(
    AmountRule(
        key=LECTURES_PER_YEAR,
        name="每年法治专题讲座次数（不少于）",
        value=Decimal(2),
        unit="次",
        citation=f"{DUCHA}第八条第（七）项（政府）、第七条第（五）项（党委中心组）：每年至少举办2次法治专题讲座",
        effective_from=DUCHA_FROM,
        status=VERIFIED,
        setting_key=LECTURES_PER_YEAR,
        note="地方可提高要求，故可设置。",
    ),
    AmountRule(
        key=PRE_MEETING_PER_YEAR,
        name="每年行政办公会会前学法次数（不少于）",
        value=Decimal(12),
        unit="次",
        citation=f"{DUCHA}第八条第（七）项（“定期学法制度”，未规定次数）；默认每月一次为地方实践，未经核实",
        effective_from=DUCHA_FROM,
        status=UNVERIFIED,
        setting_key=PRE_MEETING_PER_YEAR,
    ),
    AmountRule(
        key=MAX_SESSION_HOURS,
        name="一次学法活动可计学时上限",
        value=Decimal(8),
        unit="学时",
        citation="干部教育培训学时计算惯例（一天不超过8学时），未经核实，可设置",
        status=UNVERIFIED,
        setting_key=MAX_SESSION_HOURS,
    ),
    AmountRule(
        key=REMINDER_WORKING_DAYS,
        name="普法重要节点提前提醒",
        value=Decimal(5),
        unit="个工作日",
        citation=f"{TJ_PUFA}第二十三条（国家宪法日、宪法宣传周及法律颁布实施日、纪念日、主题日集中宣传）；提前天数为本系统设置",
        status=UNVERIFIED,
        setting_key=REMINDER_WORKING_DAYS,
    ),
)


@dataclass(frozen=True)
class KeyDateSpec:
    """A key date of the 普法 calendar. ``nth``/``weekday`` for 'the 3rd Saturday of September' (weekday 1 = Monday)."""

    key: str
    name: str
    month: int
    citation: str
    verified: bool
    day: int | None = None
    nth: int | None = None
    weekday: int | None = None
    span_days: int = 1


KEY_DATES: tuple[KeyDateSpec, ...] = (
    KeyDateSpec(
        "constitution_day", "国家宪法日", 12,
        "《全国人民代表大会常务委员会关于设立国家宪法日的决定》（2014年11月1日）：将12月4日设立为国家宪法日；"
        f"{TJ_PUFA}第二十三条", True, day=4,
    ),
    KeyDateSpec(
        "constitution_week", "宪法宣传周", 12,
        f"{TJ_PUFA}第二十三条（宪法宣传周）；起止日期按当年通知，默认12月1日至7日，未经核实", False, day=1, span_days=7,
    ),
    KeyDateSpec(
        "national_security", "全民国家安全教育日", 4,
        "《中华人民共和国国家安全法》第十四条：每年4月15日为全民国家安全教育日", True, day=15,
    ),
    KeyDateSpec("environment_day", "环境日", 6, "《中华人民共和国环境保护法》第十二条：每年6月5日为环境日", True, day=5),
    KeyDateSpec(
        "martyrs_day", "烈士纪念日", 9, "《中华人民共和国英雄烈士保护法》第五条：每年9月30日为烈士纪念日", True, day=30,
    ),
    KeyDateSpec(
        "defence_education", "全民国防教育日", 9, "《中华人民共和国国防教育法》第十二条：每年九月的第三个星期六为全民国防教育日",
        True, nth=3, weekday=6,
    ),
    KeyDateSpec("consumer_day", "国际消费者权益日", 3, "国际性节日，无国内法依据，未经核实", False, day=15),
    KeyDateSpec("ip_day", "世界知识产权日", 4, "世界知识产权组织确定，未经核实", False, day=26),
    KeyDateSpec("disaster_day", "全国防灾减灾日", 5, "国务院批复（2009年），未经核实", False, day=12),
    KeyDateSpec("anti_drug_day", "国际禁毒日", 6, "联合国确定，未经核实", False, day=26),
    KeyDateSpec("fire_day", "全国消防日", 11, "地方实践，未经核实", False, day=9),
)  # fmt: skip

# Activities and reports
REPORT_CITATION = f"{TJ_PUFA}第十条第三款：国家机关应当向主管部门报告上一年度普法责任制落实情况"
DUTY_LIST_CITATION = (
    f"{TJ_PUFA}第十条第一款（普法责任清单）；中办、国办《关于实行国家机关“谁执法谁普法”普法责任制的意见》"
)
CASE_CITATION = f"{TJ_PUFA}第十五条（以案释法）"
STUDY_CITATION = f"{TJ_PUFA}第十六条（国家工作人员日常学法、集体学法、决策前学法）；{DUCHA}第八条第（七）项"
