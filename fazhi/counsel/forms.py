"""The input of each counsel step."""

from __future__ import annotations

from django import forms

from fazhi.core.step_specs import PickField, StepForm, date_field, money_field, text_field
from fazhi.counsel import selectors
from fazhi.counsel.models import EngagementKind, Finding, Grade


class EngageForm(StepForm):
    kind = forms.ChoiceField(label="顾问类型", choices=EngagementKind.choices)
    adviser = text_field("法律顾问（律师事务所或公职律师所在单位）", max_length=120)
    lawyers = text_field("承办律师（以顿号分隔）", max_length=300)
    term_start = date_field("聘期起始")
    term_end = date_field("聘期届满")
    fee = money_field("顾问费（元）")
    scope = text_field("服务范围", rows=2)


class EndForm(StepForm):
    on = date_field("终止日期")
    reason = text_field("终止原因", max_length=500)


class EvaluateForm(StepForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100,
                              error_messages={"required": "请填写年度。", "invalid": "年度应为数字。"})  # fmt: skip
    grade = forms.ChoiceField(label="评价等次", choices=Grade.choices)
    comment = text_field("评价意见", rows=2)
    on = date_field("评价日期")


def _engagement_label(engagement) -> str:
    """The adviser, its lawyers and the term: a renewed engagement (续聘) is told apart from the last one by its term."""
    e = engagement
    return f"{e.adviser}（{e.lawyer_names}；聘期 {e.term_start:%Y-%m-%d} 至 {e.term_end:%Y-%m-%d}）"


class AskForm(StepForm):
    engagement = PickField(label="法律顾问")
    question = text_field("征求意见的问题", rows=3)
    materials = text_field("提供的材料", rows=2, required=False)
    on = date_field("征求意见日期")
    due_on = date_field("要求答复日期")

    def setup(self):
        if self.user is not None:
            self.fields["engagement"].set_objects(selectors.active_engagements(self.user), label=_engagement_label)


class AnswerForm(StepForm):
    on = date_field("出具意见日期")
    lawyer = forms.ChoiceField(label="出具意见的律师", choices=[])
    finding = forms.ChoiceField(label="意见结论", choices=Finding.choices)
    answer = text_field("法律意见（据书面意见登记）", rows=4)

    def setup(self):
        lawyers = self.obj.engagement.lawyers if self.obj is not None else []
        self.fields["lawyer"].choices = [("", "请选择"), *[(n, n) for n in lawyers]]

    def clean_lawyer(self):
        return self.cleaned_data["lawyer"]


class AdoptionForm(StepForm):
    on = date_field("登记日期")
    adopted = forms.TypedChoiceField(
        label="是否采纳", choices=[("1", "采纳"), ("0", "不采纳")], coerce=lambda v: v == "1"
    )
    reason = text_field("未采纳的理由（不采纳时必填）", rows=2, required=False)
