"""Statutory periods and transitions of government information disclosure, each with its citation.

Periods are registered with core's registry (``fazhi.core.rules``). They come from the 政府信息公开条例 as revised by
国务院令第711号, in force from 2019-05-15 (DOMAIN.md 3.2, Appendix A rows A17–A19, VERIFIED), and — for requests
received from 2019-01-01 to 2019-05-14 — from the 2007 text (国务院令第492号), which is not among the shipped laws:
its numbers are UNVERIFIED settings with the article cited. Which text governs a request is decided by its receipt
date (``text_of``). Numbers that are only local practice or secondary sources (the applicant's correction window,
the fee payment window, the fee schedule, a town's annual-report day) are overridable settings with the value here
as the default.
"""

from datetime import date
from decimal import Decimal

from fazhi.core.errors import InvalidTransition
from fazhi.core.rules import (
    SECONDARY,
    UNVERIFIED,
    AmountRule,
    AnnualDateRule,
    DateRule,
    PeriodRule,
    compute_for_rule,
    register,
)
from fazhi.disclosure.models import CatalogueState, RemedyResult, ReportState
from fazhi.disclosure.models import RequestStatus as S

REG = "《中华人民共和国政府信息公开条例》（2019年修订）"
REG_2007 = "《中华人民共和国政府信息公开条例》（2007年）"
IN_FORCE = date(2019, 5, 15)  # 2019 text, 第五十六条
TEXT_2007_FROM, TEXT_2007_TO = date(2008, 5, 1), date(2019, 5, 14)  # 2007 text, 第三十八条 (UNVERIFIED)
# The platform keeps the record from the 2019 reporting year on: a request received earlier is not entered.
INTAKE_FROM = date(2019, 1, 1)
FEES_FROM = date(2021, 1, 1)  # 国办函〔2020〕109号 施行日 (SECONDARY)

CORRECTION_NOTICE = "disclosure.correction_notice"
CORRECTION_REPLY = "disclosure.correction_reply"
ANSWER = "disclosure.answer"
THIRD_PARTY_REPLY = "disclosure.third_party_reply"
AGENCY_REPLY = "disclosure.agency_reply"
DELAYED_ANSWER = "disclosure.delayed_answer"
ANNUAL_REPORT = "disclosure.annual_report"
# The request's answer deadline is the 第三十三条 period, or the later date fixed under 第三十五条.
ANSWER_KEYS = (ANSWER, DELAYED_ANSWER)
PROACTIVE = "disclosure.proactive"
FEE_PAYMENT = "disclosure.fee_payment"
EXTENSION_MAX = "disclosure.extension_max"

