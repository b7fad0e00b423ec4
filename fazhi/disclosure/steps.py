"""Every disclosure step declared once: label, form, service, who takes it, where in the procedure, what blocks it.

The request page, the POST views and the ninja API all loop over these ``StepSet``s (core.step_specs), so the
browser and the API offer the same steps with the same inputs:

- ``REQUEST_STEPS``: the steps on one request, in procedural order (条例 第三十条 to 第四十二条);
- ``CATALOGUE_STEPS``, ``REPORT_STEPS``, ``REMEDY_STEPS``: the steps on one catalogue item, report or case;
- ``CREATE_STEPS``: the steps that create a record in the clerk's own body (a request, a catalogue item, the guide,
  a report, a review or lawsuit).
"""

from __future__ import annotations

from fazhi.core.errors import NotPermitted
from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.disclosure import forms, rules, selectors, services
from fazhi.disclosure.models import CatalogueState, ConsultationKind, RemedyResult, ReportState
from fazhi.disclosure.services.common import CLERK

REG = rules.REG


def _on_request(service):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, request=obj, **kwargs)

    return run


def _consulting(kind: str):
    """The finishing step of the consultation under way (a third party's or an agency's)."""

    def when(request) -> bool:
        consultation = services.open_consultation(request)
        return consultation is not None and consultation.kind == kind

    return when


def _awaiting_letter_receipt(request) -> bool:
    consultation = services.open_consultation(request)
    return consultation is not None and consultation.received_on is None


def _starts(action: str) -> tuple[str, ...]:
    """The states a request step is taken from: the transition table's, so page and service cannot disagree."""
    return tuple(rules.TRANSITIONS[action][0])


