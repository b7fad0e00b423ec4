"""The report's step forms (Django forms: a refused step keeps every typed value)."""

from __future__ import annotations

from django import forms

from fazhi.annual import layout
from fazhi.annual.services import DEFAULT_RECIPIENTS, SECTION_MAX
from fazhi.core.step_specs import StepForm, date_field, text_field


class NewReportForm(StepForm):
    year = forms.IntegerField(
        label="报告年度",
        min_value=2019,
        max_value=2100,
        error_messages={
            "required": "请填写报告年度。",
            "invalid": "报告年度应为四位年份。",
            "min_value": "报告年度不能早于2019年（督察工作规定施行之年）。",
            "max_value": "报告年度无效。",
        },
    )


class EditReportForm(StepForm):
    """One text box per part of the report's layout; {{数据项}} tokens are filled in from the record."""

    def setup(self) -> None:
        if self.obj is None:
            return
        titles = layout.section_titles(self.obj.layout)
        for key, title in titles.items():
            self.fields[key] = text_field(title, required=False, max_length=SECTION_MAX, rows=8)
            self.fields[key].initial = self.obj.sections.get(key, "")
            self.fields[key].widget.attrs["data-figure-target"] = "1"

    def service_kwargs(self) -> dict:
        return {"sections": dict(self.cleaned_data)}


class ApproveForm(StepForm):
    on = date_field("审定日期")


class SubmitForm(StepForm):
    on = date_field("报送日期")
    recipients = text_field("报送对象", max_length=300, initial=DEFAULT_RECIPIENTS)


class PublishForm(StepForm):
    on = date_field("公开日期")