register(
    PeriodRule(
        key=CORRECTION_NOTICE,
        name="一次性告知补正",
        unit="wd",
        count=7,
        citation=f"{REG}第三十条",
        effective_from=IN_FORCE,
        note="自收到申请之日起7个工作日内一次性告知申请人补正。",
    ),
    PeriodRule(
        key=CORRECTION_REPLY,
        window=True,
        name="申请人补正期限（默认）",
        unit="wd",
        count=15,
        citation=f"{REG}第三十条（“合理的补正期限”，由行政机关确定）",
        effective_from=IN_FORCE,
        status=UNVERIFIED,
        setting_key="disclosure.correction_reply_days",
        note="条例只要求“合理的补正期限”；15个工作日为本平台默认值，可按机关设置修改。",
    ),
    PeriodRule(
        key=ANSWER,
        name="答复政府信息公开申请",
        unit="wd",
        count=20,
        citation=f"{REG}第三十三条第二款、第三款",
        effective_from=IN_FORCE,
        pausable=True,
        extension_max=20,
        restartable=True,
        note="自收到申请之日起20个工作日内答复；经负责人同意并告知申请人可延长一次，最长20个工作日；"
        "征求第三方和其他机关意见所需时间不计算在内；补正的，自收到补正申请之日起计算（第三十条）。",
    ),
    # The 2007 text (国务院令第492号) 第二十四条: 当场答复, otherwise within 15 working days of receipt; one extension
    # of at most 15 working days with the office head's approval and notice to the applicant; the time taken to
    # consult a third party is not counted. Not in ../data/laws: UNVERIFIED, so both numbers are settings.
    PeriodRule(
        key=ANSWER,
        name="答复政府信息公开申请",
        unit="wd",
        count=15,
        citation=f"{REG_2007}第二十四条第二款、第三款",
        effective_from=TEXT_2007_FROM,
        effective_to=TEXT_2007_TO,
        pausable=True,
        extension_max=15,
        extension_setting="disclosure.extension_max_2007",
        extension_citation=f"{REG_2007}第二十四条第二款",
        status=UNVERIFIED,
        setting_key="disclosure.answer_days_2007",
        note="能够当场答复的，应当当场予以答复；不能当场答复的，自收到申请之日起15个工作日内予以答复；"
        "经政府信息公开工作机构负责人同意并告知申请人，可延长一次，最长不超过15个工作日；"
        "征求第三方意见所需时间不计算在内。2007年条例原文未随平台提供（未核实），两个数值均可按机关设置修改。",
    ),
    PeriodRule(
        key=THIRD_PARTY_REPLY,
        window=True,
        name="第三方提出意见",
        unit="wd",
        count=15,
        citation=f"{REG}第三十二条",
        effective_from=IN_FORCE,
        note="第三方应当自收到征求意见书之日起15个工作日内提出意见；逾期未提出的，由行政机关依法决定。",
    ),
    PeriodRule(
        key=AGENCY_REPLY,
        window=True,
        name="被征求意见机关提出意见",
        unit="wd",
        count=15,
        citation=f"{REG}第三十四条",
        effective_from=IN_FORCE,
        note="两个以上行政机关共同制作的政府信息，牵头制作的机关可以征求相关机关意见；被征求意见机关应当自收到"
        "征求意见书之日起15个工作日内提出意见，逾期未提出意见的视为同意公开。这是被征求意见机关的期间，不是本机关的期限。",
    ),
    DateRule(
        key=DELAYED_ANSWER,
        name="延迟答复政府信息公开申请",
        citation=f"{REG}第三十五条",
        effective_from=IN_FORCE,
        note="申请公开的数量、频次明显超过合理范围，申请理由合理但无法在第三十三条规定的期限内答复的，"
        "行政机关确定延迟答复的合理期限并告知申请人；答复期限即为该日期。",
    ),
    # 第四十九条第一款 names 县级以上人民政府部门 (by 31 January); a town's day is what the district requires, in
    # practice also 31 January (DOMAIN.md 3.3, UNVERIFIED), so it is a setting: a day of the year, e.g. "01-31".
    AnnualDateRule(
        key=ANNUAL_REPORT,
        name="公布上一年度政府信息公开工作年度报告",
        month=1,
        day=31,
        citation=f"{REG}第四十九条第一款",
        effective_from=IN_FORCE,
        status=UNVERIFIED,
        setting_key="disclosure.annual_report_due",
        note="县级以上人民政府部门应当在每年1月31日前公布上一年度年度报告；条例未写明乡镇人民政府的日期，"
        "区里通常要求1月31日前公布（未核实），可按机关设置修改（设置值为月日，如 0131 或 01-31）。",
    ),
    # The 2007 text (第三十一条): each agency publishes its annual report by 31 March (UNVERIFIED, a setting).
    AnnualDateRule(
        key=ANNUAL_REPORT,
        name="公布上一年度政府信息公开工作年度报告",
        month=3,
        day=31,
        citation=f"{REG_2007}第三十一条",
        effective_from=TEXT_2007_FROM,
        effective_to=TEXT_2007_TO,
        status=UNVERIFIED,
        setting_key="disclosure.annual_report_due_2007",
        note="各级行政机关应当在每年3月31日前公布本行政机关的政府信息公开工作年度报告。2007年条例原文未随平台提供（未核实）。",
    ),
    PeriodRule(
        key=PROACTIVE,
        name="主动公开政府信息",
        unit="wd",
        count=20,
        citation=f"{REG}第二十六条",
        effective_from=IN_FORCE,
        note="自该政府信息形成或者变更之日起20个工作日内公开。",
    ),
    # The 2007 text (国务院令第492号, in force 2008-05-01 to 2019-05-14) set the same 20 working days for proactive
    # disclosure; kept so older catalogue items are judged by the text of their time. Not checked against the text
    # in ../data/laws (only the 2019 text is there), hence UNVERIFIED.
    PeriodRule(
        key=PROACTIVE,
        name="主动公开政府信息",
        unit="wd",
        count=20,
        citation="《中华人民共和国政府信息公开条例》（2007年）第十八条",
        effective_from=date(2008, 5, 1),
        effective_to=date(2019, 5, 14),
        status=UNVERIFIED,
        note="自该政府信息形成或者变更之日起20个工作日内予以公开。",
    ),
    PeriodRule(
        key=FEE_PAYMENT,
        window=True,
        name="缴纳信息处理费",
        unit="wd",
        count=20,
        citation="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        effective_from=FEES_FROM,
        status=UNVERIFIED,
        setting_key="disclosure.fee_payment_days",
        note="缴费期限为本平台默认值（未核实），可按机关设置修改。",
    ),
    AmountRule(
        key=EXTENSION_MAX,
        name="延长答复期限的上限",
        value=Decimal(20),
        unit="个工作日",
        citation=f"{REG}第三十三条第二款",
        effective_from=IN_FORCE,
    ),
)

