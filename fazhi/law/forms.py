from django import forms

from fazhi.law.models import LawLevel

MAX_LAW_FILE_BYTES = 2 * 1024 * 1024


class UploadLawForm(forms.Form):
    file = forms.FileField(label="法规文本（Markdown，UTF-8）")
    level = forms.ChoiceField(label="效力位阶", choices=LawLevel.choices, initial=LawLevel.LOCAL_REGULATION)
    region = forms.CharField(
        label="适用地区", max_length=50, required=False, help_text="地方性法规、地方政府规章必填，如：天津市"
    )
    version_date = forms.DateField(
        label="版本日期",
        required=False,
        help_text="留空则取文件名中的（YYYY-MM-DD），再不然取题注中最晚的日期",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LAW_FILE_BYTES:
            raise forms.ValidationError("法规文本：文件超过 2 MB。")
        if not upload.name.lower().endswith((".md", ".txt")):
            raise forms.ValidationError("法规文本：只接受 .md 或 .txt 文件。")
        try:
            self.text = upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("法规文本：文件不是 UTF-8 编码。") from exc
        return upload


class SearchForm(forms.Form):
    q = forms.CharField(label="检索词", max_length=100, required=False)
    all_versions = forms.BooleanField(label="含已修改、已废止版本", required=False)
