"""The chain's vocabulary: what every payload key and value of every app means in Chinese.

Registered once at start-up (``SupervisionConfig.ready``) into ``fazhi.audit.display``, which the chain pages, the API
and the verify messages read. Supervision sits above every domain app, so it may name their models; it reaches them
through the app registry (``apps.get_model``) rather than importing Model classes (docs/architecture.md, rule 2).

Three sources, most particular first:
- the sub-record a step writes, by event (an investigation act under a case, an answer under a request);
- the subject's own model (field verbose names, choices, and foreign keys to people and bodies);
- a table of the payload keys that are no model field (``in_time``, ``limitation_last_day`` …).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model

from fazhi.audit import display
from fazhi.audit.display import BODY, USER
from fazhi.audit.events import Event

# Event → the model of the record that step writes (its payload's "new" describes that record, not the subject).
EVENT_MODELS: dict[Event, str] = {
    Event.CASE_ACT_RECORDED: "enforcement.InvestigationAct",
    Event.CASE_SEIZURE_EXTENDED: "enforcement.InvestigationAct",
    Event.CASE_SEIZURE_ENDED: "enforcement.InvestigationAct",
    Event.CASE_EVIDENCE_ADDED: "enforcement.Evidence",
    Event.CASE_RECUSAL_DECIDED: "enforcement.Recusal",
    Event.CASE_PRESERVATION_APPROVED: "enforcement.Preservation",
    Event.CASE_PRESERVATION_HANDLED: "enforcement.Preservation",
    Event.CASE_STATEMENT_RECORDED: "enforcement.Statement",
    Event.CASE_HEARING_REQUESTED: "enforcement.Hearing",
    Event.CASE_HEARING_NOTIFIED: "enforcement.Hearing",
    Event.CASE_HEARING_HELD: "enforcement.Hearing",
    Event.CASE_DELIBERATED: "enforcement.Deliberation",
    Event.CASE_SERVED: "enforcement.Service",
    Event.CASE_PAYMENT_RECORDED: "enforcement.Payment",
    Event.CASE_COLLECTION_HANDED_IN: "enforcement.Payment",
    Event.CASE_COLLECTION_BANKED: "enforcement.Payment",
    Event.CASE_REMEDY_RECORDED: "enforcement.Remedy",
    Event.CASE_REMEDY_CONCLUDED: "enforcement.Remedy",
    Event.CASE_DOCUMENT_GENERATED: "enforcement.CaseDocument",
    Event.DISCLOSURE_CORRECTION_REQUESTED: "disclosure.Correction",
    Event.DISCLOSURE_CORRECTION_RECEIVED: "disclosure.Correction",
    Event.DISCLOSURE_CONSULTATION_STARTED: "disclosure.Consultation",
    Event.DISCLOSURE_CONSULTATION_FINISHED: "disclosure.Consultation",
    Event.DISCLOSURE_FEE_NOTICE_ISSUED: "disclosure.FeeNotice",
    Event.DISCLOSURE_FEE_PAID: "disclosure.FeeNotice",
    Event.CASE_SUMMARY_DECIDED: "enforcement.Payment",
    Event.POWER_ITEM_CREATED: "law.PowerItemVersion",
    Event.POWER_ITEM_REVISED: "law.PowerItemVersion",
    Event.POWER_ITEM_RETIRED: "law.PowerItemVersion",
    Event.REVIEW_SUBMITTED: "review.ReviewRequest",
    Event.REVIEW_PASSED: "review.ReviewRequest",
    Event.REVIEW_FAILED: "review.ReviewRequest",
}

# Payload keys that are no model field, for every entry.
COMMON_FIELDS = {
    "in_time": "是否在期限内",
    "late_reason": "逾期理由",
    "rule": "期限",
    "due_date": "届满日",
    "closed_on": "完成日",
    "pauses": "中止记录",
    "extension": "延长",
    "restart_date": "重新起算日",
    "is_estimate": "估算",
    "swept_on": "标记逾期日",
    "start": "起",
    "end": "止",
    "text": "内容",
    "ok": "符合",
    "holder_id": "持证人",
    "person_id": "人员",
    "source": "来源",
    "topic": "培训内容",
    "username": "登录名",
    "is_active": "在职",
    "is_superuser": "系统管理员",
    "province": "省级行政区",
    "key": "标识",
    "articles": "条文数",
    "effective_from": "施行日期",
    "version": "版本",
    "links": "法律依据",
    "levels": "裁量档次",
    "statutory_other": "法定的其他处罚",
    "statutory_fine_min": "法定罚款下限",
    "statutory_fine_max": "法定罚款上限",
    "statutory_fine_unit": "罚款计算单位",
    "statutory_fine_base": "罚款计算基数",
    "original_sm3": "原文 SM3",
    "redacted_sm3": "脱敏稿 SM3",
    "redacted_text": "公开文本",
    "spans": "屏蔽内容",
    "cleared_count": "确认无需屏蔽（处）",
    "reviewer": "审核人",
    "block_reason": "不予公开理由",
    "figures": "统计数据",
    "third_party": "第三方",
    "reply_due": "第三方答复期限",
    "reply": "第三方意见",
    "letter_number": "答复书文号",
    "items": "补正内容",
    "notified_on": "告知日期",
    "channel": "申请渠道",
    "applicant_type": "申请人类型",
    "narrative": "报告正文",
    "inputs": "填报数据",
    "overview": "总体情况",
    "problems": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
    "request_id": "申请",
    "points": "审核要点",
    "reasons": "法制审核理由",
    "round": "审核轮次",
    "review_id": "审核",
    "case": "案件",
    "presiding": "主持人",
    "attendees": "参加人员",
    "dissent": "不同意见",
    "officers": "执法人员",
    "act_id": "调查取证活动",
    "payment_id": "缴款",
    "document_id": "文书",
    "evidence_id": "证据",
    "statement_id": "陈述申辩",
    "deliberation_id": "集体讨论",
    "index_document": "卷内目录文书",
    "size": "大小（字节）",
    "cap": "限额（元）",
    "amount": "金额（元）",
    "surcharge": "加处罚款（元）",
    "surcharge_owed": "应缴加处罚款（元）",
    "surcharge_days": "加处罚款天数",
    "limitation_last_day": "追责期限最后一日",
    "window_due": "陈述申辩期届满日",
    "latest_notice_day": "最迟通知日",
    "party": "当事人",
    "cause": "原因",
    "court": "人民法院",
    "court_from": "可申请法院强制执行之日",
    "hearing_reason": "听证范围的理由",
    "collected_on_spot": "当场收缴",
    "collection_ground": "当场收缴的法定情形",
    "responsible_unit": "承办机构",
    "devolved": "下放事项",
    "devolving_document": "下放文件",
    "accountability": "追责情形",
    # inspection (双随机、一公开)
    "pools": "固定的名单（数量与 SM3）",
    "draw": "抽取结果",
    "results": "检查结果",
    "credit_code": "统一社会信用代码",
    "credit_codes_sm3": "导入代码清单 SM3",
    "file_sm3": "导入文件 SM3",
    "rows": "行数",
    "added": "新增",
    "updated": "更新",
    "inspector": "检查人员编号",
}

# Keys that hold the id of a person or a body.
COMMON_REFS = {
    "holder_id": USER,
    "person_id": USER,
    "approver_id": USER,
    "presiding": USER,
    "officers": USER,
    "body_id": BODY,
    "parent_id": BODY,
}

# Keys whose meaning depends on the step.
EVENT_FIELDS = {
    Event.CASE_ARCHIVED: {"items": "卷内文件（件）"},
    Event.DISCLOSURE_CORRECTION_REQUESTED: {"items": "需补正的内容"},
    Event.DISCLOSURE_CATALOGUE_PUBLISHED: {"in_time": "是否在 20 个工作日内公开"},
}


def _rule_names() -> dict[str, str]:
    from fazhi.core.rules import all_rules

    return {rule.key: rule.name for rule in all_rules()}


def _statistics_labels() -> dict[str, str]:
    try:
        from fazhi.publicity.statistics import ROWS
    except ImportError:  # pragma: no cover - the app is always installed
        return {}
    return dict(ROWS)


def _yes_no_point(point) -> str:
    if not isinstance(point, dict):
        return display.fmt(point)
    verdict = "符合" if point.get("ok") else "不符合"
    note = f"（{point['note']}）" if point.get("note") else ""
    return f"{point.get('text', point.get('key', ''))}：{verdict}{note}"


def _report_inputs() -> dict[str, str]:
    from fazhi.disclosure import reports

    try:
        return reports.input_cells(reports.default_layout())
    except (OSError, ValueError, KeyError):  # a missing or broken layout file must not stop the site
        return {}


def _points(value) -> str:
    return "；".join(_yes_no_point(p) for p in value) if isinstance(value, list) else display.fmt(value)


def _spans(value) -> str:
    if isinstance(value, int):
        return f"{value} 处"
    if isinstance(value, list):
        kinds: dict[str, int] = {}
        table = _span_kinds()
        for span in value:
            kind = span.get("kind", "") if isinstance(span, dict) else ""
            label = table.get(kind, kind or "其他")
            kinds[label] = kinds.get(label, 0) + 1
        detail = "、".join(f"{k}{n}处" for k, n in kinds.items())
        return f"{len(value)} 处（{detail}）" if value else "无"
    return display.fmt(value)


def _span_kinds() -> dict[str, str]:
    from fazhi.publicity.redaction import KINDS

    return {key: kind.label for key, kind in KINDS.items()}


def _pauses(value) -> str:
    if not isinstance(value, list) or not value:
        return "无"
    parts = []
    for p in value:
        if isinstance(p, dict):
            parts.append(
                f"{p.get('start') or '?'} 至 {p.get('end') or '（尚未恢复）'}{'：' + p['reason'] if p.get('reason') else ''}"
            )
    return "；".join(parts) or display.fmt(value)


def register() -> None:
    """Fill ``fazhi.audit.display``'s vocabulary (idempotent: a second call overwrites with the same labels)."""
    user_model = get_user_model()
    body_model = apps.get_model("org", "Body")
    for model in apps.get_models():
        if not model.__module__.startswith("fazhi."):
            continue
        display.register_model(model._meta.label_lower, model, user_model=user_model, body_model=body_model)
    display.register_labels(
        "*",
        fields=COMMON_FIELDS,
        refs=COMMON_REFS,
        values={
            "rule": _rule_names,
            "links": {"basis": "设定依据", "violated": "违则", "penalty": "罚则"},
        },
        formatters={"points": _points, "spans": _spans, "pauses": _pauses},
    )
    display.register_labels("publicity.statisticsreport", fields=_statistics_labels())
    display.register_labels("disclosure.annualreport", fields=_report_inputs())
    for event, label in EVENT_MODELS.items():
        app_label, name = label.split(".")
        model = apps.get_model(app_label, name)
        # The sub-record's own name is no name for the entry's subject: the subject type keeps its name.
        display.register_model(event.value, model, user_model=user_model, body_model=body_model, named=False)
    for event, fields in EVENT_FIELDS.items():
        display.register_labels(event.value, fields=fields)
    display.register_labels("core.calendaryear", name="年度节假日安排")
