"""Statutory periods and amounts of administrative enforcement (DOMAIN.md Appendix A, rows A1–A16), as data.

Each value carries its citation and the dates its text was in force. 行政处罚法 was revised in 2021 (effective
2021-07-15, Art. 86); a 2019 case is judged by the 2017 text (the 1996 law as amended in 2009 and 2017). Numbers of
the 2017 text are marked UNVERIFIED in DOMAIN.md and are therefore overridable settings (``setting_key``); under the
2017 text there was no article making short periods working days, so they are calendar days.

Day type (DOMAIN.md §2.1): 行政处罚法 (2021) 第八十五条 — "二日""三日""五日""七日" are working days; 行政强制法
第六十九条 — periods of ten days or less are working days; everything else is calendar days.
"""

from datetime import date
from decimal import Decimal

from fazhi.core.rules import UNVERIFIED, AmountRule, AnnualDateRule, PeriodRule, register
from fazhi.review import rules as review_rules

PENALTY_LAW_2021 = "《中华人民共和国行政处罚法》（2021年修订）"
PENALTY_LAW_2017 = "《中华人民共和国行政处罚法》（2017年修正）"
COERCION_LAW = "《中华人民共和国行政强制法》"
DOC_118 = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）"

PENALTY_2021_FROM = date(2021, 7, 15)  # 行政处罚法 (2021) 第八十六条
PENALTY_2017_TO = date(2021, 7, 14)
DOC_118_FROM = date(2018, 12, 5)  # date of issue
COERCION_FROM = date(2012, 1, 1)  # 行政强制法 第七十一条

# An extension of the decision period is not in the penalty law; a body may adopt one (UNVERIFIED source, off by
# default): the setting holds the most days one approved extension may add.
DECISION_EXTENSION_SETTING = "enforcement.decision_extension_days"
DECISION_EXTENSION_SOURCE = (
    "《市场监督管理行政处罚程序规定》第六十四条（部门规章，约束市场监督管理部门，乡镇可参照；未核实）"
)

# --- A1, A2, A3, A4: 行政执法公示 and 法制审核 under 118号 ------------------------------------------------------------

PUBLISH_PERMIT_OR_PENALTY = "enforcement.publish_permit_or_penalty"
PUBLISH_OTHER_DECISION = "enforcement.publish_other_decision"
ANNUAL_STATISTICS = "enforcement.annual_statistics"
LEGAL_REVIEW_STAFF_SHARE = review_rules.STAFF_SHARE  # A4, registered by the review app (118号 (十一))

# --- A5–A12: 行政处罚法 ------------------------------------------------------------------------------------------------

SUMMARY_FINE_CAP_INDIVIDUAL = "enforcement.summary_fine_cap_individual"
SUMMARY_FINE_CAP_ORGANISATION = "enforcement.summary_fine_cap_organisation"
ON_THE_SPOT_COLLECTION_CAP = "enforcement.on_the_spot_collection_cap"
HEARING_REQUEST = "enforcement.hearing_request"
HEARING_NOTICE = "enforcement.hearing_notice"
DECISION = "enforcement.decision"
SERVICE_ABSENT_PARTY = "enforcement.service_absent_party"
PAYMENT = "enforcement.payment"
LATE_SURCHARGE_RATE = "enforcement.late_surcharge_rate"
WITHDRAW_PUBLICATION = "enforcement.withdraw_publication"
LIMITATION = "enforcement.limitation"
LIMITATION_LIFE_OR_FINANCE = "enforcement.limitation_life_or_finance"
EVIDENCE_PRESERVATION = "enforcement.evidence_preservation"

# --- A14–A16: 行政强制法 -----------------------------------------------------------------------------------------------

SEIZURE = "enforcement.seizure"
COURT_AFTER_DEMAND = "enforcement.court_after_demand"
COURT_APPLICATION = "enforcement.court_application"

