"""Every step on a normative document declared once: the document page, the POST view and the API loop over them.

The shared steps (征求意见, 合法性审核, 集体审议, 公布) are StepSpecs over the plain functions of ``services`` that take a
``workflow``; a sibling kind of document builds its StepSet from the same forms and functions with its own workflow.
"""

from __future__ import annotations

from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.normative import forms, rules, services
from fazhi.normative.models import Comment, Status
from fazhi.normative.workflow import DISTRICT, DRAFTERS, LEADERS, starts


def _on_doc(service):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, document=obj, **kwargs)

    return run


def _answer_comment(*, actor, obj, comment, **kwargs):
    return services.answer_comment(actor=actor, comment=comment, **kwargs)


def _has_unanswered(doc) -> bool:
    return Comment.objects.filter(document=doc, answered_on__isnull=True).exists()


def _to_file(doc) -> bool:
    return doc.published_on is not None and doc.filed_on is None and doc.body.kind == "town"


def _to_answer_filing(doc) -> bool:
    return doc.filed_on is not None and doc.filing_answered_on is None


DOC_STEPS = StepSet(
    "normative.document",
    [
        StepSpec("assess", "评估论证", forms.AssessForm, _on_doc(services.assess), roles=DRAFTERS,
                 statuses=starts("assess"), citation=f"{rules.DOC_37}第（三）项", primary=True),
        StepSpec("open_comments", "公开征求意见", forms.OpenCommentsForm, _on_doc(services.open_comments), roles=DRAFTERS,
                 statuses=starts("open_comments"), citation=rules.INDICATORS + "：不少于7个工作日；与市场活动密切相关的不少于30日",
                 primary=True),
        StepSpec("register_comment", "登记收到的意见（信函、当面）", forms.RegisterCommentForm,
                 _on_doc(services.receive_comment), roles=DRAFTERS, statuses=(Status.COMMENTING,)),
        StepSpec("answer_comment", "答复意见采纳情况", forms.AnswerCommentForm, _answer_comment, roles=DRAFTERS,
                 statuses=(Status.COMMENTING, Status.COMMENTED), when=_has_unanswered,
                 citation=f"{rules.DOC_115}第（五）项"),
        StepSpec("close_comments", "结束征求意见", forms.CloseCommentsForm, _on_doc(services.close_comments),
                 roles=DRAFTERS, statuses=starts("close_comments"), guards=(services.close_comments_refusal,),
                 primary=True),
        StepSpec("submit_review", "提请合法性审核", forms.SubmitReviewForm, _on_doc(services.submit_for_review),
                 roles=DRAFTERS, statuses=starts("submit_review"),
                 citation=f"{rules.DOC_115}第（五）项：审核时间一般不少于5个工作日，最长不超过15个工作日", primary=True),
        StepSpec("deliberate", "集体审议", forms.DeliberateForm, _on_doc(services.deliberate), roles=LEADERS,
                 statuses=(Status.REVIEWING, Status.REVIEWED), guards=(services.review_refusal,),
                 citation=rules.DELIBERATION_CITATION, primary=True),
        StepSpec("publish", "统一编号并公布", forms.PublishForm, _on_doc(services.publish), roles=LEADERS,
                 statuses=starts("publish"), citation=rules.NUMBER_CITATION, primary=True,
                 confirm="公布后取得文号（不得重复、不得空号），文件进入法规库，可作为行政管理依据。"),
        StepSpec("file", "报送区人民政府备案", forms.FileForm, _on_doc(services.file_with_district), roles=DRAFTERS,
                 statuses=(Status.PUBLISHED, Status.REPEALED, Status.LAPSED), when=_to_file,
                 citation=f"{rules.TJ_2007}（2019年11月30日前）；{rules.TJ_2019}", primary=True),
        StepSpec("answer_filing", "备案审查答复", forms.AnswerFilingForm, _on_doc(services.answer_filing),
                 roles=DISTRICT, statuses=(Status.PUBLISHED, Status.REPEALED, Status.LAPSED), when=_to_answer_filing),
        StepSpec("evaluate", "评估", forms.EvaluateForm, _on_doc(services.evaluate), roles=DRAFTERS,
                 statuses=(Status.PUBLISHED,)),
        StepSpec("amend", "修改", forms.AmendForm, _on_doc(services.amend), roles=LEADERS, statuses=(Status.PUBLISHED,)),
        StepSpec("end", "废止或宣布失效", forms.EndForm, _on_doc(services.end), roles=LEADERS,
                 statuses=(Status.PUBLISHED,), confirm="废止或失效后，文件不再作为行政管理依据。"),
    ],
)  # fmt: skip


def _draft(*, actor, obj, body, **kwargs):
    return services.draft(actor=actor, body=body, **kwargs)


CREATE_STEPS = StepSet(
    "normative.create",
    [
        StepSpec(
            "draft", "起草行政规范性文件", forms.DraftForm, _draft, roles=DRAFTERS, citation=rules.ISSUER_CITATION
        ),
    ],
)
