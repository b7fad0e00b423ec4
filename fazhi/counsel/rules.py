"""Counsel's rules as data: the opinion's reply date, the engagement's expiry reminder, and the enforcement gate.

中办发〔2016〕30号 sets no number of days for an opinion: the asking body sets the reply date case by case (a
``DateRule``). The engagement's term is the contract's (a ``DateRule`` on its end, so the renewal shows in the deadline
lists in time). Whether a major enforcement decision needs counsel's answered opinion before it is made is local
practice — the 意见 is known from a news summary only (DOMAIN.md §8, SECONDARY) — so it is a setting, default off
platform-wide (ADR 0040).
"""

from datetime import date
from decimal import Decimal

from fazhi.core.rules import SECONDARY, AmountRule, DateRule, register

DOC_30 = "《关于推行法律顾问制度和公职律师公司律师制度的意见》（中办发〔2016〕30号）"

OPINION_DUE = "counsel.opinion_due"
ENGAGEMENT_EXPIRY = "counsel.engagement_expiry"
REQUIRED_FOR_MAJOR_ENFORCEMENT = "counsel.required_for_major_enforcement"

GATE_CITATION = (
    f"{DOC_30}：讨论、决定重大事项之前，应当听取法律顾问的法律意见；应当听取而未听取的，不得提交讨论、作出决定"
)

register(
    DateRule(
        key=OPINION_DUE,
        name="法律顾问出具法律意见",
        citation=f"{DOC_30}（答复日期由征求意见机关确定）",
        effective_from=date(2016, 6, 16),
        status=SECONDARY,
    ),
    DateRule(
        key=ENGAGEMENT_EXPIRY,
        name="法律顾问聘期届满（续聘或另行选聘）",
        citation=f"{DOC_30}；法律顾问聘用合同约定的聘期",
        effective_from=date(2016, 6, 16),
        status=SECONDARY,
    ),
    AmountRule(
        key=REQUIRED_FOR_MAJOR_ENFORCEMENT,
        name="重大执法决定须先听取法律顾问意见（1 为须听取，0 为不须）",
        value=Decimal("0"),
        unit="（开关）",
        citation=f"{DOC_30}；国办发〔2018〕118号第（十一）项（法制审核可以发挥法律顾问作用）",
        status=SECONDARY,
        setting_key=REQUIRED_FOR_MAJOR_ENFORCEMENT,
        note="地方实践：是否要求每个重大执法决定在作出前都有已出具的法律顾问意见。",
    ),
)
