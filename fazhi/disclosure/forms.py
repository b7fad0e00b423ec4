"""Input shapes of information disclosure.

Every step is a ``StepForm`` (core.step_specs): the page, the POST view and the API all bind the same form, so the
browser and the API take the same inputs. Forms check shape (dates, choices, lengths); the substance — states,
periods, articles — is the services' to refuse, and a refusal naming a field lands next to that field.
"""

from django import forms
from django.contrib.auth import get_user_model

from fazhi.core.step_specs import StepForm, date_field, text_field
from fazhi.core.validation import SafeFormMixin
from fazhi.disclosure import reports, rules, selectors
from fazhi.disclosure.models import (
    ApplicantType,
    CatalogueCategory,
    Channel,
    DeliveryForm,
    DeliveryMethod,
    DisclosureRequest,
    IdDocument,
    LetterDelivery,
    RemedyKind,
    RemedyResult,
    ThirdPartyReply,
)
from fazhi.disclosure.outcomes import CLERK_CHOICES

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


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


_DEFAULT_REQUIRED = str(forms.Field.default_error_messages["required"])
_DEFAULT_CHOICE = str(forms.ChoiceField.default_error_messages["invalid_choice"])


def _name_errors(form: forms.Form) -> forms.Form:
    """Django's generic messages ("这个字段是必填项。") name the field instead, for the page and the API alike."""
    for field in form.fields.values():
        label = str(field.label or "")
        choose = isinstance(field, forms.ChoiceField)
        if str(field.error_messages.get("required", "")) == _DEFAULT_REQUIRED:
            field.error_messages["required"] = f"请{'选择' if choose else '填写'}{label}。"
        if choose and str(field.error_messages.get("invalid_choice", "")) == _DEFAULT_CHOICE:
            field.error_messages["invalid_choice"] = f"请选择有效的{label}。"
    return form


class BootstrapForm(SafeFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)
        _name_errors(self)