register(
    # A1 — 118号 (六): 行政许可、行政处罚的执法决定信息 within 7 working days of the decision.
    PeriodRule(
        key=PUBLISH_PERMIT_OR_PENALTY,
        name="公开行政许可、行政处罚决定信息",
        unit="wd",
        count=7,
        citation=f"{DOC_118}第（六）项",
        effective_from=DOC_118_FROM,
    ),
    # A2 — 118号 (六): other enforcement decisions within 20 working days.
    PeriodRule(
        key=PUBLISH_OTHER_DECISION,
        name="公开其他行政执法决定信息",
        unit="wd",
        count=20,
        citation=f"{DOC_118}第（六）项",
        effective_from=DOC_118_FROM,
    ),
    # A3 — 118号 (六): last year's enforcement statistics published by 31 January.
    AnnualDateRule(
        key=ANNUAL_STATISTICS,
        name="公开上年度行政执法总体情况数据",
        month=1,
        day=31,
        citation=f"{DOC_118}第（六）项",
        effective_from=DOC_118_FROM,
    ),
    # A5 — 简易程序 caps.
    AmountRule(
        key=SUMMARY_FINE_CAP_INDIVIDUAL,
        name="简易程序当场处罚罚款上限（公民）",
        value=Decimal("200"),
        unit="元",
        citation=f"{PENALTY_LAW_2021}第五十一条",
        effective_from=PENALTY_2021_FROM,
    ),
    AmountRule(
        key=SUMMARY_FINE_CAP_INDIVIDUAL,
        name="简易程序当场处罚罚款上限（公民）",
        value=Decimal("50"),
        unit="元",
        citation=f"{PENALTY_LAW_2017}第三十三条",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.summary_fine_cap_individual",
    ),
    AmountRule(
        key=SUMMARY_FINE_CAP_ORGANISATION,
        name="简易程序当场处罚罚款上限（法人或者其他组织）",
        value=Decimal("3000"),
        unit="元",
        citation=f"{PENALTY_LAW_2021}第五十一条",
        effective_from=PENALTY_2021_FROM,
    ),
    AmountRule(
        key=SUMMARY_FINE_CAP_ORGANISATION,
        name="简易程序当场处罚罚款上限（法人或者其他组织）",
        value=Decimal("1000"),
        unit="元",
        citation=f"{PENALTY_LAW_2017}第三十三条",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.summary_fine_cap_organisation",
    ),
    # A6 — 当场收缴 only for fines of 100 元 or less (or hard to collect later).
    AmountRule(
        key=ON_THE_SPOT_COLLECTION_CAP,
        name="当场收缴罚款上限",
        value=Decimal("100"),
        unit="元",
        citation=f"{PENALTY_LAW_2021}第六十八条",
        effective_from=PENALTY_2021_FROM,
    ),
    AmountRule(
        key=ON_THE_SPOT_COLLECTION_CAP,
        name="当场收缴罚款上限",
        value=Decimal("20"),
        unit="元",
        citation=f"{PENALTY_LAW_2017}第四十七条",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.on_the_spot_collection_cap",
    ),
    # A7 — hearing: request within 5 working days of the notice; notify 7 working days before the hearing.
    PeriodRule(
        key=HEARING_REQUEST,
        window=True,
        name="当事人要求听证的期限",
        unit="wd",
        count=5,
        citation=f"{PENALTY_LAW_2021}第六十四条第（一）项",
        effective_from=PENALTY_2021_FROM,
    ),
    PeriodRule(
        key=HEARING_REQUEST,
        window=True,
        name="当事人要求听证的期限",
        unit="d",
        count=3,
        citation=f"{PENALTY_LAW_2017}第四十二条",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.hearing_request_days",
    ),
    PeriodRule(
        key=HEARING_NOTICE,
        name="举行听证前通知当事人（最迟日）",
        unit="wd",
        count=7,
        citation=f"{PENALTY_LAW_2021}第六十四条第（二）项",
        effective_from=PENALTY_2021_FROM,
        before=True,
        rollover=False,
    ),
    PeriodRule(
        key=HEARING_NOTICE,
        name="举行听证前通知当事人（最迟日）",
        unit="d",
        count=7,
        citation=f"{PENALTY_LAW_2017}第四十二条",
        effective_to=PENALTY_2017_TO,
        before=True,
        rollover=False,
        status=UNVERIFIED,
        setting_key="enforcement.2017.hearing_notice_days",
    ),
    # A8 — decision within 90 days of 立案 (new in 2021; the 2017 text set no period).
    PeriodRule(
        key=DECISION,
        name="自立案之日起作出行政处罚决定",
        unit="d",
        count=90,
        citation=f"{PENALTY_LAW_2021}第六十条",
        effective_from=PENALTY_2021_FROM,
        # 第六十条 itself gives no extension ("法律、法规、规章另有规定的，从其规定"). The 30 days often quoted come from a
        # departmental rule of market supervision, which does not bind a town: a body may adopt an extension by setting.
        extension_setting=DECISION_EXTENSION_SETTING,
        extension_citation=DECISION_EXTENSION_SOURCE,
        note="法律、法规、规章另有规定的，从其规定。本法未规定延长；机关参照适用延长规定的，须在设置中启用并经负责人批准。",
    ),
    # The 2017 text set no decision period; towns followed local or departmental rules (commonly 90 days).
    PeriodRule(
        key=DECISION,
        name="自立案之日起作出行政处罚决定",
        unit="d",
        count=90,
        citation=f"{PENALTY_LAW_2017}未规定办案期限，参照部门规章通行做法（立案之日起九十日）",
        effective_to=PENALTY_2017_TO,
        extension_setting=DECISION_EXTENSION_SETTING,
        extension_citation=DECISION_EXTENSION_SOURCE,
        status=UNVERIFIED,
        setting_key="enforcement.2017.decision_days",
    ),
    # A9 — party absent: serve within 7 working days.
    PeriodRule(
        key=SERVICE_ABSENT_PARTY,
        name="当事人不在场时送达行政处罚决定书",
        unit="wd",
        count=7,
        citation=f"{PENALTY_LAW_2021}第六十一条",
        effective_from=PENALTY_2021_FROM,
    ),
    PeriodRule(
        key=SERVICE_ABSENT_PARTY,
        name="当事人不在场时送达行政处罚决定书",
        unit="d",
        count=7,
        citation=f"{PENALTY_LAW_2017}第四十条",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.service_absent_party_days",
    ),
    # A10 — payment within 15 days of receiving the decision; surcharge 3% of the fine per day, capped at the fine.
    PeriodRule(
        key=PAYMENT,
        name="缴纳罚款",
        unit="d",
        count=15,
        citation=f"{PENALTY_LAW_2021}第六十七条第三款",
        effective_from=PENALTY_2021_FROM,
        pausable=True,  # 第六十六条: 暂缓或者分期缴纳 with approval
    ),
    PeriodRule(
        key=PAYMENT,
        name="缴纳罚款",
        unit="d",
        count=15,
        citation=f"{PENALTY_LAW_2017}第四十六条",
        effective_to=PENALTY_2017_TO,
        pausable=True,
        status=UNVERIFIED,
        setting_key="enforcement.2017.payment_days",
    ),
    AmountRule(
        key=LATE_SURCHARGE_RATE,
        name="到期不缴纳罚款的加处罚款（每日按罚款数额的比例，总额不超过罚款数额）",
        value=Decimal("3"),
        unit="%/日",
        citation=f"{PENALTY_LAW_2021}第七十二条第一款第（一）项",
        effective_from=PENALTY_2021_FROM,
        note="复议或者诉讼期间不予计算（第七十三条第三款）。",
    ),
    AmountRule(
        key=LATE_SURCHARGE_RATE,
        name="到期不缴纳罚款的加处罚款（每日按罚款数额的比例）",
        value=Decimal("3"),
        unit="%/日",
        citation=f"{PENALTY_LAW_2017}第五十一条",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.late_surcharge_rate",
    ),
    # A11 — a published decision changed or annulled: withdraw within 3 working days.
    PeriodRule(
        key=WITHDRAW_PUBLICATION,
        name="撤回已公开的行政处罚决定信息并公开说明理由",
        unit="wd",
        count=3,
        citation=f"{PENALTY_LAW_2021}第四十八条第二款",
        effective_from=PENALTY_2021_FROM,
    ),
    # A12 — limitation: 2 years; 5 years for life-and-health or financial-security acts with harmful results.
    PeriodRule(
        key=LIMITATION,
        name="违法行为追责时效",
        unit="y",
        count=2,
        citation=f"{PENALTY_LAW_2021}第三十六条第一款",
        effective_from=PENALTY_2021_FROM,
        rollover=False,
        note="自违法行为发生之日起计算；有连续或者继续状态的，从行为终了之日起计算。",
    ),
    PeriodRule(
        key=LIMITATION,
        name="违法行为追责时效",
        unit="y",
        count=2,
        citation=f"{PENALTY_LAW_2017}第二十九条",
        effective_to=PENALTY_2017_TO,
        rollover=False,
        status=UNVERIFIED,
        setting_key="enforcement.2017.limitation_years",
    ),
    PeriodRule(
        key=LIMITATION_LIFE_OR_FINANCE,
        name="违法行为追责时效（涉及公民生命健康安全、金融安全且有危害后果）",
        unit="y",
        count=5,
        citation=f"{PENALTY_LAW_2021}第三十六条第一款",
        effective_from=PENALTY_2021_FROM,
        rollover=False,
    ),
    # A13 — 先行登记保存: a decision within 7 working days.
    PeriodRule(
        key=EVIDENCE_PRESERVATION,
        name="先行登记保存后作出处理决定",
        unit="wd",
        count=7,
        citation=f"{PENALTY_LAW_2021}第五十六条",
        effective_from=PENALTY_2021_FROM,
    ),
    PeriodRule(
        key=EVIDENCE_PRESERVATION,
        name="先行登记保存后作出处理决定",
        unit="d",
        count=7,
        citation=f"{PENALTY_LAW_2017}第三十七条第二款",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.evidence_preservation_days",
    ),
    # A14 — 查封、扣押 ≤ 30 days, extendable once by ≤ 30 with the 负责人's approval; testing time is excluded.
    PeriodRule(
        key=SEIZURE,
        name="查封、扣押期限",
        unit="d",
        count=30,
        citation=f"{COERCION_LAW}第二十五条",
        effective_from=COERCION_FROM,
        pausable=True,
        extension_max=30,
        note="检测、检验、检疫或者技术鉴定的期间不计入（第二十五条第三款）。",
    ),
    # A15 — the court may be applied to 10 (working) days after the 催告书 is served.
    PeriodRule(
        key=COURT_AFTER_DEMAND,
        window=True,
        name="催告书送达后申请人民法院强制执行（最早日）",
        unit="wd",
        count=10,
        citation=f"{COERCION_LAW}第五十四条、第六十九条",
        effective_from=COERCION_FROM,
    ),
    # A16 — an agency without enforcement power applies to the court within 3 months after the deadline expires.
    PeriodRule(
        key=COURT_APPLICATION,
        name="没有强制执行权的行政机关申请人民法院强制执行",
        unit="m",
        count=3,
        citation=f"{COERCION_LAW}第五十三条",
        effective_from=COERCION_FROM,
    ),
)

