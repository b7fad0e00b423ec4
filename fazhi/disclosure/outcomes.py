"""How a request ends: each outcome, the article behind it and the row of report table 三 it is counted in.

Rules as data. The clerk chooses an outcome when answering; abandonment (第三十条) and unpaid fees (信息处理费)
are outcomes reached only through their own services. The report layouts (data/report_layout_*.json) list which
outcome keys each row of table 三 counts, so a later national format can regroup the same outcomes without code.
"""

from dataclasses import dataclass

REG = "《中华人民共和国政府信息公开条例》"
REG_2007 = "《中华人民共和国政府信息公开条例》（2007年）"


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str  # what the clerk picks
    citation: str  # the article(s) the answer rests on, quoted in the reply letter
    answer_type: str  # the 第三十六条 / 第三十七条 type or the report category, shown on the letter title line
    needs_reason: bool = False  # 第三十六条第（三）项 and 第三十七条: reasons must be given
    clerk_may_choose: bool = True  # False: reached only through abandonment / fee services
    requires_correction: bool = False  # only after a completed 补正 (第三十条)
    requires_consultation: bool = False  # only after a third party was consulted (第三十二条)
    requires_reasons_finding: bool = False  # only after reasons were found unreasonable (第三十五条)
    # The 2007 text's article for a request received before 2019-05-15 (UNVERIFIED: that text is not shipped);
    # empty: the 2007 text as a whole. ``only_2019``: an outcome the 2007 text does not have.
    citation_2007: str = ""
    only_2019: bool = False


OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "disclosed.published",
        "已主动公开，告知获取方式和途径",
        f"{REG}第三十六条第（一）项",
        "已主动公开",
        citation_2007=f"{REG_2007}第二十一条第（一）项",
    ),
    Outcome(
        "disclosed.provided",
        "予以公开，提供信息或告知获取方式、途径和时间",
        f"{REG}第三十六条第（二）项",
        "予以公开",
        citation_2007=f"{REG_2007}第二十一条第（一）项",
    ),
    Outcome(
        "partial",
        "部分公开（区分处理）",
        f"{REG}第三十七条",
        "部分公开",
        needs_reason=True,
        citation_2007=f"{REG_2007}第二十二条",
    ),
    Outcome(
        "withheld.state_secret",
        "不予公开：属于国家秘密",
        f"{REG}第三十六条第（三）项、第十四条",
        "不予公开",
        needs_reason=True,
        citation_2007=f"{REG_2007}第二十一条第（二）项、第十四条",
    ),
    Outcome(
        "withheld.law_forbids",
        "不予公开：其他法律行政法规禁止公开",
        f"{REG}第三十六条第（三）项、第十四条",
        "不予公开",
        needs_reason=True,
        citation_2007=f"{REG_2007}第二十一条第（二）项、第十四条",
    ),
    Outcome(
        "withheld.security_stability",
        "不予公开：危及“三安全一稳定”",
        f"{REG}第三十六条第（三）项、第十四条",
        "不予公开",
        needs_reason=True,
        citation_2007=f"{REG_2007}第二十一条第（二）项、第十四条",
    ),
    Outcome(
        "withheld.third_party",
        "不予公开：保护第三方合法权益",
        f"{REG}第三十六条第（三）项、第十五条、第三十二条",
        "不予公开",
        needs_reason=True,
        requires_consultation=True,
        citation_2007=f"{REG_2007}第二十一条第（二）项、第十四条、第二十三条",
    ),
    Outcome(
        "withheld.internal_affairs",
        "不予公开：属于三类内部事务信息",
        f"{REG}第三十六条第（三）项、第十六条第一款",
        "不予公开",
        needs_reason=True,
        citation_2007=f"{REG_2007}第二十一条第（二）项",
    ),
    Outcome(
        "withheld.process_info",
        "不予公开：属于四类过程性信息",
        f"{REG}第三十六条第（三）项、第十六条第二款",
        "不予公开",
        needs_reason=True,
        citation_2007=f"{REG_2007}第二十一条第（二）项",
    ),
    Outcome(
        "withheld.enforcement_file",
        "不予公开：属于行政执法案卷",
        f"{REG}第三十六条第（三）项、第十六条第二款",
        "不予公开",
        needs_reason=True,
        citation_2007=f"{REG_2007}第二十一条第（二）项",
    ),
    Outcome(
        "withheld.admin_query",
        "属于工商、不动产登记资料等行政查询事项，告知依照有关法律、行政法规办理",
        f"{REG}第三十六条第（七）项",
        "按特别规定办理",
    ),
    Outcome(
        "unable.not_exist",
        "经检索没有所申请信息，告知信息不存在",
        f"{REG}第三十六条第（四）项",
        "信息不存在",
        citation_2007=f"{REG_2007}第二十一条第（三）项",
    ),
    Outcome(
        "unable.not_ours",
        "不属于本机关负责公开，告知并说明理由",
        f"{REG}第三十六条第（五）项",
        "非本机关负责公开",
        needs_reason=True,
        citation_2007=f"{REG_2007}第二十一条第（三）项",
    ),
    Outcome(
        "unable.needs_creation",
        "没有现成信息，需要另行制作（加工、分析）",
        f"{REG}第三十八条",
        "无法提供",
    ),
    Outcome(
        "unable.unclear_after_correction",
        "补正后申请内容仍不明确",
        f"{REG}第三十条",
        "无法提供",
        requires_correction=True,
        only_2019=True,
    ),
    Outcome(
        "not_processed.petition",
        "不予处理：信访、举报、投诉类申请",
        f"{REG}第三十九条第一款",
        "不予处理",
    ),
    Outcome(
        "not_processed.repeat",
        "不予处理：重复申请，不予重复处理",
        f"{REG}第三十六条第（六）项",
        "不予重复处理",
    ),
    Outcome(
        "not_processed.publication",
        "不予处理：要求提供公开出版物，告知获取途径",
        f"{REG}第三十九条第二款",
        "不予处理",
    ),
    Outcome(
        "not_processed.excessive",
        "不予处理：无正当理由大量、反复申请",
        f"{REG}第三十五条",
        "不予处理",
        needs_reason=True,
        requires_reasons_finding=True,
        only_2019=True,
    ),
    Outcome(
        "not_processed.confirm_reissue",
        "不予处理：要求行政机关确认或重新出具已获取信息",
        f"{REG}第二条、第三十八条",
        "不予处理",
    ),
    Outcome(
        "other.no_correction",
        "申请人无正当理由逾期不补正，视为放弃申请",
        f"{REG}第三十条",
        "视为放弃申请",
        clerk_may_choose=False,
    ),
    Outcome(
        "other.fee_unpaid",
        "申请人逾期未按收费通知缴纳费用，不再处理",
        f"{REG}第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "不再处理",
        clerk_may_choose=False,
        only_2019=True,
    ),
    Outcome(
        "other.other",
        "其他处理",
        f"{REG}第三十六条",
        "其他处理",
        needs_reason=True,
    ),
)

BY_KEY: dict[str, Outcome] = {o.key: o for o in OUTCOMES}
OUTCOME_CHOICES = [(o.key, o.label) for o in OUTCOMES]
CLERK_CHOICES = [(o.key, o.label) for o in OUTCOMES if o.clerk_may_choose]


def outcome(key: str) -> Outcome:
    return BY_KEY[key]
