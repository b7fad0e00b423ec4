"""Input shapes for the disclosure pages. Validation of substance (articles, states) lives in services."""

from django import forms

from fazhi.disclosure.models import (
    ApplicantType,
    CatalogueCategory,
    Channel,
    DeliveryForm,
    DeliveryMethod,
    IdDocument,
    RemedyKind,
    RemedyResult,
    ThirdPartyReply,
)
from fazhi.disclosure.outcomes import CLERK_CHOICES

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})


def _bootstrap(form: forms.Form) -> forms.Form:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        else:
            widget.attrs.setdefault("class", "form-control")
    return form


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ApplicationForm(BootstrapForm):
    """第二十九条: who (name, identity document, contact), what (description, 文号), how (form and way)."""

    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    applicant_name = forms.CharField(label="姓名或名称", max_length=100)
    contact_person = forms.CharField(label="联系人（法人或其他组织填写）", max_length=50, required=False)
    id_document_type = forms.ChoiceField(label="身份证明类型", choices=IdDocument.choices)
    id_document_number = forms.CharField(label="身份证明号码", max_length=40)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.CharField(label="电子邮箱", max_length=100, required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=10, required=False)
    description = forms.CharField(
        label="所需信息的名称或特征性描述", max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    document_number = forms.CharField(label="所需信息的文号（如知道）", max_length=100, required=False)
    delivery_form = forms.ChoiceField(label="信息载体形式", choices=DeliveryForm.choices)
    delivery_method = forms.ChoiceField(label="获取方式", choices=DeliveryMethod.choices)


class ClerkRequestForm(ApplicationForm):
    channel = forms.ChoiceField(label="申请渠道", choices=Channel.choices)
    submitted_on = forms.DateField(label="提交（到达）日期", widget=DATE)
    received_on = forms.DateField(
        label="收到申请之日（签收日或双方确认日；当面、口头提交可不填）", required=False, widget=DATE
    )
    oral_record = forms.CharField(
        label="口头申请记录（口头提出时由工作人员代为填写）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["channel", "submitted_on", "received_on", "oral_record"]


class DateForm(BootstrapForm):
    on = forms.DateField(label="日期", widget=DATE)


class CorrectionForm(DateForm):
    items = forms.CharField(label="需要补正的事项", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label="补正期限（不填则按默认15个工作日）", required=False, widget=DATE)


class ReceiveCorrectionForm(DateForm):
    late_reason = forms.CharField(label="逾期补正的正当理由（如逾期）", max_length=300, required=False)


class ConsultationForm(DateForm):
    third_party = forms.CharField(label="第三方", max_length=100)
    matter = forms.CharField(label="征求意见事项", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class FinishConsultationForm(DateForm):
    reply = forms.ChoiceField(label="第三方意见", choices=ThirdPartyReply.choices)
    note = forms.CharField(label="意见摘要", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(DateForm):
    days = forms.IntegerField(label="延长工作日数（最长20）", min_value=1)
    reason = forms.CharField(label="延长理由", max_length=300)
    approver = forms.ChoiceField(label="批准人（负责人）")
    notified_on = forms.DateField(label="告知申请人日期", widget=DATE)

    def __init__(self, *args, approvers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approver"].choices = [("", "—— 请选择 ——"), *[(u.pk, str(u)) for u in approvers]]


class AnswerForm(DateForm):
    outcome = forms.ChoiceField(label="答复类型", choices=[("", "—— 请选择 ——"), *CLERK_CHOICES])
    content = forms.CharField(label="答复内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    reasons = forms.CharField(
        label="理由（不予公开、部分公开等须说明）",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    other_agency = forms.CharField(
        label="负责公开的机关及联系方式（非本机关负责公开时）", max_length=200, required=False
    )


class FeeNoticeForm(DateForm):
    method = forms.ChoiceField(label="计费方式", choices=[("per_request", "按件计收"), ("per_page", "按量计收")])
    quantity = forms.IntegerField(label="本月第几件申请 / 页数", min_value=1)


class CatalogueForm(BootstrapForm):
    title = forms.CharField(label="名称", max_length=200)
    summary = forms.CharField(label="内容概述", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    generated_on = forms.DateField(label="生成日期", widget=DATE)
    category = forms.ChoiceField(label="类别", choices=CatalogueCategory.choices)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    content = forms.CharField(label="正文", max_length=50000, required=False, widget=forms.Textarea(attrs={"rows": 6}))


class GuideForm(BootstrapForm):
    office_name = forms.CharField(label="政府信息公开工作机构名称", max_length=100)
    address = forms.CharField(label="办公地址", max_length=200)
    office_hours = forms.CharField(label="办公时间", max_length=200)
    phone = forms.CharField(label="联系电话", max_length=50)
    fax = forms.CharField(label="传真号码", max_length=50, required=False)
    internet_contact = forms.CharField(label="互联网联系方式", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=10, required=False)
    classification = forms.CharField(
        label="信息分类与编排体系", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    how_to_obtain = forms.CharField(label="获取方式", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class NewReportForm(BootstrapForm):
    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100)


class RemedyForm(BootstrapForm):
    kind = forms.ChoiceField(label="类别", choices=RemedyKind.choices)
    filed_on = forms.DateField(label="受理日期", widget=DATE)
    request_number = forms.CharField(label="涉及申请的登记号（可不填）", max_length=40, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)


class ConcludeRemedyForm(DateForm):
    result = forms.ChoiceField(label="结果", choices=[c for c in RemedyResult.choices if c[0] != "pending"])