# The party's time to sue (行政诉讼法 第四十六条第一款: 六个月, in force since 2015-05-01). The 复议 period (六十日) ends
# earlier, so the 诉讼 period is the one whose lapse starts the 3-month window of A16 (行政强制法 第五十三条).
LITIGATION_PERIOD = "enforcement.litigation_period"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"

register(
    PeriodRule(
        key=LITIGATION_PERIOD,
        window=True,
        name="当事人提起行政诉讼的期限",
        unit="m",
        count=6,
        citation=f"{LITIGATION_LAW}第四十六条第一款",
        effective_from=date(2015, 5, 1),
        note="行政复议期限为六十日，先于诉讼期限届满。",
    ),
)

# --- Local and configurable values used by the case workflow (issue 4) ----------------------------------------------
# The statute leaves these numbers to regions or agencies; each is a default that a body may override (``setting_key``).

SAMR_PROCEDURE = "《市场监督管理行政处罚程序规定》"
TIANJIN_SUPERVISION = "《天津市行政执法监督规定》"

FILING = "enforcement.filing"
STATEMENT = "enforcement.statement"
HEARING_LARGE_FINE_INDIVIDUAL = "enforcement.hearing_large_fine_individual"
HEARING_LARGE_FINE_ORGANISATION = "enforcement.hearing_large_fine_organisation"
LEGAL_REVIEW = "enforcement.legal_review"
MAJOR_DECISION_FILING = "enforcement.major_decision_filing"