REQUEST_STEPS = StepSet(
    "disclosure.request",
    [
        StepSpec(
            "confirm",
            "确认收到申请",
            forms.ConfirmReceiptForm,
            _on_request(services.confirm_receipt),
            roles=CLERK,
            statuses=_starts("confirm_receipt"),
            citation=f"{REG}第三十一条",
            primary=True,
        ),
        StepSpec(
            "correction",
            "告知补正（一次性）",
            forms.CorrectionForm,
            _on_request(services.request_correction),
            roles=CLERK,
            statuses=_starts("request_correction"),
            guards=(services.correction_refusal,),
            citation=f"{REG}第三十条",
        ),
        StepSpec(
            "receive_correction",
            "收到补正",
            forms.ReceiveCorrectionForm,
            _on_request(services.receive_correction),
            roles=CLERK,
            statuses=_starts("receive_correction"),
            citation=f"{REG}第三十条",
            primary=True,
        ),
        StepSpec(
            "abandon",
            "逾期不补正，视为放弃申请",
            forms.AbandonForm,
            _on_request(services.mark_abandoned),
            roles=CLERK,
            statuses=_starts("abandon"),
            citation=f"{REG}第三十条",
            confirm="申请人无正当理由逾期不补正的，视为放弃申请，本申请随即办结。",
        ),
        StepSpec(
            "consult",
            "书面征求第三方意见",
            forms.ConsultationForm,
            _on_request(services.start_consultation),
            roles=CLERK,
            statuses=_starts("start_consultation"),
            citation=f"{REG}第三十二条",
        ),
        StepSpec(
            "consult_agency",
            "书面征求相关行政机关意见（共同制作的信息）",
            forms.AgencyConsultationForm,
            _on_request(services.start_agency_consultation),
            roles=CLERK,
            statuses=_starts("start_agency_consultation"),
            guards=(services.agency_consultation_refusal,),
            citation=f"{REG}第三十四条、第三十三条第三款",
        ),
        StepSpec(
            "consultation_received",
            "登记收到征求意见书",
            forms.ConsultationReceiptForm,
            _on_request(services.record_consultation_receipt),
            roles=CLERK,
            statuses=_starts("record_consultation_receipt"),
            when=_awaiting_letter_receipt,
            citation=f"{REG}第三十二条、第三十四条（自收到征求意见书之日起15个工作日）",
            primary=True,
        ),
        StepSpec(
            "finish_consultation",
            "第三方意见征询结束",
            forms.FinishConsultationForm,
            _on_request(services.finish_consultation),
            roles=CLERK,
            statuses=_starts("finish_consultation"),
            when=_consulting(ConsultationKind.THIRD_PARTY),
            guards=(services.consultation_receipt_refusal,),
            citation=f"{REG}第三十二条",
            primary=True,
        ),
        StepSpec(
            "finish_agency_consultation",
            "相关行政机关意见征询结束",
            forms.FinishAgencyConsultationForm,
            _on_request(services.finish_agency_consultation),
            roles=CLERK,
            statuses=_starts("finish_agency_consultation"),
            when=_consulting(ConsultationKind.AGENCY),
            guards=(services.consultation_receipt_refusal,),
            citation=f"{REG}第三十四条",
            primary=True,
        ),
        StepSpec(
            "ask_reasons",
            "要求申请人说明理由（申请数量、频次明显超过合理范围）",
            forms.AskReasonsForm,
            _on_request(services.ask_reasons),
            roles=CLERK,
            statuses=_starts("ask_reasons"),
            when=lambda req: services.reasons_inquiry(req) is None,
            guards=(services.ask_reasons_refusal,),
            citation=f"{REG}第三十五条",
        ),
        StepSpec(
            "assess_reasons",
            "认定申请理由是否合理",
            forms.AssessReasonsForm,
            _on_request(services.assess_reasons),
            roles=CLERK,
            statuses=_starts("assess_reasons"),
            when=lambda req: (i := services.reasons_inquiry(req)) is not None and i.assessed_on is None,
            citation=f"{REG}第三十五条",
            primary=True,
        ),
        StepSpec(
            "delay_answer",
            "确定延迟答复期限",
            forms.DelayAnswerForm,
            _on_request(services.delay_answer),
            roles=CLERK,
            statuses=_starts("delay_answer"),
            when=lambda req: (i := services.reasons_inquiry(req)) is not None and i.reasonable is True,
            guards=(services.delay_refusal,),
            citation=f"{REG}第三十五条",
        ),
        StepSpec(
            "fee",
            "发出信息处理费收费通知",
            forms.FeeNoticeForm,
            _on_request(services.issue_fee_notice),
            roles=CLERK,
            statuses=_starts("issue_fee_notice"),
            when=lambda req: services.fees_enabled(req.body),
            guards=(services.fee_notice_refusal,),
            citation=f"{REG}第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        ),
        StepSpec(
            "fee_paid",
            "登记缴费",
            forms.FeePaidForm,
            _on_request(services.record_fee_payment),
            roles=CLERK,
            statuses=_starts("record_fee_payment"),
            citation="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
            primary=True,
        ),
        StepSpec(
            "fee_lapsed",
            "逾期未缴费，不再处理",
            forms.FeeLapsedForm,
            _on_request(services.close_unpaid),
            roles=CLERK,
            statuses=_starts("close_unpaid"),
            citation="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
            confirm="申请人逾期未缴费的，不再处理，本申请随即办结。",
        ),
        StepSpec(
            "extend",
            "延长答复期限",
            forms.ExtensionForm,
            _on_request(services.extend_answer),
            roles=CLERK,
            statuses=_starts("extend"),
            guards=(services.extension_refusal,),
            citation=f"{REG}第三十三条第二款",
        ),
        StepSpec(
            "answer",
            "作出答复",
            forms.AnswerForm,
            _on_request(services.answer_request),
            roles=CLERK,
            statuses=_starts("answer"),
            citation=f"{REG}第三十六条、第三十七条",
            primary=True,
            confirm="答复后申请即办结，不能再次答复。",
        ),
    ],
    prefixed=True,
)


CATALOGUE_STEPS = StepSet(
    "disclosure.catalogue",
    [
        StepSpec(
            "publish",
            "公开",
            forms.PublishEntryForm,
            lambda *, actor, obj, **kw: services.publish_catalogue_entry(actor=actor, entry=obj, **kw),
            roles=CLERK,
            when=lambda entry: entry.state == CatalogueState.PENDING,
            citation=f"{REG}第二十六条",
        ),
        StepSpec(
            "repeal",
            "废止",
            forms.RepealEntryForm,
            lambda *, actor, obj, **kw: services.repeal_catalogue_entry(actor=actor, entry=obj, **kw),
            roles=CLERK,
            when=lambda entry: entry.state == CatalogueState.PUBLISHED,
        ),
    ],
)


REPORT_STEPS = StepSet(
    "disclosure.report",
    [
        StepSpec(
            "edit",
            "编辑文字部分和填报数据",
            forms.ReportEditForm,
            lambda *, actor, obj, **kw: services.edit_report(actor=actor, report=obj, **kw),
            roles=CLERK,
            when=lambda report: report.state == ReportState.DRAFT,
            button="保存",
        ),
        StepSpec(
            "publish",
            "校验并公布",
            forms.PublishReportForm,
            lambda *, actor, obj, **kw: services.publish_report(actor=actor, report=obj, **kw),
            roles=CLERK,
            when=lambda report: report.state == ReportState.DRAFT,
            citation=f"{REG}第四十九条、第五十条",
            confirm="公布后表格即冻结，不能再修改。",
        ),
    ],
)


REMEDY_STEPS = StepSet(
    "disclosure.remedy",
    [
        StepSpec(
            "conclude",
            "审结",
            forms.ConcludeRemedyForm,
            lambda *, actor, obj, **kw: services.conclude_remedy(actor=actor, remedy=obj, **kw),
            roles=CLERK,
            when=lambda remedy: remedy.result == RemedyResult.PENDING,
            citation=f"{REG}第五十一条",
        ),
    ],
)


def _in_home_body(service):
    """A creating step acts for the clerk's own town (the 行政机关 of 第二十七条)."""

    def run(*, actor, obj, **kwargs):
        body = selectors.home_body(actor)
        if body is None:
            raise NotPermitted("您不属于任何机关，不能办理政府信息公开事项。")
        return service(actor=actor, body=body, **kwargs)

    return run


CREATE_STEPS = StepSet(
    "disclosure.create",
    [
        StepSpec(
            "register",
            "登记政府信息公开申请",
            forms.ClerkRequestForm,
            _in_home_body(services.register_request),
            roles=CLERK,
            citation=f"{REG}第二十九条、第三十一条",
            button="登记",
        ),
        StepSpec(
            "add_catalogue_entry",
            "新增主动公开目录条目",
            forms.CatalogueForm,
            _in_home_body(services.add_catalogue_entry),
            roles=CLERK,
            citation=f"{REG}第十二条、第二十六条",
            button="加入目录",
        ),
        StepSpec(
            "save_guide",
            "保存政府信息公开指南",
            forms.GuideForm,
            _in_home_body(services.save_guide),
            roles=CLERK,
            citation=f"{REG}第十二条",
            button="保存指南",
        ),
        StepSpec(
            "create_report",
            "新建年度报告",
            forms.NewReportForm,
            _in_home_body(services.create_report),
            roles=CLERK,
            citation=f"{REG}第四十九条、第五十条",
            button="新建",
        ),
        StepSpec(
            "record_remedy",
            "登记复议诉讼",
            forms.RemedyForm,
            _in_home_body(services.record_remedy),
            roles=CLERK,
            citation=f"{REG}第五十一条",
            button="登记",
        ),
    ],
)

ALL_STEP_SETS = (REQUEST_STEPS, CATALOGUE_STEPS, REPORT_STEPS, REMEDY_STEPS, CREATE_STEPS)
