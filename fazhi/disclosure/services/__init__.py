"""Every write of information disclosure, split by stage; callers keep writing ``services.answer_request(...)``.

- a request (依申请公开, 条例 第二十九条—第四十二条), one module a stage: ``intake`` (the application, the receipt day
  by channel, registration, confirmation: 第二十九条, 第三十一条), ``correction`` (补正, 第三十条), ``consultation``
  (a third party or the agencies that made the information, 第三十二条, 第三十四条), ``extension`` (第三十三条第二款),
  ``excessive`` (reasons asked, assessed, the answer delayed: 第三十五条), ``fee_notices`` (信息处理费, 第四十二条) and
  ``answer`` (第三十六条, 第三十七条); ``_request`` holds the request workflow they share. The answer clock (20
  working days, 第三十三条) lives in core's deadline table: it opens on receipt, pauses for a correction, a third
  party or a fee, restarts on a corrected request (第三十条) and closes with the answer;
- ``remedies``: administrative review and litigation (第五十一条);
- ``catalogue``: the proactive catalogue and the guide (第十二条, 第二十条, 第二十一条, 第二十六条);
- ``reports``: the annual report (第四十九条, 第五十条).

Each step is a block of core's step helper (``fazhi.core.steps``): role and scope (``core.access.require``), row
lock, the transition table, the step date, save, one chain entry with the step's own event code, and the deadlines
through ``fazhi.core.deadlines``.
"""

from fazhi.disclosure.services._request import REQUEST
from fazhi.disclosure.services.answer import answer_request
from fazhi.disclosure.services.catalogue import (
    CATALOGUE,
    GUIDE,
    GUIDE_FIELDS,
    add_catalogue_entry,
    publish_catalogue_entry,
    repeal_catalogue_entry,
    save_guide,
)
from fazhi.disclosure.services.common import REG, next_number
from fazhi.disclosure.services.consultation import (
    agency_consultation_refusal,
    consultation_receipt_refusal,
    finish_agency_consultation,
    finish_consultation,
    open_consultation,
    record_consultation_receipt,
    start_agency_consultation,
    start_consultation,
)
from fazhi.disclosure.services.correction import (
    correction_refusal,
    mark_abandoned,
    receive_correction,
    request_correction,
)
from fazhi.disclosure.services.excessive import (
    ask_reasons,
    ask_reasons_refusal,
    assess_reasons,
    assess_reasons_refusal,
    delay_answer,
    delay_refusal,
    reasons_inquiry,
)
from fazhi.disclosure.services.extension import extend_answer, extension_refusal
from fazhi.disclosure.services.fee_notices import (
    close_unpaid,
    fee_notice_refusal,
    fees_enabled,
    issue_fee_notice,
    record_fee_payment,
)
from fazhi.disclosure.services.intake import (
    CODE_ALPHABET,
    CONFIRMED_CHANNELS,
    RECEIPT_BASIS,
    confirm_receipt,
    register_request,
    validate_application,
)
from fazhi.disclosure.services.remedies import REMEDY, conclude_remedy, record_remedy
from fazhi.disclosure.services.reports import REPORT, create_report, edit_report, publish_report

__all__ = [
    "CATALOGUE",
    "CODE_ALPHABET",
    "CONFIRMED_CHANNELS",
    "GUIDE",
    "GUIDE_FIELDS",
    "RECEIPT_BASIS",
    "REG",
    "REMEDY",
    "REPORT",
    "REQUEST",
    "add_catalogue_entry",
    "agency_consultation_refusal",
    "answer_request",
    "ask_reasons",
    "ask_reasons_refusal",
    "assess_reasons",
    "assess_reasons_refusal",
    "close_unpaid",
    "conclude_remedy",
    "confirm_receipt",
    "consultation_receipt_refusal",
    "correction_refusal",
    "create_report",
    "delay_answer",
    "delay_refusal",
    "edit_report",
    "extend_answer",
    "extension_refusal",
    "fee_notice_refusal",
    "fees_enabled",
    "finish_agency_consultation",
    "finish_consultation",
    "issue_fee_notice",
    "mark_abandoned",
    "next_number",
    "open_consultation",
    "publish_catalogue_entry",
    "publish_report",
    "reasons_inquiry",
    "receive_correction",
    "record_consultation_receipt",
    "record_fee_payment",
    "record_remedy",
    "register_request",
    "repeal_catalogue_entry",
    "request_correction",
    "save_guide",
    "start_agency_consultation",
    "start_consultation",
    "validate_application",
]
