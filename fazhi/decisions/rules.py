"""The numbers of 重大行政决策程序暂行条例 (国务院令第713号, in force 2019-09-01; VERIFIED against the text), as rules.

A town follows the 条例 by 第四十二条 ("乡级人民政府…参照本条例规定执行"). The three numbers (DOMAIN.md A27):
the comment period of at least 30 days (第十五条), hearing materials 7 days before the hearing (第十六条第三款), and at
least 7 working days for the legality review (第二十六条第二款). The comment window's own end is the day the unit
publishes (a ``DateRule`` window).
"""

from datetime import date

from fazhi.core.rules import DateRule, PeriodRule, register

REG = "《重大行政决策程序暂行条例》"
IN_FORCE = date(2019, 9, 1)
TOWN = f"{REG}第四十二条（乡级人民政府参照执行）"

COMMENT_MIN = "decisions.comment_min"
COMMENT_WINDOW = "decisions.comment_window"
HEARING_MATERIALS = "decisions.hearing_materials"
LEGALITY_REVIEW = "decisions.legality_review"

CATALOGUE_CITATION = f"{REG}第三条第三款：决策事项目录、标准经同级党委同意后向社会公布"
COMMENT_CITATION = f"{REG}第十五条第一款"
HEARING_CITATION = f"{REG}第十六条第三款：听证会材料应当于召开听证会7日前送达听证参加人"
REVIEW_CITATION = f"{REG}第二十五条第二款：未经合法性审查或者经审查不合法的，不得提交决策机关讨论"
COUNSEL_CITATION = f"{REG}第二十八条：合法性审查过程中，应当组织法律顾问、公职律师提出法律意见"
MEETING_CITATION = f"{REG}第三十条"
PARTY_CITATION = f"{REG}第三十一条：重大行政决策出台前应当按照规定向同级党委请示报告"
PUBLISH_CITATION = f"{REG}第三十二条"
EVALUATION_CITATION = f"{REG}第三十六条第二款：决策作出前承担主要论证评估工作的单位除外"
LIABILITY_CITATION = f"{REG}第三十八条第三款：有关人员对严重失误的决策表示不同意见的，按照规定减免责任"
RISK_CITATION = f"{REG}第二十四条"

register(
    PeriodRule(
        key=COMMENT_MIN,
        name="重大行政决策公开征求意见期限（一般不少于）",
        unit="d",
        count=30,
        citation=f"{COMMENT_CITATION}；{TOWN}",
        effective_from=IN_FORCE,
        rollover=False,
        window=True,
        note="期限短于30日的，应当在公开征求意见时说明理由。",
    ),
    DateRule(
        key=COMMENT_WINDOW,
        name="重大行政决策公开征求意见期间",
        citation=f"{COMMENT_CITATION}（截止日期由决策承办单位在公开征求意见时明确）",
        effective_from=IN_FORCE,
        window=True,
    ),
    PeriodRule(
        key=HEARING_MATERIALS,
        name="听证会材料送达听证参加人（听证会前）",
        unit="d",
        count=7,
        citation=f"{REG}第十六条第三款；{TOWN}",
        effective_from=IN_FORCE,
        rollover=False,
        before=True,
    ),
    PeriodRule(
        key=LEGALITY_REVIEW,
        name="重大行政决策合法性审查时间（一般不少于）",
        unit="wd",
        count=7,
        citation=f"{REG}第二十六条第二款；{TOWN}",
        effective_from=IN_FORCE,
        window=True,
        note="送请合法性审查应当保证必要的审查时间；期间届满前出具意见的，在链上记录提示。",
    ),
)