register(
    # 行政处罚法 第五十四条 says only "及时立案"; the SAMR rule's 15 working days is the default (DOMAIN.md §2.3).
    PeriodRule(
        key=FILING,
        name="发现案源后决定是否立案",
        unit="wd",
        count=15,
        citation=f"{PENALTY_LAW_2021}第五十四条（“及时立案”），期间参照{SAMR_PROCEDURE}第十八条",
        setting_key="enforcement.filing_days",
        note="法律未规定具体天数；本单位可在设置中调整。",
    ),
    # The window for 陈述、申辩 after the prior notice when no hearing applies (2021 text: working days, Art. 85).
    PeriodRule(
        key=STATEMENT,
        window=True,
        name="当事人陈述、申辩期限",
        unit="wd",
        count=5,
        citation=f"{PENALTY_LAW_2021}第四十四条、第六十二条，期间参照{SAMR_PROCEDURE}第五十七条",
        effective_from=PENALTY_2021_FROM,
        setting_key="enforcement.statement_days",
    ),
    PeriodRule(
        key=STATEMENT,
        window=True,
        name="当事人陈述、申辩期限",
        unit="d",
        count=3,
        citation=f"{PENALTY_LAW_2017}第三十一条、第三十二条、第四十一条（期间为本地通行做法）",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.statement_days",
    ),
    # 第六十三条 "较大数额罚款": the amount is set locally; Tianjin's is UNVERIFIED, so these are settings.
    AmountRule(
        key=HEARING_LARGE_FINE_INDIVIDUAL,
        name="听证范围：较大数额罚款（公民）",
        value=Decimal("5000"),
        unit="元",
        citation=f"{PENALTY_LAW_2021}第六十三条第一款第（一）项（数额由本地规定，默认值未核实）",
        status=UNVERIFIED,
        setting_key="enforcement.hearing_large_fine_individual",
    ),
    AmountRule(
        key=HEARING_LARGE_FINE_ORGANISATION,
        name="听证范围：较大数额罚款（法人或者其他组织）",
        value=Decimal("50000"),
        unit="元",
        citation=f"{PENALTY_LAW_2021}第六十三条第一款第（一）项（数额由本地规定，默认值未核实）",
        status=UNVERIFIED,
        setting_key="enforcement.hearing_large_fine_organisation",
    ),
    # 118号 (十四) leaves the review time limit to each agency.
    PeriodRule(
        key=LEGAL_REVIEW,
        name="重大执法决定法制审核",
        unit="wd",
        count=5,
        citation=f"{DOC_118}第（十四）项（审核时限由各执法机关规定）",
        effective_from=DOC_118_FROM,
        status=UNVERIFIED,
        setting_key="enforcement.legal_review_days",
    ),
    # Tianjin: a major decision is filed with the 本级政府法制机构 within 10 days.
    PeriodRule(
        key=MAJOR_DECISION_FILING,
        name="重大执法决定报本级政府法制机构备案",
        unit="d",
        count=10,
        citation=f"{TIANJIN_SUPERVISION}第十四条",
    ),
)

