"""The steps of a 监督事项, declared once (core.step_specs): the matter page, its POST view and the API loop over them."""

from __future__ import annotations

from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.supervision import matter_forms as f
from fazhi.supervision import rules, services
from fazhi.supervision.models import DocumentKind, MatterStatus

S = MatterStatus
T = rules.TIANJIN


def _on(service):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, matter=obj, **kwargs)

    return run


def _open(*, actor, obj, **kwargs):
    return services.open_matter(actor=actor, **kwargs)


def _is_decision(matter) -> bool:
    return matter.document_kind == DocumentKind.DECISION and matter.review_applied_on is None


CREATE_STEPS = StepSet(
    "supervision.matter.create",
    [StepSpec("open", "立项监督事项", f.OpenForm, _open, roles=services.SUPERVISOR, citation=f"{T}第二十一条",
              primary=True)],
)  # fmt: skip

MATTER_STEPS = StepSet(
    "supervision.matter",
    [
        StepSpec("accept", "决定受理", f.AcceptForm, _on(services.accept), roles=services.SUPERVISOR,
                 statuses=[S.OPENED], citation=f"{T}第二十一条（3个工作日内决定是否受理）", primary=True),
        StepSpec("refuse", "决定不予受理", f.RefuseForm, _on(services.accept), roles=services.SUPERVISOR,
                 statuses=[S.OPENED], citation=f"{T}第二十一条"),
        StepSpec("issue", "发出监督文书", f.IssueForm, _on(services.issue), roles=services.SUPERVISOR,
                 statuses=[S.ACCEPTED], citation=f"{T}第二十一条（受理后30个工作日内）", primary=True),
        StepSpec("answer", "报送整改报告", f.AnswerForm, _on(services.answer), roles=services.ADDRESSEE,
                 statuses=[S.ISSUED], citation=rules.RECTIFY_CITATION, primary=True),
        StepSpec("apply_review", "申请复查", f.ApplyReviewForm, _on(services.apply_review), roles=services.ADDRESSEE,
                 statuses=[S.ISSUED], when=_is_decision, citation=f"{T}第二十三条（10个工作日内）"),
        StepSpec("answer_review", "作出复查决定", f.AnswerReviewForm, _on(services.answer_review),
                 roles=services.SUPERVISOR, statuses=[S.REVIEW], citation=f"{T}第二十三条（15个工作日内）", primary=True),
        StepSpec("close", "办结", f.CloseForm, _on(services.close), roles=services.SUPERVISOR, statuses=[S.ANSWERED],
                 primary=True),
    ],
)  # fmt: skip
