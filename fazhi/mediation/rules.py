"""The rules of 人民调解 with their citations (DOMAIN.md §9; Appendix A rows A28–A30).

人民调解法 (2010-08-28, 主席令第34号, in force 2011-01-01) is VERIFIED [LRB]. The one number it does not give — how long
a mediation should take — comes from 司法部《人民调解工作若干规定》(2002) 第三十三条 ("一般在一个月内调结"), a
secondary source whose force today is unchecked: it is a setting and a **guide**, never an obligation (ADR 0051).
"""

from datetime import date

from fazhi.core.rules import SECONDARY, PeriodRule, register

LAW = "《中华人民共和国人民调解法》"
IN_FORCE = date(2011, 1, 1)  # 第三十五条

# Committee composition (第九条): 3–9 members, a woman among them, a three-year term, re-electable.
MIN_MEMBERS, MAX_MEMBERS = 3, 9
TERM_YEARS = 3
ART_COMPOSITION = f"{LAW}第九条"
ART_CONSENT = f"{LAW}第十七条"
ART_PARTY_RIGHTS = f"{LAW}第二十三条"
ART_ESCALATION = f"{LAW}第二十五条"
ART_FAILURE = f"{LAW}第二十六条"
ART_RECORDS = f"{LAW}第二十七条"
ART_ORAL = f"{LAW}第二十八条"
ART_CONTENT = f"{LAW}第二十九条"
ART_EFFECT = f"{LAW}第三十条"
ART_PERFORMANCE = f"{LAW}第三十一条"
ART_CONFIRMATION = f"{LAW}第三十三条"
TIANJIN = "《天津市矛盾纠纷多元化解条例》"
ART_REGISTER = f"{TIANJIN}第十条、第十二条"
ART_ROLL = f"{TIANJIN}第四十三条"

JUDICIAL_CONFIRMATION = "mediation.judicial_confirmation"
TARGET = "mediation.target"
TARGET_SETTING = "mediation.target_months"

register(
    PeriodRule(
        key=JUDICIAL_CONFIRMATION,
        name="共同申请司法确认",
        unit="d",
        count=30,
        citation=f"{ART_CONFIRMATION}；《中华人民共和国民事诉讼法》第二百零五条",
        effective_from=IN_FORCE,
        rollover=True,  # 民事诉讼法 第八十五条: a period ending on a 法定休假日 ends on the day after it
        window=True,
        note="自调解协议生效之日起三十日内，双方当事人共同向人民法院申请司法确认。这是当事人的期间：届满即失效，不是调解委员会的逾期。",
    ),
    PeriodRule(
        key=TARGET,
        name="调解一般在一个月内调结（指导性期限）",
        unit="m",
        count=1,
        citation="司法部《人民调解工作若干规定》（2002年）第三十三条",
        effective_from=IN_FORCE,
        rollover=False,
        window=True,
        status=SECONDARY,
        setting_key=TARGET_SETTING,
        note="指导性期限，不是法定期限：人民调解法未规定调解期限（第二十一条：及时、就地）。只用于统计“超过一个月”的纠纷，不进入期限台账，不计逾期。",
    ),
)

# Routes the parties are told of when mediation fails (第二十六条).
FAILURE_ROUTES = {
    "arbitration": "仲裁",
    "administrative": "行政途径（向有关行政机关申请处理）",
    "litigation": "向人民法院提起诉讼",
}

# Where a matter is referred to (天津条例 第十二条、第二十六条).
REFERRAL_TARGETS = (
    "人民法院",
    "公安派出所",
    "信访部门",
    "劳动人事争议仲裁委员会",
    "农村土地承包仲裁委员会",
    "其他行政机关",
)

# The transition table of a dispute: (from, to) → the step that moves it and its article.
TRANSITIONS = {
    ("registered", "mediating"): ("受理调解", ART_CONSENT),
    ("registered", "refused"): ("当事人拒绝调解", ART_CONSENT),
    ("registered", "referred"): ("移交处理", ART_REGISTER),
    ("mediating", "agreed"): ("达成调解协议", ART_ORAL),
    ("mediating", "failed"): ("调解不成，终止调解", ART_FAILURE),
    ("mediating", "referred"): ("移交处理", ART_REGISTER),
}