# 当场收缴的罚款: handed to the agency within 2 days of collection, paid into the designated bank within 2 days
# (第七十一条; "二日" are working days under the 2021 text, 第八十五条).
COLLECTION_HAND_IN = "enforcement.collection_hand_in"
COLLECTION_BANKING = "enforcement.collection_banking"

register(
    PeriodRule(
        key=COLLECTION_HAND_IN,
        name="当场收缴的罚款交至行政机关",
        unit="wd",
        count=2,
        citation=f"{PENALTY_LAW_2021}第七十一条",
        effective_from=PENALTY_2021_FROM,
        note="在水上当场收缴的，自抵岸之日起二日内交至行政机关。",
    ),
    PeriodRule(
        key=COLLECTION_HAND_IN,
        name="当场收缴的罚款交至行政机关",
        unit="d",
        count=2,
        citation=f"{PENALTY_LAW_2017}第五十条",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.collection_hand_in_days",
    ),
    PeriodRule(
        key=COLLECTION_BANKING,
        name="行政机关将当场收缴的罚款缴付指定的银行",
        unit="wd",
        count=2,
        citation=f"{PENALTY_LAW_2021}第七十一条",
        effective_from=PENALTY_2021_FROM,
    ),
    PeriodRule(
        key=COLLECTION_BANKING,
        name="行政机关将当场收缴的罚款缴付指定的银行",
        unit="d",
        count=2,
        citation=f"{PENALTY_LAW_2017}第五十条",
        effective_to=PENALTY_2017_TO,
        status=UNVERIFIED,
        setting_key="enforcement.2017.collection_banking_days",
    ),
)

# 公告送达 (行政处罚法 第六十一条 applies the 民事诉讼法 service rules): service is deemed complete a number of days
# after the notice is published. The version follows the date the notice was published: 60 days under the 2017 text
# (第九十二条, not among the shipped law texts, so UNVERIFIED and a setting), 30 days from 2022-01-01 (the 2021
# amendment, 第九十五条; unchanged in the 2023 text).
CIVIL_PROCEDURE = "《中华人民共和国民事诉讼法》"
PUBLIC_NOTICE_SERVICE = "enforcement.public_notice_service"

register(
    PeriodRule(
        key=PUBLIC_NOTICE_SERVICE,
        name="公告送达（自发出公告之日起经过一定期间视为送达）",
        unit="d",
        count=30,
        citation=f"{CIVIL_PROCEDURE}第九十五条（经{PENALTY_LAW_2021}第六十一条适用）",
        effective_from=date(2022, 1, 1),
    ),
    PeriodRule(
        key=PUBLIC_NOTICE_SERVICE,
        name="公告送达（自发出公告之日起经过一定期间视为送达）",
        unit="d",
        count=60,
        citation=f"{CIVIL_PROCEDURE}（2017年修正）第九十二条",
        effective_to=date(2021, 12, 31),
        status=UNVERIFIED,
        setting_key="enforcement.2017.public_notice_service_days",
        note="2017年修正文本未随平台提供，六十日系二手来源，待核实。",
    ),
)

# The party's statement/defence and hearing-request windows (第四十四条、第六十四条): the party's time, not an
# obligation of the agency — they lapse, they are never missed.
PARTY_WINDOWS = (HEARING_REQUEST, STATEMENT)
