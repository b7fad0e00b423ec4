import re

from django import forms

from fazhi.audit import display, verify
from fazhi.core.validation import SafeForm


def _event_choices():
    return [("", "全部事件"), *display.grouped_event_choices()]


class ChainFilterForm(SafeForm):
    """The chain page's filters, every one in Chinese: a person, a 执法机关 (rendered from core.listing.BodyFilter),
    a kind of record with words of its name or its number, an event, and a date range."""

    person = forms.ChoiceField(label="操作人", required=False)
    subject_type = forms.ChoiceField(label="记录类型", required=False)
    record = forms.CharField(
        label="记录名称或编号",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "如 案号、当事人、登记号"}),
    )
    event = forms.ChoiceField(label="事件", required=False, choices=_event_choices)
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
    # Set by the links in the rows (a record's history, a person's entries); not typed by anyone.
    subject_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    actor = forms.CharField(required=False, max_length=150, widget=forms.HiddenInput)
    actor_id = forms.IntegerField(
        label="操作人",
        required=False,
        min_value=1,
        max_value=2**62,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "“操作人”应为正整数。",
            "min_value": "“操作人”应为正整数。",
            "max_value": "“操作人”应为正整数。",
        },
    )

    def __init__(self, *args, people=(), subject_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "全部人员"), ("system", "系统（自动）"), *people]
        self.fields["subject_type"].choices = [("", "全部记录"), *subject_types]
        self.fields["event"].error_messages["invalid_choice"] = "“事件”不是已知的事件类型：%(value)s。"
        self.fields["person"].error_messages["invalid_choice"] = "“操作人”不在您的查看范围内。"
        self.fields["subject_type"].error_messages["invalid_choice"] = "没有这种记录类型：%(value)s。"
        for field in self.fields.values():
            if isinstance(field.widget, forms.HiddenInput):
                continue
            css = (
                "form-select form-select-sm" if isinstance(field, forms.ChoiceField) else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "“截止日期”不能早于“起始日期”。")
        return cleaned

    def chain_filters(self) -> dict:
        """What ``audit.selectors.filter_entries`` takes."""
        data = self.cleaned_data
        keys = ("subject_type", "subject_id", "actor", "actor_id", "event", "date_from", "date_to")
        return {key: data.get(key) for key in keys if data.get(key) not in (None, "")}


# "SEQ:HASH" anywhere in what was pasted (the whole downloaded file will do); a full-width colon is accepted too.
_FOUND = re.compile(r"#?(\d+)\s*[:：]\s*([0-9a-fA-F]{64})(?![0-9a-fA-F])")


class VerifyForm(SafeForm):
    against = forms.CharField(
        label="检查点（可选）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="粘贴此前从本页下载并保存在系统之外的检查点（“序号:哈希”，也可粘贴下载文件的全部内容）。留空则只校验链本身。",
    )

    def clean_against(self):
        text = self.cleaned_data["against"].strip()
        if not text:
            return None
        found = _FOUND.search(text)
        try:
            return verify.parse_checkpoint(f"{found.group(1)}:{found.group(2)}" if found else text[:120])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
