"""Every decision step declared once (core.step_specs): the pages, the POST views and the API loop over these."""

from __future__ import annotations

from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.decisions import forms, rules, services
from fazhi.decisions.models import CatalogueStatus, Status

REG = rules.REG


def _on(service, name="decision"):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, **{name: obj}, **kwargs)

    return run


def _create(service):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, **kwargs)

    return run


def _create_catalogue(*, actor, obj, year, on):
    from fazhi.core.errors import NotPermitted
    from fazhi.decisions.selectors import home_body

    body = home_body(actor)
    if body is None:
        raise NotPermitted("您不属于任何机关。")
    return services.create_catalogue(actor=actor, body=body, year=year, on=on)


PREPARING = tuple(services.PREPARING)

CATALOGUE_STEPS = StepSet(
    "decisions.catalogue",
    [
        StepSpec("add_item", "新增决策事项", forms.ItemForm, _on(services.add_item, "catalogue"),
                 roles=services.CATALOGUE_EDITORS, statuses={CatalogueStatus.DRAFT}, citation=f"{REG}第三条"),
        StepSpec("approve", "登记党委同意", forms.ApproveCatalogueForm, _on(services.approve_catalogue, "catalogue"),
                 roles=services.LEADERS, statuses={CatalogueStatus.DRAFT}, citation=rules.CATALOGUE_CITATION,
                 primary=True),
        StepSpec("publish", "公布目录", forms.PublishCatalogueForm, _on(services.publish_catalogue, "catalogue"),
                 roles=services.PUBLISHERS, statuses={CatalogueStatus.DRAFT, CatalogueStatus.APPROVED},
                 guards=(lambda c: None if c.status == CatalogueStatus.APPROVED
                         else f"决策事项目录须经同级党委同意后方可公布（{rules.CATALOGUE_CITATION}）。",),
                 citation=rules.CATALOGUE_CITATION, primary=True),
    ],
)  # fmt: skip

CREATE_STEPS = StepSet(
    "decisions.create",
    [
        StepSpec("catalogue", "编制决策事项目录", forms.CatalogueForm, _create_catalogue,
                 roles=services.CATALOGUE_EDITORS, citation=f"{REG}第三条第三款"),
        StepSpec("start", "启动决策程序", forms.StartForm, _create(services.start), roles=services.LEADERS,
                 citation=f"{REG}第十条、第十一条"),
    ],
)  # fmt: skip

DECISION_STEPS = StepSet(
    "decisions.decision",
    [
        StepSpec("comment", "公开征求意见", forms.CommentForm, _on(services.open_comment), roles=services.UNIT,
                 statuses={Status.DRAFTING}, citation=rules.COMMENT_CITATION, primary=True),
        StepSpec("close_comment", "归纳公众意见", forms.CloseCommentForm, _on(services.close_comment),
                 roles=services.UNIT, statuses={Status.CONSULTING}, when=lambda d: d.comment_closed_on is None,
                 citation=f"{REG}第十八条", primary=True),
        StepSpec("hearing", "召开听证会", forms.HearingForm, _on(services.hold_hearing), roles=services.UNIT,
                 statuses=PREPARING, citation=f"{REG}第十六条、第十七条"),
        StepSpec("experts", "专家论证", forms.ExpertsForm, _on(services.hear_experts), roles=services.UNIT,
                 statuses=PREPARING, citation=f"{REG}第十九条至第二十一条"),
        StepSpec("risk", "风险评估", forms.RiskForm, _on(services.assess_risk), roles=services.UNIT,
                 statuses=PREPARING, citation=f"{REG}第二十二条至第二十四条"),
        StepSpec("submit_review", "送请合法性审查", forms.SubmitReviewForm, _on(services.submit_review),
                 roles=services.UNIT, statuses={Status.CONSULTING, Status.RETURNED},
                 guards=(services.submit_blocked,), citation=f"{REG}第二十五条、第二十六条、第二十八条", primary=True),
        StepSpec("deliberate", "集体讨论决定", forms.DeliberateForm, _on(services.deliberate), roles=services.LEADERS,
                 statuses={Status.IN_REVIEW, Status.REVIEWED}, guards=(services.table_blocked,),
                 citation=rules.MEETING_CITATION, primary=True),
        StepSpec("party", "向党委请示报告", forms.PartyForm, _on(services.report_to_party), roles=services.LEADERS,
                 statuses={Status.DECIDED}, citation=rules.PARTY_CITATION, primary=True),
        StepSpec("publish", "公布决策", forms.PublishForm, _on(services.publish), roles=services.PUBLISHERS,
                 statuses={Status.DECIDED, Status.REPORTED},
                 guards=(lambda d: None if d.status == Status.REPORTED else services.WHY[Status.PUBLISHED] + "。",),
                 citation=rules.PUBLISH_CITATION, primary=True),
        StepSpec("execution", "报告执行情况", forms.ExecutionForm, _on(services.report_execution), roles=services.UNIT,
                 statuses={Status.PUBLISHED, Status.EXECUTING}, citation=f"{REG}第三十四条"),
        StepSpec("evaluate", "决策后评估", forms.EvaluateForm, _on(services.evaluate), roles=services.LEADERS,
                 statuses={Status.PUBLISHED, Status.EXECUTING}, citation=f"{REG}第三十六条"),
    ],
)  # fmt: skip
