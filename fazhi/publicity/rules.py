"""Publicity settings (local practice varies, so each is an overridable setting with its default and source).

The publication periods themselves (7 and 20 working days, 国办发〔2018〕118号 第（六）项) and the withdrawal period
(3 working days, 行政处罚法 第四十八条第二款) are rules registered by enforcement (``fazhi.enforcement.rules``:
PUBLISH_PERMIT_OR_PENALTY, PUBLISH_OTHER_DECISION, WITHDRAW_PUBLICATION); this app uses those keys.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SettingSpec:
    key: str
    name: str
    default: object
    source: str


PUBLISH_WARNING_ONLY = "publicity.publish_warning_only"
RETENTION_SHORT_MONTHS = "publicity.retention_short_months"
SMALL_FINE_MAX = "publicity.small_fine_max"
RETENTION_YEARS = "publicity.retention_years"
RETENTION_PERSON_MONTHS = "publicity.retention_person_months"

MODEL_RULE = "《市场监督管理行政处罚信息公示规定》（国家市场监督管理总局令第45号）"

SETTINGS = [
    SettingSpec(
        PUBLISH_WARNING_ONLY,
        "仅给予警告的决定是否公开",
        False,
        f"{MODEL_RULE}第二条第二款（仅受到警告行政处罚的不予公示）；地方实践可设置",
    ),
    SettingSpec(RETENTION_SHORT_MONTHS, "通报批评或者较低数额罚款的公示期限（月）", 3, f"{MODEL_RULE}第十三条"),
    SettingSpec(
        SMALL_FINE_MAX,
        "“较低数额罚款”的上限（元）",
        1000,
        f"{MODEL_RULE}第十三条（数额由地方确定，本值为未经核实的默认值）",
    ),
    SettingSpec(RETENTION_YEARS, "其他行政处罚信息的公示期限（年）", 3, f"{MODEL_RULE}第十三条"),
    SettingSpec(
        RETENTION_PERSON_MONTHS,
        "当事人为自然人时的公示期限上限（月）",
        6,
        "《中华人民共和国个人信息保护法》第六条（最小必要）；地方实践，未经核实的默认值",
    ),
]
