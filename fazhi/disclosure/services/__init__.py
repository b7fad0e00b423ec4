"""Every write of information disclosure, split by stage; callers keep writing ``services.answer_request(...)``.

- ``requests``: intake, receipt, correction, consultation, extension, fees and the answer (条例 第二十九条—第四十二条);
- ``remedies``: administrative review and litigation (第五十一条);
- ``catalogue``: the proactive catalogue and the guide (第十二条, 第二十条, 第二十一条, 第二十六条);
- ``reports``: the annual report (第四十九条, 第五十条).

Each step is a block of core's step helper (``fazhi.core.steps``): role and scope (``core.access.require``), row
lock, the transition table, the step date, save, one chain entry with the step's own event code, and the deadlines
through ``fazhi.core.deadlines``.
"""

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
from fazhi.disclosure.services.remedies import REMEDY, conclude_remedy, record_remedy
from fazhi.disclosure.services.reports import REPORT, create_report, edit_report, publish_report
from fazhi.disclosure.services.requests import (
    CODE_ALPHABET,
    CONFIRMED_CHANNELS,
    RECEIPT_BASIS,
    REQUEST,
    agency_consultation_refusal,
    answer_request,
    ask_reasons,
    ask_reasons_refusal,
    assess_reasons,
    assess_reasons_refusal,
    close_unpaid,
    confirm_receipt,
    consultation_receipt_refusal,
    correction_refusal,
    delay_answer,
    delay_refusal,
    extend_answer,
    extension_refusal,
    fee_notice_refusal,
    fees_enabled,
    finish_agency_consultation,
    finish_consultation,
    issue_fee_notice,
    mark_abandoned,
    open_consultation,
    reasons_inquiry,
    receive_correction,
    record_consultation_receipt,
    record_fee_payment,
    register_request,
    request_correction,
    start_agency_consultation,
    start_consultation,
    validate_application,
)

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
