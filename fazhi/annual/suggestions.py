"""Sentences for part 三 (存在的不足和原因) that the record supports: where the figures show what the seed report
itself names as a weakness — officers without a certificate, officers short of training hours, too few legal
reviewers against 国办发〔2018〕118号 (十一)'s 5 %, late publication or late answers — a suggested sentence carrying
its figures and its rule. The author keeps, edits or drops it; nothing is written into the report by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fazhi.annual.figures import FigureValue


@dataclass(frozen=True)
class Suggestion:
    key: str
    text: str
    citation: str


def _v(figures: dict[str, FigureValue], key: str):
    fig = figures.get(key)
    return fig.value if fig is not None else None


def suggest(figures: dict[str, FigureValue], *, year: int, staff_share_pct: Decimal) -> list[Suggestion]:
    found = []
    staff, uncertified = _v(figures, "org.enforcement_staff"), _v(figures, "org.uncertified")
    if uncertified:
        found.append(
            Suggestion(
                "uncertified",
                f"部分执法人员未取得行政执法资格。截至{year}年底，{staff}名执法人员中仍有{uncertified}人未持有有效的"
                "行政执法证件，不能独立从事行政执法工作。",
                "《中华人民共和国行政处罚法》第四十二条",
            )
        )
    short = _v(figures, "org.hours_short")
    if short:
        found.append(
            Suggestion(
                "hours_short",
                f"执法人员理论学习不够深入、系统。{year}年有{short}名执法人员未达到年度法治培训学时要求。",
                "法治政府建设实施纲要；天津市行政执法人员培训规定",
            )
        )
    reviewers, officers = _v(figures, "org.legal_reviewers"), _v(figures, "org.officers")
    if officers and reviewers is not None and Decimal(reviewers) * 100 < staff_share_pct * officers:
        share = (Decimal(reviewers) * 100 / Decimal(officers)).quantize(Decimal("0.1"))
        found.append(
            Suggestion(
                "legal_staff",
                f"法制工作人员配备不足。现有法制审核人员{reviewers}人，占执法人员{officers}人的{share}%，"
                f"低于原则上不少于{staff_share_pct.normalize()}%的要求。",
                "国办发〔2018〕118号 （十一）",
            )
        )
    missed, late = _v(figures, "publicity.publish_missed"), _v(figures, "publicity.published_late")
    if missed or late:
        found.append(
            Suggestion(
                "publication",
                f"行政执法公示不够及时。{year}年到期的执法决定公示中，逾期公示{late or 0}件，逾期未公示{missed or 0}件。",
                "国办发〔2018〕118号 （六）",
            )
        )
    answered_late = _v(figures, "disclosure.answered_late")
    if answered_late:
        found.append(
            Suggestion(
                "disclosure_late",
                f"依申请公开答复不够及时。{year}年有{answered_late}件政府信息公开申请未在法定期限内答复。",
                "《中华人民共和国政府信息公开条例》第三十三条",
            )
        )
    return found
