"""Supervision periods and thresholds as data, with their citations (DOMAIN.md §7, §14).

The periods of a 监督事项 are the Tianjin rule's (天津市行政执法监督规定, 市政府令第9号, effective 2014-10-01, VERIFIED
in DOMAIN.md §7): accept or not within 3 working days, decide within 30 working days (+10), 复查 applied for within 10
working days and answered within 15 working days. The alert thresholds and the 评查 grade lines are local practice
(UNVERIFIED): settings with a default.
"""

from datetime import date
from decimal import Decimal

from fazhi.core.rules import UNVERIFIED, AmountRule, DateRule, PeriodRule, register

TIANJIN = "《天津市行政执法监督规定》（天津市人民政府令第9号）"
TIANJIN_FROM = date(2014, 10, 1)

ACCEPT = "supervision.accept"
DECIDE = "supervision.decide"
RECTIFY = "supervision.rectify"
REVIEW_APPLY = "supervision.review_apply"
REVIEW_ANSWER = "supervision.review_answer"

DUE_SOON_DAYS = "supervision.alert_due_soon_working_days"
IDLE_DAYS = "supervision.alert_idle_working_days"
GRADE_EXCELLENT = "supervision.grade_excellent_min"
GRADE_PASS = "supervision.grade_pass_min"

RECTIFY_CITATION = f"{TIANJIN}第三十条（责令限期改正）"

register(
    PeriodRule(
        key=ACCEPT,
        name="决定是否受理监督事项",
        unit="wd",
        count=3,
        citation=f"{TIANJIN}第二十一条：发现的行政执法监督事项，应当在3个工作日内决定是否受理",
        effective_from=TIANJIN_FROM,
    ),
    PeriodRule(
        key=DECIDE,
        name="受理后作出监督处理",
        unit="wd",
        count=30,
        extension_max=10,
        citation=f"{TIANJIN}第二十一条：受理后30个工作日内办结，情况复杂的可延长10个工作日",
        effective_from=TIANJIN_FROM,
    ),
    DateRule(
        key=RECTIFY, name="按监督文书限期整改并报送整改报告", citation=RECTIFY_CITATION, effective_from=TIANJIN_FROM
    ),  # fmt: skip
    PeriodRule(
        key=REVIEW_APPLY,
        name="对监督决定书申请复查的期间",
        unit="wd",
        count=10,
        window=True,
        citation=f"{TIANJIN}第二十三条：对行政执法监督决定书有异议的，可以在10个工作日内申请复查",
        effective_from=TIANJIN_FROM,
    ),
    PeriodRule(
        key=REVIEW_ANSWER,
        name="答复复查申请",
        unit="wd",
        count=15,
        citation=f"{TIANJIN}第二十三条：应当在15个工作日内作出复查决定",
        effective_from=TIANJIN_FROM,
    ),
    AmountRule(
        key=DUE_SOON_DAYS,
        name="监督预警：期限即将届满（工作日内）",
        value=Decimal("3"),
        unit="个工作日",
        citation="地方实践（未经核实的默认值）",
        status=UNVERIFIED,
        setting_key=DUE_SOON_DAYS,
    ),
    AmountRule(
        key=IDLE_DAYS,
        name="监督预警：案件无任何办理记录（工作日）",
        value=Decimal("30"),
        unit="个工作日",
        citation="地方实践（未经核实的默认值）；参照《中华人民共和国行政处罚法》第六十条的办案期限",
        status=UNVERIFIED,
        setting_key=IDLE_DAYS,
    ),
    AmountRule(
        key=GRADE_EXCELLENT,
        name="案卷评查“优秀”最低分",
        value=Decimal("90"),
        unit="分",
        citation="各地案卷评查办法通行做法（DOMAIN.md 第14节，未经核实）",
        status=UNVERIFIED,
        setting_key=GRADE_EXCELLENT,
    ),
    AmountRule(
        key=GRADE_PASS,
        name="案卷评查“合格”最低分",
        value=Decimal("70"),
        unit="分",
        citation="各地案卷评查办法通行做法（DOMAIN.md 第14节，未经核实）",
        status=UNVERIFIED,
        setting_key=GRADE_PASS,
    ),
)
