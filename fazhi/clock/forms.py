"""Input shapes for the calendar and deadline pages. Each error names its field in Chinese."""

from django import forms

from fazhi.core.errors import InvalidInput
from fazhi.core.periods import PERIOD_FORMS, Pause, Period
from fazhi.core.validation import SafeFormMixin


class BootstrapForm(SafeFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                field.widget.attrs.setdefault(
                    "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                )

    def label_errors(self) -> None:
        """Prefix each field error with the field's label: 「期间」：…"""
        for name, errors in list(self.errors.items()):
            if name in self.fields:
                label = self.fields[name].label
                self.errors[name] = self.error_class([e if e.startswith("「") else f"「{label}」：{e}" for e in errors])


DATE_ERRORS = {"invalid": "日期格式无效，应写作 YYYY-MM-DD。", "required": "请填写日期。"}


class DueForm(BootstrapForm):
    start = forms.DateField(
        label="起算日",
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="当日不计入，自次日起计算。",
    )
    period = forms.CharField(
        label="期间",
        max_length=10,
        help_text=f"可用的写法：{PERIOD_FORMS}。",
        error_messages={"required": "请填写期间。"},
    )
    pauses = forms.CharField(
        label="中止期间",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="每行一段，写作 开始日:结束日（含两端），如 2019-10-08:2019-10-10。",
    )
    restart = forms.DateField(
        label="重新起算日",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="如补正后自收到补正材料之日起重新计算（政府信息公开条例第三十条）。",
    )
    no_rollover = forms.BooleanField(label="届满日遇休息日不顺延", required=False)
    estimate = forms.BooleanField(label="日历未录入的年度按周末估算", required=False)

    def clean_period(self):
        try:
            return Period.parse(self.cleaned_data["period"])
        except InvalidInput as error:
            raise forms.ValidationError(error.message) from None

    def clean_pauses(self):
        pauses = []
        for line in (self.cleaned_data.get("pauses") or "").splitlines():
            if line.strip():
                try:
                    pauses.append(Pause.parse(line.strip()))
                except InvalidInput as error:
                    raise forms.ValidationError(error.message) from None
        return pauses

    def clean(self):
        data = super().clean()
        for name in ("start", "restart"):
            if data.get(name) and not 1949 <= data[name].year <= 2100:
                self.add_error(name, "年份应在 1949 至 2100 之间。")
        if data.get("start") and data.get("restart") and data["restart"] < data["start"]:
            self.add_error("restart", "重新起算日不能早于起算日。")
        return data


class SettingForm(BootstrapForm):
    key = forms.CharField(label="设置项", max_length=100, widget=forms.HiddenInput)
    value = forms.CharField(label="值", max_length=100, error_messages={"required": "请填写值。"})
    note = forms.CharField(label="说明（依据或理由）", max_length=255, error_messages={"required": "请填写说明。"})

    def clean_value(self):
        raw = self.cleaned_data["value"].strip()
        try:
            number = float(raw)
        except ValueError:
            raise forms.ValidationError("应为数字。") from None
        if number < 0:
            raise forms.ValidationError("不能为负数。")
        return int(number) if number == int(number) else raw
