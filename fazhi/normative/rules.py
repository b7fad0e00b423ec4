"""The rules of 行政规范性文件, as data with their citations (DOMAIN.md §4, §11; number sheet A20–A22).

Numbers DOMAIN.md marks SECONDARY or UNVERIFIED carry a ``setting_key`` (the clock app's settings page edits them);
verified ones do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.rules import SECONDARY, UNVERIFIED, AmountRule, DateRule, PeriodRule, register

DOC_37 = "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"
DOC_115 = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"
DOC_17 = "《国务院关于加强市县政府依法行政的决定》（国发〔2008〕17号）"
TJ_2019 = "《天津市行政规范性文件管理规定》（天津市人民政府令第15号）"
TJ_2007 = "《天津市行政规范性文件管理规定》（天津市人民政府令第125号，2007年）"
INDICATORS = "《法治政府建设示范指标体系》第24项"
DECISIONS_713 = "《重大行政决策程序暂行条例》（国务院令第713号）"

# Citations used in refusals.
ISSUER_CITATION = f"{TJ_2019}第六条第（四）项：乡镇人民政府可以制发行政规范性文件，临时性机构、议事协调机构和内设机构不得制发；{DOC_37}第（一）项（严禁以内设机构名义发文）"
SCOPE_CITATION = f"{TJ_2019}第三条；{DOC_115}第（三）项"
GATE_CITATION = f"{DOC_37}第（六）项、{DOC_115}第（七）项：未经合法性审核或者经审核不合法的，不得提交集体审议"
NON_ADOPTION_CITATION = f"{DOC_115}第（六）项：起草单位未完全采纳合法性审核意见的，应当在提请审议时详细说明理由"
DELIBERATION_CITATION = f"{DOC_37}第（七）项；{DOC_17}第（十三）项；参照{DECISIONS_713}第三十条"
NUMBER_CITATION = f"{DOC_37}第（八）项：由制定机关统一登记、统一编号、统一印发"
PUBLISH_CITATION = f"{DOC_17}第（十三）项：未经公布的规范性文件不得作为行政管理的依据"
CLEANUP_CITATION = f"{DOC_17}第（十五）项：不在继续有效目录中的规范性文件，不得作为行政管理的依据"

# --- rule keys -----------------------------------------------------------------------------------------------------

COMMENT = "normative.comment_window"
COMMENT_MARKET = "normative.comment_window_market"
REVIEW = "normative.review"
REVIEW_MIN = "normative.review_min"
FILING = "normative.filing"
VALIDITY = "normative.validity_years"
VALIDITY_PROVISIONAL = "normative.validity_years_provisional"
EVALUATION_AHEAD = "normative.evaluation_months_ahead"
EVALUATION = "normative.evaluation"
CLEANUP_INTERVAL = "normative.cleanup_interval_years"

TJ_2019_FROM = date(2019, 12, 1)

register(
    PeriodRule(
        key=COMMENT,
        name="行政规范性文件公开征求意见期间（不少于）",
        unit="wd",
        count=7,
        citation=f"{INDICATORS}：对公民、法人和其他组织权利义务有重大影响的，征求意见期限一般不少于7个工作日",
        window=True,
        status=SECONDARY,
        setting_key="normative.comment_window_days",
    ),
    PeriodRule(
        key=COMMENT_MARKET,
        name="与市场主体生产经营活动密切相关的规范性文件征求意见期间（不少于）",
        unit="d",
        count=30,
        citation=f"{INDICATORS}；《优化营商环境条例》（国务院令第722号）：一般不少于30日",
        window=True,
        status=SECONDARY,
        setting_key="normative.comment_window_market_days",
    ),
    PeriodRule(
        key=REVIEW,
        name="行政规范性文件合法性审核（最长）",
        unit="wd",
        count=15,
        citation=f"{DOC_115}第（五）项：合法性审核时间一般不少于5个工作日，最长不超过15个工作日",
        effective_from=date(2018, 12, 4),
    ),
    PeriodRule(
        key=REVIEW_MIN,
        name="行政规范性文件合法性审核（一般不少于）",
        unit="wd",
        count=5,
        citation=f"{DOC_115}第（五）项",
        effective_from=date(2018, 12, 4),
    ),
    PeriodRule(
        key=FILING,
        name="乡镇人民政府规范性文件报区人民政府备案",
        unit="d",
        count=20,
        citation=f"{TJ_2007}：自公布之日起20日内报送备案",
        effective_to=date(2019, 11, 30),
        status=SECONDARY,
        setting_key="normative.filing_days_2007",
    ),
    PeriodRule(
        key=FILING,
        name="乡镇人民政府规范性文件报区人民政府备案",
        unit="d",
        count=15,
        citation=f"{TJ_2019}（备案期限未经核实，默认值取{DOC_17}第（十四）项的15日）",
        effective_from=TJ_2019_FROM,
        status=UNVERIFIED,
        setting_key="normative.filing_days",
    ),
    AmountRule(
        key=VALIDITY,
        name="行政规范性文件有效期（年）",
        value=Decimal("5"),
        unit="年",
        citation="地方实践：有效期一般为5年（37号、115号未规定全国统一期限）",
        status=UNVERIFIED,
        setting_key="normative.validity_years",
    ),
    AmountRule(
        key=VALIDITY_PROVISIONAL,
        name="名称冠以“暂行”“试行”的规范性文件有效期（年）",
        value=Decimal("2"),
        unit="年",
        citation="地方实践：“暂行”“试行”的有效期一般为2年",
        status=UNVERIFIED,
        setting_key="normative.validity_years_provisional",
    ),
    AmountRule(
        key=EVALUATION_AHEAD,
        name="有效期届满前启动评估（月）",
        value=Decimal("6"),
        unit="月",
        citation="地方实践：有效期届满前6个月进行评估",
        status=UNVERIFIED,
        setting_key="normative.evaluation_months_ahead",
    ),
    DateRule(
        key=EVALUATION,
        name="有效期届满前完成评估",
        citation="地方实践：有效期届满前评估，决定继续有效、修改或者废止",
        status=UNVERIFIED,
    ),
    AmountRule(
        key=CLEANUP_INTERVAL,
        name="规范性文件清理周期（年）",
        value=Decimal("2"),
        unit="年",
        citation=f"{DOC_17}第（十五）项：每隔两年进行一次清理",
    ),
)


# --- the content check: a suggestion for the reviewer, never a verdict ------------------------------------------------


@dataclass(frozen=True)
class ContentPattern:
    key: str
    label: str
    pattern: str
    citation: str


CONTENT_PATTERNS: tuple[ContentPattern, ...] = (
    ContentPattern(
        "penalty",
        "可能设定行政处罚",
        r"(处以?|并处|给予)?[^。；\n]{0,12}(罚款|没收|警告|通报批评|吊销|责令停产停业|行政拘留)",
        "《中华人民共和国行政处罚法》第十六条：除法律、法规、规章外，其他规范性文件不得设定行政处罚",
    ),
    ContentPattern(
        "licence",
        "可能设定行政许可或增设许可条件",
        r"(须|必须|应当)?[^。；\n]{0,12}(经[^。；\n]{0,10}(批准|审批|许可|同意)|取得[^。；\n]{0,8}(许可|批准)|许可证|审批)",
        "《中华人民共和国行政许可法》第十七条：其他规范性文件一律不得设定行政许可",
    ),
    ContentPattern(
        "coercion",
        "可能设定行政强制措施",
        r"(查封|扣押|冻结|强制拆除|强制执行|限制人身自由)",
        "《中华人民共和国行政强制法》第十条第四款：法律、法规以外的其他规范性文件不得设定行政强制措施",
    ),
    ContentPattern(
        "fee",
        "可能设定收费",
        r"(收取|缴纳|收缴)[^。；\n]{0,10}(费|保证金|押金)",
        f"{DOC_115}第（六）项：未违法设立行政征收、行政收费",
    ),
    ContentPattern(
        "conditions",
        "可能增加义务或附加条件",
        r"(另须|还须|还应当提供|须另行提交|不得[^。；\n]{0,6}(经营|申请))",
        f"{DOC_37}第（一）项：不得增加办理行政许可事项的条件，不得违法减损权利或者增加义务",
    ),
)

PROVISIONAL_RE = re.compile(r"暂行|试行")
ARTICLE_LINE_RE = re.compile(r"^第[零〇一二两三四五六七八九十百千]+条[ \u3000]+\S")
