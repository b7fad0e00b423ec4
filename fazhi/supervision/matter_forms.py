"""The input of each 监督事项 step (core.step_specs.StepForm): pick-lists narrowed to the user's scope."""

from __future__ import annotations

from django import forms

from fazhi.core.step_specs import PickField, StepForm, date_field, flag_field, text_field
from fazhi.org.models import BodyKind
from fazhi.supervision.models import DocumentKind, MatterSource


class OpenForm(StepForm):
    body = PickField(label="被监督机关")
    source = forms.ChoiceField(label="来源", choices=MatterSource.choices)
    title = text_field("事项", max_length=200)
    facts = text_field("基本情况", rows=4, max_length=5000)
    on = date_field("发现日期")
    alert_rule = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    record_url = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)

    def setup(self) -> None:
        from fazhi.org.selectors import visible_bodies

        if self.user is not None:
            bodies = visible_bodies(self.user).filter(kind__in=[BodyKind.TOWN, BodyKind.TEAM, BodyKind.UNIT])
            self.fields["body"].set_objects(bodies.order_by("path"), label=lambda b: b.name)


class AcceptForm(StepForm):
    on = date_field("受理决定日期")


class RefuseForm(StepForm):
    on = date_field("决定日期")
    reason = text_field("不予受理理由", rows=3)

    def service_kwargs(self) -> dict:
        return {**self.cleaned_data, "accepted": False}


class IssueForm(StepForm):
    kind = forms.ChoiceField(label="监督文书", choices=DocumentKind.choices)
    findings = text_field("监督意见", rows=4, max_length=5000)
    rectify_by = date_field("整改期限")
    on = date_field("发文日期")


class AnswerForm(StepForm):
    report = text_field("整改报告", rows=4, max_length=5000)
    late_reason = text_field("逾期理由（逾期报送时必填）", required=False, rows=2)
    on = date_field("报告日期")


class ApplyReviewForm(StepForm):
    reason = text_field("复查理由", rows=3)
    on = date_field("申请日期")


class AnswerReviewForm(StepForm):
    upheld = flag_field("维持原监督决定（不勾选则撤销并办结）", initial=True)
    opinion = text_field("复查意见", rows=3)
    on = date_field("复查决定日期")


class CloseForm(StepForm):
    note = text_field("办结意见", required=False, rows=2)
    on = date_field("办结日期")
