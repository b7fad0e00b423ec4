from django import forms

from fazhi.audit import verify
from fazhi.audit.events import Event


class ChainFilterForm(forms.Form):
    subject_type = forms.CharField(label="对象类型", required=False, max_length=64)
    subject_id = forms.CharField(label="对象编号", required=False, max_length=64)
    actor = forms.CharField(label="操作人", required=False, max_length=150)
    actor_id = forms.IntegerField(
        label="操作人编号",
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"invalid": "“操作人编号”应为正整数。", "min_value": "“操作人编号”应为正整数。"},
    )
    event = forms.ChoiceField(label="事件", required=False, choices=[("", "全部事件"), *Event.choices])
    date_from = forms.DateField(
        label="起始日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "“起始日期”应为 年-月-日 格式，如 2019-10-08。"},
    )
    date_to = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "“截止日期”应为 年-月-日 格式，如 2019-10-08。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].error_messages["invalid_choice"] = "“事件”不是已知的事件类型：%(value)s。"
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name == "event" else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "“截止日期”不能早于“起始日期”。")
        return cleaned


class VerifyForm(forms.Form):
    against = forms.CharField(
        label="检查点（可选）",
        required=False,
        max_length=100,
        help_text="由 fazhi audit_checkpoint 打印、保存在系统之外的“序号:哈希”。",
    )

    def clean_against(self):
        text = self.cleaned_data["against"].strip()
        if not text:
            return None
        try:
            return verify.parse_checkpoint(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