# 信息处理费 (国办函〔2020〕109号, SECONDARY): both schedules progressive; the setting "disclosure.fee_schedule"
# overrides the whole structure. Per request: count of this applicant's requests in the calendar month.
FEES_ENABLED_SETTING = "disclosure.fees_enabled"
FEE_SCHEDULE_SETTING = "disclosure.fee_schedule"
FEE_SCHEDULE_STATUS = SECONDARY
DEFAULT_FEE_SCHEDULE = {
    "per_request": {
        "free_upto": 10,
        "bands": [[30, 100]],  # 11–30 → 100 元/件
        "step_size": 10,  # from 31: +100 元/件 for every further band of 10
        "step_increase": 100,
    },
    "per_page": {"bands": [[30, 0], [100, 10], [200, 20], [None, 40]]},
    "citation": "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
}


# The transition table: action → (states it may start from, state it leads to, why others are refused).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None, str]] = {
    "confirm_receipt": (
        (S.AWAITING_RECEIPT,),
        S.IN_PROGRESS,
        f"只有待确认收到的申请才能确认收到日期（{REG}第三十一条）",
    ),
    "request_correction": (
        (S.IN_PROGRESS,),
        S.AWAITING_CORRECTION,
        f"补正告知只能在确认收到申请后、作出答复前一次性作出（{REG}第三十条）",
    ),
    "receive_correction": (
        (S.AWAITING_CORRECTION,),
        S.IN_PROGRESS,
        f"只有正在等待补正的申请才能登记收到补正（{REG}第三十条）",
    ),
    "abandon": (
        (S.AWAITING_CORRECTION,),
        S.ABANDONED,
        f"只有告知补正后申请人逾期不补正的，才视为放弃申请（{REG}第三十条）",
    ),
    "start_consultation": (
        (S.IN_PROGRESS,),
        S.CONSULTING,
        f"征求第三方意见只能在办理中进行，且同一时间只能有一项征询（{REG}第三十二条）",
    ),
    "start_agency_consultation": (
        (S.IN_PROGRESS,),
        S.CONSULTING,
        f"征求相关行政机关意见只能在办理中进行，且同一时间只能有一项征询（{REG}第三十四条）",
    ),
    "record_consultation_receipt": (
        (S.CONSULTING,),
        None,
        f"该申请没有正在进行的意见征询（{REG}第三十二条、第三十四条）",
    ),
    "finish_consultation": (
        (S.CONSULTING,),
        S.IN_PROGRESS,
        f"该申请没有正在进行的第三方意见征询（{REG}第三十二条）",
    ),
    "finish_agency_consultation": (
        (S.CONSULTING,),
        S.IN_PROGRESS,
        f"该申请没有正在进行的相关行政机关意见征询（{REG}第三十四条）",
    ),
    "ask_reasons": (
        (S.IN_PROGRESS,),
        None,
        f"要求申请人说明理由只能在办理中、作出答复前进行（{REG}第三十五条）",
    ),
    "assess_reasons": (
        (S.IN_PROGRESS,),
        None,
        f"认定申请理由只能在办理中、作出答复前进行（{REG}第三十五条）",
    ),
    "delay_answer": (
        (S.IN_PROGRESS,),
        None,
        f"确定延迟答复期限只能在办理中、作出答复前进行（{REG}第三十五条）",
    ),
    "extend": (
        (S.IN_PROGRESS, S.CONSULTING),
        None,
        f"只有正在办理的申请才能延长答复期限（{REG}第三十三条第二款）",
    ),
    "issue_fee_notice": (
        (S.IN_PROGRESS,),
        S.AWAITING_FEE,
        "只有正在办理的申请才能发出收费通知（《政府信息公开信息处理费管理办法》）",
    ),
    "record_fee_payment": (
        (S.AWAITING_FEE,),
        S.IN_PROGRESS,
        "该申请没有待缴的信息处理费（《政府信息公开信息处理费管理办法》）",
    ),
    "close_unpaid": (
        (S.AWAITING_FEE,),
        S.FEE_LAPSED,
        "只有逾期未缴费的申请才能按“逾期未缴费，不再处理”办结（《政府信息公开信息处理费管理办法》）",
    ),
    "answer": (
        (S.IN_PROGRESS,),
        S.ANSWERED,
        "",  # refused with a state-specific reason, see ANSWER_REFUSALS
    ),
}

