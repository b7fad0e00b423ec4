"""The input of each decision step (declared in steps.py, used by the pages and the API alike)."""

from __future__ import annotations

from django import forms

from fazhi.core.step_specs import PickField, StepForm, date_field, flag_field, text_field
from fazhi.decisions import selectors
from fazhi.decisions.models import Category, MeetingKind, Position, RiskLevel


class CatalogueForm(StepForm):
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100,
                              error_messages={"required": "请填写年度。", "invalid": "年度应为数字。"})  # fmt: skip
    on = date_field("编制日期")


class ItemForm(StepForm):
    title = text_field("决策事项", max_length=200)
    category = forms.ChoiceField(label="事项类别（第三条第一款）", choices=Category.choices)
    lead_unit = text_field("承办单位", max_length=100)
    planned = text_field("计划时间", max_length=50, required=False)


class ApproveCatalogueForm(StepForm):
    on = date_field("党委同意日期")
    party_record = text_field("党委同意的记录（如党委会议纪要编号）", max_length=200)


class PublishCatalogueForm(StepForm):
    on = date_field("公布日期")


class StartForm(StepForm):
    item = PickField(label="目录中的决策事项")
    title = text_field("决策名称", max_length=200)
    draft = text_field("决策草案及说明", rows=4, max_length=8000)
    on = date_field("启动日期")

    def setup(self):
        if self.user is not None:
            self.fields["item"].set_objects(
                selectors.usable_items(self.user), label=lambda i: f"{i.catalogue.year}年：{i.title}"
            )


class CommentForm(StepForm):
    on = date_field("公开征求意见日期")
    ends_on = date_field("征求意见截止日期", help_text="一般不少于30日（第十五条）")
    channel = text_field("征求意见途径", max_length=100, help_text="政府网站、政务新媒体、报刊等")
    short_reason = text_field("缩短期限的说明（少于30日时必填，随草案公布）", required=False, rows=2, max_length=1000)


class CloseCommentForm(StepForm):
    on = date_field("归纳日期")
    summary = text_field("公众意见及采纳情况", rows=3)


class HearingForm(StepForm):
    on = date_field("听证会日期")
    materials_sent_on = date_field("听证会材料送达日期", help_text="应于听证会7日前送达（第十六条第三款）")
    record = text_field("听证会记录", rows=3)
    signed = flag_field("听证参加人已确认记录并签字（第十七条）")


class ExpertsForm(StepForm):
    on = date_field("论证日期")
    experts = text_field("论证专家（以顿号分隔）", max_length=500)
    unit = text_field("组织论证的单位", max_length=100)
    opinion = text_field("专家论证意见及采纳情况", rows=3)
    signed = flag_field("论证意见已由专家签字或者盖章（第二十条）")


class RiskForm(StepForm):
    on = date_field("评估日期")
    assessor = text_field("风险评估单位", max_length=100)
    level = forms.ChoiceField(label="评估结论", choices=RiskLevel.choices)
    report = text_field("风险评估报告（风险点、防范措施、处置预案）", rows=3)


class SubmitReviewForm(StepForm):
    on = date_field("送审日期")
    summary = text_field("送审材料（草案、法律依据、履行决策程序的说明）", rows=3)


class DeliberateForm(StepForm):
    on = date_field("集体讨论日期")
    meeting_kind = forms.ChoiceField(label="会议", choices=MeetingKind.choices)
    views = text_field(
        "会议组成人员的意见（按发言顺序，每人一行：姓名｜职务｜同意/不同意/保留意见｜意见）", rows=5, max_length=8000
    )
    head_name = text_field("行政首长姓名（最后发表意见）", max_length=30)
    head_post = text_field("行政首长职务", max_length=50, required=False)
    head_position = forms.ChoiceField(
        label="行政首长的决定",
        choices=[(Position.AGREE, "同意（作出决定）"), (Position.DISAGREE, "不同意（退回修改）")],
    )
    head_view = text_field("行政首长的意见", rows=2)
    head_reason = text_field("与多数意见不一致的理由（不一致时必填）", rows=2, required=False)
    decision_text = text_field("决定内容", rows=3, required=False)


class PartyForm(StepForm):
    on = date_field("报告日期")
    party_record = text_field("党委研究意见（会议纪要或者批复编号）", max_length=200)


class PublishForm(StepForm):
    on = date_field("公布日期")
    channel = text_field("公布途径", max_length=100)
    text = text_field("公布文本（含公众意见、专家意见采纳情况）", rows=4)


class ExecutionForm(StepForm):
    on = date_field("报告日期")
    unit = text_field("决策执行单位", max_length=100)
    report = text_field("执行情况", rows=3)


class EvaluateForm(StepForm):
    on = date_field("评估日期")
    evaluator = text_field("后评估单位（不得为决策前承担论证评估的单位）", max_length=100)
    report = text_field("后评估结论", rows=3)
