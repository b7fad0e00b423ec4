"""What a legal review (法制审核) checks, as data with its citation.

国办发〔2018〕118号 (十三) lists seven points; the written opinion is "同意" or "存在问题", and the handling unit deals with
the problems and resubmits. 行政处罚法 第五十八条: no decision without a passed review where the law requires one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.rules import AmountRule, register

DOC_118 = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）"
REVIEW_CITATION = f"{DOC_118}第（十三）项"
GATE_CITATION = f"《中华人民共和国行政处罚法》第五十八条；{DOC_118}第四部分"


@dataclass(frozen=True)
class ReviewPoint:
    key: str
    text: str


# 118号 (十三): the seven things the review body examines, in the document's order.
REVIEW_POINTS: tuple[ReviewPoint, ...] = (
    ReviewPoint("subject", "执法主体是否合法，执法人员是否具备执法资格"),
    ReviewPoint("procedure", "执法程序是否合法"),
    ReviewPoint("facts", "案件事实是否清楚，证据是否合法充分"),
    ReviewPoint("law", "适用法律、法规、规章是否准确，裁量基准运用是否适当"),
    ReviewPoint("authority", "执法是否超越执法机关法定权限"),
    ReviewPoint("documents", "执法文书是否完备、规范"),
    ReviewPoint("crime", "违法行为是否涉嫌犯罪、需要移送司法机关"),
)
POINT_KEYS = tuple(p.key for p in REVIEW_POINTS)
# For the last point "符合" means: no crime suspected, or the transfer has been proposed.


# 行政处罚法 第五十八条第二款 (in force with the 2021 text, 2021-07-15): "行政机关中初次从事行政处罚决定法制审核的人员，应当通过
# 国家统一法律职业资格考试取得法律职业资格。" A person whose first review of a penalty decision is on or after that day
# must hold the qualification. "应当": refused by default; a body short of qualified staff may set the mode to "flag",
# and the review then goes ahead with the gap written on its chain entry (and shown to supervisors).
FIRST_REVIEWER_FROM = date(2021, 7, 15)
FIRST_REVIEWER_CITATION = (
    "《中华人民共和国行政处罚法》第五十八条第二款：行政机关中初次从事行政处罚决定法制审核的人员，"
    "应当通过国家统一法律职业资格考试取得法律职业资格"
)
FIRST_REVIEWER_SETTING = "review.first_reviewer_without_qualification"  # "refuse" (default) or "flag"
FIRST_REVIEWER_MODES = ("refuse", "flag")

# 118号 (十一): legal-review staff in principle ≥ 5 % of the enforcement staff of the body.
STAFF_SHARE = "review.staff_share"
register(
    AmountRule(
        key=STAFF_SHARE,
        name="法制审核人员占本单位执法人员总数的比例（原则上不少于）",
        value=Decimal("5"),
        unit="%",
        citation=f"{DOC_118}第（十一）项",
        effective_from=date(2018, 12, 5),
    ),
)
