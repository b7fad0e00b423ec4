"""Every write of a penalty case: one function per step of the ordinary and summary procedures, split by stage.

Each step runs through the step helper (``fazhi.core.steps``): the role and scope check, the case row locked, the
transition table, the step date, one chain entry with the step's own event code, and the deadlines it opens and
closes. A step function holds only what is particular to it; a refused step changes nothing. Callers import from
here (``from fazhi.enforcement import services``); the stages live in the submodules:

- ``filing``: 案源, 提请立案, 批准/不予立案 (第五十四条)
- ``investigation``: 调查取证, 证据, 回避, 先行登记保存, 补充调查 (第四十二条至第五十六条)
- ``proposal``: 处理建议, 事先告知, 陈述申辩, 放弃, 听证 (第四十四条、第四十五条、第五十七条、第六十二条至第六十五条)
- ``review``: 法制审核, 报请决定, 集体讨论, 办案期限 (第五十七条第二款、第五十八条、第六十条)
- ``decision``: 作出决定, 送达 (第五十九条至第六十一条)
- ``execution``: 缴款, 暂缓, 复议诉讼, 加处罚款, 催告, 申请法院强制执行 (第六十六条至第七十三条; 行政强制法)
- ``closing``: 结案, 归档, 文书
- ``summary``: 简易程序 (第五十一条、第五十二条)
"""

from fazhi.enforcement.services._common import CASE, CASE_TYPE, DOC_118, PENALTY_KINDS, investigator_ids, prefix_for
from fazhi.enforcement.services.closing import (
    archive_case,
    archive_index,
    close_case,
    generate_document,
    generate_missing_documents,
)
from fazhi.enforcement.services.decision import decide, decision_summary, file_major_decision, serve
from fazhi.enforcement.services.execution import (
    apply_to_court,
    approve_deferral,
    bank_collection,
    conclude_remedy,
    court_application_window,
    hand_in_collection,
    issue_demand,
    record_payment,
    record_remedy,
    surcharge_on,
)
from fazhi.enforcement.services.filing import (
    Limitation,
    approve_filing,
    decline_filing,
    limitation_for,
    register_lead,
    request_filing,
)
from fazhi.enforcement.services.investigation import (
    add_evidence,
    decide_recusal,
    end_seizure,
    extend_seizure,
    handle_preservation,
    preserve_evidence,
    record_act,
    reopen_investigation,
)
from fazhi.enforcement.services.proposal import (
    hearing_threshold,
    hold_hearing,
    in_hearing_scope,
    notify,
    notify_hearing,
    propose,
    record_statement,
    request_hearing,
    waive_rights,
)
from fazhi.enforcement.services.review import (
    extend_decision_period,
    on_review_concluded,
    ready_for_decision,
    record_deliberation,
    review_passed,
    review_reasons,
    submit_for_review,
)
from fazhi.enforcement.services.summary import decide_on_the_spot, file_summary_decision, summary_caps

__all__ = [
    "CASE",
    "CASE_TYPE",
    "DOC_118",
    "PENALTY_KINDS",
    "Limitation",
    "add_evidence",
    "apply_to_court",
    "bank_collection",
    "hand_in_collection",
    "approve_deferral",
    "approve_filing",
    "archive_case",
    "archive_index",
    "close_case",
    "conclude_remedy",
    "court_application_window",
    "decide",
    "decide_on_the_spot",
    "decide_recusal",
    "decision_summary",
    "decline_filing",
    "end_seizure",
    "extend_decision_period",
    "extend_seizure",
    "file_major_decision",
    "file_summary_decision",
    "generate_document",
    "generate_missing_documents",
    "handle_preservation",
    "hearing_threshold",
    "hold_hearing",
    "in_hearing_scope",
    "investigator_ids",
    "issue_demand",
    "limitation_for",
    "notify",
    "notify_hearing",
    "on_review_concluded",
    "preserve_evidence",
    "prefix_for",
    "propose",
    "ready_for_decision",
    "record_act",
    "record_deliberation",
    "record_payment",
    "record_remedy",
    "record_statement",
    "register_lead",
    "reopen_investigation",
    "request_filing",
    "request_hearing",
    "review_passed",
    "review_reasons",
    "serve",
    "submit_for_review",
    "summary_caps",
    "surcharge_on",
    "waive_rights",
]