ANSWER_REFUSALS = {
    S.AWAITING_RECEIPT: f"申请尚未确认收到，不能作出答复：请先按{REG}第三十一条确认收到申请之日",
    S.AWAITING_CORRECTION: f"申请人尚未补正，不能作出答复：答复期限自收到补正的申请之日起计算（{REG}第三十条）；"
    "逾期不补正的应按“视为放弃申请”办结",
    S.CONSULTING: "意见征询尚未结束，不能作出答复：应待被征求意见方提出意见或其15个工作日期满"
    f"（{REG}第三十二条、第三十四条）",
    S.AWAITING_FEE: "信息处理费尚未缴纳，不能作出答复（《政府信息公开信息处理费管理办法》）",
    S.ANSWERED: f"该申请已经答复，不能再次答复；申请人重复申请的，应作为新申请按{REG}第三十六条第（六）项处理",
    S.ABANDONED: f"该申请已视为放弃，行政机关不再处理（{REG}第三十条）",
    S.FEE_LAPSED: "该申请因逾期未缴费已不再处理（《政府信息公开信息处理费管理办法》）",
}


# --- which text governs a request (2007 or 2019) --------------------------------------------------------------------


def receipt_day(request) -> date:
    """The day that decides the text: the receipt date once known, else the submission (arrival) date."""
    return request.received_on or request.submitted_on


def under_2007_text(request) -> bool:
    """A request received before 2019-05-15 is handled under the 2007 text (2019 text 第五十六条)."""
    return receipt_day(request) < IN_FORCE


def text_label(request) -> str:
    return REG_2007 if under_2007_text(request) else REG


def only_in_2019_text(request, what: str, article: str) -> str | None:
    """The refusal of a step the 2007 text does not have (补正 restarting the clock, 第三十四条, 第三十五条, fees), or
    None for a request under the 2019 text."""
    if not under_2007_text(request):
        return None
    return (
        f"本申请于 {receipt_day(request)} 收到，适用{REG_2007}（修订后的条例自2019年5月15日起施行，{REG}第五十六条）；"
        f"{what}是修订后的条例{article}规定的程序，修订前的条例没有，不适用于本申请。"
    )


def extension_article(request) -> str:
    """Where the one extension of the answer period comes from: 2019 第三十三条第二款, or 2007 第二十四条第二款."""
    return f"{REG_2007}第二十四条第二款" if under_2007_text(request) else f"{REG}第三十三条第二款"


def extension_allowed(request) -> int:
    """The most working days one extension may add for this request: 20 (2019), or the 2007 setting (default 15)."""
    from fazhi.core.rules import rule_for

    return rule_for(ANSWER, on=receipt_day(request)).extension_allowed(request.body_id)


def refusal(action: str) -> str:
    """The refusal of ``action`` taken from a state it does not start from ({status}: the current state)."""
    return f"{TRANSITIONS[action][2]}。当前状态：{{status}}。"


def answer_refusal(request) -> str:
    why = ANSWER_REFUSALS.get(request.status, "该申请当前不能作出答复")
    return f"{why}。当前状态：{request.get_status_display()}。"


# The one transition table of a request as (from, to) pairs, for the step helper's check.
REQUEST_MOVES = frozenset(
    (start, target) for starts, target, _why in TRANSITIONS.values() if target for start in starts
)


def check_request_move(old: str, new: str) -> None:
    if (old, new) not in REQUEST_MOVES:
        raise InvalidTransition(f"申请不能从“{S(old).label}”转为“{S(new).label}”。")


# A catalogue item: 待公开 → 已公开 (第二十六条) → 已废止.
CATALOGUE_MOVES = frozenset(
    {(CatalogueState.PENDING, CatalogueState.PUBLISHED), (CatalogueState.PUBLISHED, CatalogueState.REPEALED)}
)


def check_catalogue_move(old: str, new: str) -> None:
    if (old, new) not in CATALOGUE_MOVES:
        raise InvalidTransition(f"目录条目不能从“{CatalogueState(old).label}”转为“{CatalogueState(new).label}”。")


# An annual report: 草稿 → 已公布 (第四十九条、第五十条); a published report is frozen.
def check_report_move(old: str, new: str) -> None:
    if (old, new) != (ReportState.DRAFT, ReportState.PUBLISHED):
        raise InvalidTransition(f"年度报告不能从“{ReportState(old).label}”转为“{ReportState(new).label}”。")


# A review or lawsuit: 尚未审结 → one result, once.
def check_remedy_move(old: str, new: str) -> None:
    if old != RemedyResult.PENDING or new == RemedyResult.PENDING:
        raise InvalidTransition(f"复议诉讼不能从“{RemedyResult(old).label}”转为“{RemedyResult(new).label}”。")


def due_for(rule_key: str, start: date, *, body_id: int | None = None):
    """The due date (with its explanation) of a rule from a start date, without storing a deadline."""
    return compute_for_rule(rule_key, start, body_id=body_id, estimate=True)


def correction_window(request):
    """The 7-working-day window of 第三十条 for the one-time correction notice, counted from receipt."""
    return due_for(CORRECTION_NOTICE, request.received_on, body_id=request.body_id)