class Form(StepForm):
    """A disclosure step form: core's StepForm with every message naming its field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _name_errors(self)


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


# --- creating a record (the clerk's own body) -----------------------------------------------------------------------


class ClerkRequestForm(StepForm, ApplicationForm):
    """登记申请: the application (第二十九条) and how and when it arrived (第三十一条)."""

    channel = forms.ChoiceField(label="申请渠道", choices=Channel.choices)
    submitted_on = forms.DateField(label="提交（到达）日期", widget=DATE)
    received_on = forms.DateField(
        label="签收日期，或与申请人确认的日期（当面、口头提交不填；平常信函以到达日为收到之日）",
        required=False,
        widget=DATE,
    )
    oral_record = forms.CharField(
        label="口头申请记录（口头提出时由工作人员代为填写）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["channel", "submitted_on", "received_on", "oral_record"]


class CatalogueForm(Form):
    title = text_field("名称", max_length=200)
    summary = text_field("内容概述", max_length=2000, rows=3)
    generated_on = date_field("生成日期")
    category = forms.ChoiceField(label="类别", choices=CatalogueCategory.choices)
    document_number = text_field("文号", required=False, max_length=100)
    content = text_field("正文", required=False, max_length=50000, rows=6)


class GuideForm(Form):
    office_name = text_field("政府信息公开工作机构名称", max_length=100)
    address = text_field("办公地址", max_length=200)
    office_hours = text_field("办公时间", max_length=200)
    phone = text_field("联系电话", max_length=50)
    fax = text_field("传真号码", required=False, max_length=50)
    internet_contact = text_field("互联网联系方式", required=False, max_length=200)
    postcode = text_field("邮政编码", required=False, max_length=10)
    classification = text_field("信息分类与编排体系", max_length=5000, rows=4)
    how_to_obtain = text_field("获取方式", max_length=5000, rows=4)


class NewReportForm(Form):
    year = forms.IntegerField(
        label="报告年度",
        min_value=2008,
        max_value=2100,
        error_messages={"invalid": "报告年度应为四位年份。", "required": "请填写报告年度。"},
    )


class RemedyForm(Form):
    kind = forms.ChoiceField(label="类别", choices=RemedyKind.choices)
    filed_on = date_field("受理日期")
    request_number = text_field("涉及申请的登记号（可不填）", required=False, max_length=40)
    note = text_field("备注", required=False, max_length=300)

    def clean_request_number(self):
        number = self.cleaned_data["request_number"]
        self.linked = None
        if number:
            body = selectors.home_body(self.user) if self.user is not None else None
            self.linked = DisclosureRequest.objects.filter(body=body, number=number).first() if body else None
            if self.linked is None:
                raise forms.ValidationError("没有该登记号的申请。")
        return number

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("request_number", None)
        return {**data, "request": self.linked}


# --- request steps (第三十条 to 第四十二条) --------------------------------------------------------------------------


class ConfirmReceiptForm(Form):
    on = date_field("与申请人确认的日期")


class CorrectionForm(Form):
    on = date_field("告知补正日期")
    items = text_field("需要补正的事项", max_length=2000, rows=3)
    due_on = date_field("补正期限（不填则按默认15个工作日）", required=False)


class ReceiveCorrectionForm(Form):
    on = date_field("收到补正日期")
    late_reason = text_field("逾期补正的正当理由（如逾期）", required=False, max_length=300)


class AbandonForm(Form):
    on = date_field("办结日期")


class ConsultationForm(Form):
    on = date_field("发出征求意见书日期")
    third_party = text_field("第三方", max_length=100)
    matter = text_field("征求意见事项", max_length=2000, rows=3)
    delivery = forms.ChoiceField(
        label="送达方式（不填为当面送交）",
        choices=LetterDelivery.choices,
        initial=LetterDelivery.IN_PERSON,
        required=False,
    )
    received_on = date_field(
        "收到征求意见书日期（签收日或确认收到日；当面送交可不填，尚不知道的以后登记）", required=False
    )


class AgencyConsultationForm(Form):
    on = date_field("发出征求意见书日期")
    agency = text_field("被征求意见机关（共同制作该信息的行政机关）", max_length=100)
    matter = text_field("征求意见事项", max_length=2000, rows=3)
    delivery = forms.ChoiceField(
        label="送达方式（不填为当面送交）",
        choices=LetterDelivery.choices,
        initial=LetterDelivery.IN_PERSON,
        required=False,
    )
    received_on = date_field(
        "收到征求意见书日期（签收日或确认收到日；当面送交可不填，尚不知道的以后登记）", required=False
    )


class ConsultationReceiptForm(Form):
    on = date_field("收到征求意见书日期（签收日或确认收到日）")


class FinishConsultationForm(Form):
    on = date_field("意见征询结束日期")
    reply = forms.ChoiceField(label="第三方意见", choices=ThirdPartyReply.choices)
    note = text_field("意见摘要", required=False, max_length=2000, rows=2)


AGENCY_REPLIES = [
    (ThirdPartyReply.CONSENT.value, "同意公开"),
    (ThirdPartyReply.OBJECT.value, "不同意公开"),
    (ThirdPartyReply.SILENT.value, "逾期未提出意见（视为同意公开）"),
]


class FinishAgencyConsultationForm(Form):
    on = date_field("意见征询结束日期")
    reply = forms.ChoiceField(label="被征求意见机关意见", choices=AGENCY_REPLIES)
    note = text_field("意见摘要", required=False, max_length=2000, rows=2)


class ExtensionForm(Form):
    on = date_field("延长决定日期")
    days = forms.IntegerField(
        label="延长工作日数（最长20）",
        min_value=1,
        max_value=20,
        error_messages={
            "invalid": "延长工作日数应为整数。",
            "required": "请填写延长工作日数。",
            "min_value": "延长工作日数应为正整数。",
            "max_value": f"延长的期限最长不得超过20个工作日（{rules.REG}第三十三条第二款）。",
        },
    )
    reason = text_field("延长理由", max_length=300)
    approver = forms.ModelChoiceField(
        label="批准人（负责人）",
        queryset=get_user_model().objects.none(),
        empty_label="—— 请选择 ——",
        error_messages={"invalid_choice": "批准人须为本机关负责人。", "required": "请选择批准人。"},
    )
    notified_on = date_field("告知申请人日期")

    def setup(self) -> None:
        if self.obj is not None:
            self.fields["approver"].queryset = selectors.leaders_for(self.obj.body).order_by("id")


class AskReasonsForm(Form):
    on = date_field("要求说明理由日期")
    grounds = text_field("申请数量、频次明显超过合理范围的情况", max_length=2000, rows=3)


class AssessReasonsForm(Form):
    on = date_field("认定日期")
    finding = forms.ChoiceField(
        label="申请理由",
        choices=[
            ("", "—— 请选择 ——"),
            ("reasonable", "理由合理"),
            ("unreasonable", "理由不合理（告知申请人不予处理）"),
        ],
    )
    reasons_on = date_field("申请人说明理由日期（未说明的不填）", required=False)
    reasons = text_field("申请人所述理由", required=False, max_length=2000, rows=2)
    assessment = text_field("认定意见", max_length=2000, rows=2)


class DelayAnswerForm(Form):
    on = date_field("确定延迟答复日期")
    delayed_to = date_field("延迟答复期限（应晚于第三十三条的答复期限）")
    reason = text_field("无法在规定期限内答复的原因", max_length=2000, rows=2)
    notified_on = date_field("告知申请人日期")


class FeeNoticeForm(Form):
    on = date_field("发出收费通知日期")
    method = forms.ChoiceField(label="计费方式", choices=[("per_request", "按件计收"), ("per_page", "按量计收")])
    quantity = forms.IntegerField(
        label="本月第几件申请 / 页数",
        min_value=1,
        max_value=100000,
        error_messages={"invalid": "计费数量应为正整数。", "required": "请填写计费数量。"},
    )


class FeePaidForm(Form):
    on = date_field("缴费日期")


class FeeLapsedForm(Form):
    on = date_field("办结日期")


class AnswerForm(Form):
    on = date_field("答复日期")
    outcome = forms.ChoiceField(label="答复类型", choices=[("", "—— 请选择 ——"), *CLERK_CHOICES])
    content = text_field("答复内容", max_length=5000, rows=4)
    reasons = text_field("理由（不予公开、部分公开等须说明）", required=False, max_length=5000, rows=3)
    other_agency = text_field("负责公开的机关及联系方式（非本机关负责公开时）", required=False, max_length=200)


# --- catalogue, report and remedy steps -----------------------------------------------------------------------------


class PublishEntryForm(Form):
    on = date_field("公开日期")


class RepealEntryForm(Form):
    on = date_field("废止日期")


class ReportEditForm(Form):
    """The narrative sections and the hand-entered figures of the report's national format (read from its layout;
    without a report, the latest format — that is what the API documents)."""

    def setup(self) -> None:
        layout = reports.load_layout(self.obj.format_year) if self.obj is not None else reports.default_layout()
        narrative = self.obj.narrative if self.obj is not None else {}
        figures = self.obj.inputs if self.obj is not None else {}
        self.narrative_keys = []
        for section in layout["sections"]:
            if section.get("editable"):
                key = section["key"]
                self.narrative_keys.append(key)
                self.fields[key] = text_field(section["title"], required=False, max_length=20000, rows=5)
                self.fields[key].initial = narrative.get(key, "")
        self.input_keys = []
        for key, label in reports.input_cells(layout).items():
            self.input_keys.append(key)
            self.fields[key] = text_field(f"{label}（填报）", required=False, max_length=40)
            self.fields[key].initial = figures.get(key, "")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "narrative": {key: data.get(key, "") for key in self.narrative_keys},
            "inputs": {key: data.get(key, "") for key in self.input_keys},
        }


class PublishReportForm(Form):
    on = date_field("公布日期（不填为今天）", required=False)


class ConcludeRemedyForm(Form):
    on = date_field("审结日期")
    result = forms.ChoiceField(label="结果", choices=[c for c in RemedyResult.choices if c[0] != "pending"])
