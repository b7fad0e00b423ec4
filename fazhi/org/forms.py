"""Input shapes for the organisation pages. Errors name the field in Chinese."""

from django import forms

from fazhi.core.validation import SafeFormMixin
from fazhi.org.models import TrainingSource


class BootstrapForm(SafeFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class CertificateIssueForm(BootstrapForm):
    number = forms.CharField(label="证件编号", max_length=40)
    issuer = forms.CharField(label="发证机关", max_length=100, initial="天津市人民政府")
    field = forms.CharField(label="执法领域", max_length=100, initial="综合行政执法")
    valid_from = forms.DateField(label="有效期起", widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label="有效期至", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", "「有效期至」不能早于「有效期起」。")
        return data


class LegalQualificationForm(BootstrapForm):
    number = forms.CharField(label="法律职业资格证书编号", max_length=40, required=False)
    obtained_on = forms.DateField(label="取得日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    legal_background = forms.BooleanField(label="具有法学专业背景", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_background"].widget.attrs["class"] = "form-check-input"


class CertificateReasonForm(BootstrapForm):
    reason = forms.CharField(label="理由", max_length=255, widget=forms.Textarea(attrs={"rows": 3}))


class CertificateRestoreForm(BootstrapForm):
    reason = forms.CharField(label="说明", max_length=255, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TrainingForm(BootstrapForm):
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(label="培训主题", max_length=200)
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1, min_value=0.1, max_value=200)
    source = forms.ChoiceField(label="来源", choices=TrainingSource.choices, initial=TrainingSource.OFFLINE)
    note = forms.CharField(label="备注", max_length=255, required=False)


def chinese_errors(form: forms.Form) -> None:
    """Prefix each field error with the field's label, so the message names the field (「学时」：…)."""
    for name, errors in list(form.errors.items()):
        if name == "__all__":
            continue
        label = form.fields[name].label if name in form.fields else name
        form.errors[name] = form.error_class([f"「{label}」：{e}" if not e.startswith("「") else e for e in errors])


class TrainingImportForm(BootstrapForm):
    file = forms.FileField(
        label="学时表（.xlsx）", help_text="第一行为表头：姓名或用户名、日期、主题、学时、来源，可加备注。"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("只支持 .xlsx 文件。")
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("文件不能超过 5 MB。")
        return upload
