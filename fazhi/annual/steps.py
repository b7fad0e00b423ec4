"""The report's steps, declared once for the page (and its order), the step view and the API."""

from fazhi.annual import forms, rules, services
from fazhi.annual.models import ReportState
from fazhi.core.step_specs import StepSet, StepSpec

REPORT_STEPS = StepSet(
    "annual.report",
    [
        StepSpec(
            "edit",
            "修改正文",
            forms.EditReportForm,
            lambda *, actor, obj, **kw: services.edit_report(actor=actor, report=obj, **kw),
            roles=services.DRAFTERS,
            when=lambda r: r.state == ReportState.DRAFT,
            button="保存为新版本",
        ),
        StepSpec(
            "approve",
            "负责人审定",
            forms.ApproveForm,
            lambda *, actor, obj, **kw: services.approve_report(actor=actor, report=obj, **kw),
            roles=services.APPROVERS,
            when=lambda r: r.state == ReportState.DRAFT,
            citation=rules.CONTENT_CITATION,
            primary=True,
            confirm="审定后正文和数据即冻结并记入审计链，不能再修改。",
        ),
        StepSpec(
            "submit",
            "报送区委、区政府（抄送督察单位）",
            forms.SubmitForm,
            lambda *, actor, obj, **kw: services.submit_report(actor=actor, report=obj, **kw),
            roles=services.DRAFTERS,
            when=lambda r: r.state == ReportState.APPROVED,
            citation=f"{rules.RULES_DOC}第二十三条第二款",
            button="登记报送",
        ),
        StepSpec(
            "publish",
            "向社会公开",
            forms.PublishForm,
            lambda *, actor, obj, **kw: services.publish_report(actor=actor, report=obj, **kw),
            roles=services.DRAFTERS,
            when=lambda r: r.state in (ReportState.APPROVED, ReportState.SUBMITTED),
            citation=f"{rules.RULES_DOC}第二十四条",
            confirm="公开后报告将出现在门户网站上。",
            button="公开",
        ),
    ],
)
