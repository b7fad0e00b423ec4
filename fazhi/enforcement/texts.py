"""The wording of a case's documents: which text of the penalty law they cite, and how they address the party.

A case's documents cite one version of 行政处罚法, chosen once per case: the text in force on the day the case was
filed (before filing, the day it was discovered) — a case begun under the 2017 text speaks the 2017 text's article
numbers from 立案审批表 to 结案报告, one begun from 2021-07-15 the 2021 text's (see docs/decisions/0010). The periods
themselves are still computed by the rule versions in force on each step's date.

The 2017 text is not among the shipped law texts: its article numbers below are from the 2017 consolidated text as
commonly printed and are UNVERIFIED until the text is added to the law library.
"""

from __future__ import annotations

from datetime import date

from fazhi.enforcement.models import PartyKind
from fazhi.enforcement.services._common import kinds
from fazhi.enforcement.workflow import Outcome

TEXT_2021_FROM = date(2021, 7, 15)  # 行政处罚法 (2021) 第八十六条
NAMES = {
    "2021": "《中华人民共和国行政处罚法》",
    "2017": "《中华人民共和国行政处罚法》（2017年修正）",
}

# concept → (2021 text, 2017 text); None where the 2017 text has no such provision.
ARTICLES: dict[str, tuple[str, str | None]] = {
    "inquiry": ("第四十三条、第五十五条", "第三十七条"),
    "notice_rights": ("第四十四条、第四十五条", "第三十一条、第三十二条"),
    "hearing_rights": ("第六十三条、第六十四条", "第四十二条"),
    "hearing_absent": ("第六十四条第（六）项", None),
    "payment": ("第六十七条", "第四十六条"),
    "surcharge": ("第七十二条", "第五十一条"),
    "minor_no_penalty": ("第三十三条", "第二十七条第二款"),
    "not_established": ("第五十七条第一款第（三）项", "第三十八条第一款第（三）项"),
    "transfer": ("第五十七条第一款第（四）项", "第三十八条第一款第（四）项"),
    "not_suspended": ("第七十三条", "第四十五条"),
}


def version_of(case) -> str:
    """ "2021" or "2017": the text in force on the filing (or discovery) date."""
    start = case.filed_on or case.discovered_on
    return "2021" if start is None or start >= TEXT_2021_FROM else "2017"


class CaseTexts:
    """What a case's documents say: ``law`` (the versioned name), ``cite("payment")`` → 《…》第六十七条, and the party
    addressed as 你 (a person) or 你单位 (an organisation)."""

    def __init__(self, case):
        self.version = version_of(case)
        self.law = NAMES[self.version]
        self.you = "你" if case.party_kind == PartyKind.PERSON else "你单位"

    def article(self, concept: str) -> str | None:
        new, old = ARTICLES[concept]
        return new if self.version == "2021" else old

    def cite(self, concept: str) -> str:
        article = self.article(concept)
        return f"{self.law}{article}" if article else self.law


def texts_for(case) -> CaseTexts:
    return CaseTexts(case)


def decision_summary(case) -> str:
    """处罚内容 in words from the proposal (罚款人民币600.00元、没收…)."""
    if case.proposed_outcome == Outcome.PENALTY:
        parts = []
        for kind in kinds(case.penalty_kinds):
            if kind == "罚款" and case.fine_amount:
                parts.append(f"罚款人民币{case.fine_amount}元")
            elif kind.startswith("没收") and case.confiscation_amount:
                parts.append(f"{kind}人民币{case.confiscation_amount}元")
            else:
                parts.append(kind)
        return "、".join(parts)
    return Outcome(case.proposed_outcome).label
