"""The inputs of each step (core.step_specs.StepForm): the browser form and the API schema come from these."""

from __future__ import annotations

from django import forms

from fazhi.core.step_specs import PickField, StepForm, date_field, flag_field, text_field
from fazhi.normative.models import CleanupDecision, FilingResult, SubjectKind


class DraftForm(StepForm):
    body = PickField(label="制定机关（以其名义发文）")
    title = text_field("文件名称", max_length=200)
    kind = forms.ChoiceField(label="文件类别", choices=SubjectKind.choices, initial=SubjectKind.NORMATIVE)
    market_related = flag_field("与市场主体生产经营活动密切相关（征求意见不少于30日）")
    basis = text_field("制定依据（每行一条，如《天津市村镇环境卫生管理条例》第二条）", rows=3, max_length=3000)
    text = text_field("正文（按条文书写：每条以“第一条”加空格开头）", rows=10, max_length=50_000)
    explanation = text_field("起草说明", required=False, rows=3, max_length=5000)
    on = date_field("起草日期")

    def setup(self) -> None:
        from fazhi.org.selectors import visible_bodies

        if self.user is not None:
            bodies = visible_bodies(self.user).order_by("path")
            self.fields["body"].set_objects(bodies, label=lambda b: f"{b.name}（{b.get_kind_display()}）")


class AssessForm(StepForm):
    assessment = text_field("评估论证意见（必要性、可行性、合法性）", rows=3, max_length=5000)
    on = date_field("评估论证日期")


class OpenCommentsForm(StepForm):
    on = date_field("征求意见开始日期")
    closes_on = date_field("征求意见截止日期")


class RegisterCommentForm(StepForm):
    content = text_field("意见内容", rows=3, max_length=3000)
    author = text_field("提出人（不公开）", required=False, max_length=60)
    channel = text_field("渠道", required=False, max_length=20, initial="信函")
    on = date_field("收到日期")


class AnswerCommentForm(StepForm):
    comment = PickField(label="意见")
    adopted = flag_field("采纳")
    answer = text_field("采纳情况与理由", rows=2, max_length=3000)
    on = date_field("答复日期")

    def setup(self) -> None:
        if self.obj is not None:
            self.fields["comment"].set_objects(
                self.obj.comments.filter(answered_on__isnull=True).order_by("id"),
                label=lambda c: f"{c.received_on:%Y-%m-%d} {c.content[:30]}",
            )


class CloseCommentsForm(StepForm):
    summary = text_field("意见汇总", required=False, rows=2, max_length=5000)
    on = date_field("结束日期")


class SubmitReviewForm(StepForm):
    text = text_field("修改后的送审稿（未修改的留空）", required=False, rows=6, max_length=50_000)
    non_adoption = text_field("未采纳上一轮审核意见的，说明理由", required=False, rows=3, max_length=5000)
    on = date_field("送审日期")


class DeliberateForm(StepForm):
    meeting = text_field("会议名称", max_length=100, initial="镇政府常务会议")
    attendees = text_field("出席人员（以顿号分隔）", max_length=1000)
    views = text_field(
        "审议意见（按发言顺序每行“姓名：同意/反对/弃权：理由”，主要负责人最后发言）", rows=5, max_length=5000
    )
    head = text_field("主要负责人", max_length=30)
    decision = forms.ChoiceField(label="审议结论", choices=[("adopt", "通过"), ("send_back", "退回修改")])
    head_explanation = text_field(
        "主要负责人的说明（决定与多数意见不一致时必填）", required=False, rows=2, max_length=3000
    )
    on = date_field("审议日期")


class PublishForm(StepForm):
    on = date_field("公布日期")
    effective_from = date_field("施行日期")
    validity_years = forms.IntegerField(label="有效期（年，留空按设置：一般5年，暂行/试行2年）", required=False,
                                        min_value=1, max_value=10)  # fmt: skip


class FileForm(StepForm):
    late_reason = text_field("逾期报送的理由（逾期时必填）", required=False, rows=2, max_length=2000)
    on = date_field("报送日期")


class AnswerFilingForm(StepForm):
    result = forms.ChoiceField(label="备案审查结果", choices=FilingResult.choices)
    opinion = text_field("审查意见", required=False, rows=2, max_length=3000)
    on = date_field("答复日期")


class EvaluateForm(StepForm):
    conclusion = text_field("评估结论（继续施行、修改或废止，及理由）", rows=3, max_length=3000)
    on = date_field("评估日期")


class AmendForm(StepForm):
    text = text_field("修改后的正文", rows=8, max_length=50_000)
    note = text_field("修改说明", required=False, max_length=200)
    on = date_field("修改公布日期")
    effective_from = date_field("修改后文本施行日期")


class EndForm(StepForm):
    how = forms.ChoiceField(label="方式", choices=[("repeal", "废止"), ("lapse", "宣布失效")])
    reason = text_field("理由", rows=2, max_length=2000)
    on = date_field("废止/失效日期")


class CleanupDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="清理意见", choices=CleanupDecision.choices)
    reason = forms.CharField(label="理由", required=False, max_length=2000)


class PublicCommentForm(forms.Form):
    content = forms.CharField(
        label="您的意见", max_length=3000, widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"})
    )
    author = forms.CharField(
        label="姓名或名称（选填，不公开）",
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    website = forms.CharField(label="网址（请勿填写）", required=False, max_length=200)
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
