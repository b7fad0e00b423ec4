"""Every 学法/普法 step declared once (core.step_specs): the pages, the POST views and the API loop over these sets.

- ``CREATE_STEPS``: steps that create a record in the user's own town (a study session, a 普法 activity, a line of
  the 普法责任清单);
- ``ACTIVITY_STEPS``: the leader's review of one activity before it is public.
"""

from __future__ import annotations

from fazhi.core.errors import NotPermitted
from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.learning import forms, rules, services
from fazhi.learning.models import ActivityStatus


def _in_home_body(service):
    def run(*, actor, obj, **kwargs):
        body = forms.home_body(actor)
        if body is None:
            raise NotPermitted("您不属于任何机构，不能登记学法和普法事项。")
        return service(actor=actor, body=body, **kwargs)

    return run


CREATE_STEPS = StepSet(
    "learning.create",
    [
        StepSpec(
            "record_session",
            "登记学法活动",
            forms.SessionForm,
            _in_home_body(services.record_session),
            roles=services.RECORDERS,
            citation=rules.STUDY_CITATION,
            button="登记",
            primary=True,
        ),
        StepSpec(
            "record_activity",
            "登记普法活动",
            forms.ActivityCreateForm,
            _in_home_body(services.record_activity),
            roles=services.RECORDERS,
            citation=rules.DUTY_LIST_CITATION,
            button="登记",
            multipart=True,
            primary=True,
        ),
        StepSpec(
            "add_duty_line",
            "新增普法责任清单条目",
            forms.DutyLineForm,
            _in_home_body(services.save_duty_line),
            roles=services.RECORDERS,
            citation=rules.DUTY_LIST_CITATION,
            button="新增",
        ),
    ],
)

ACTIVITY_STEPS = StepSet(
    "learning.activity",
    [
        StepSpec(
            "review",
            "审核普法活动（公开前）",
            forms.ReviewForm,
            lambda *, actor, obj, **kw: services.review_activity(actor=actor, activity=obj, **kw),
            roles=services.REVIEWERS,
            statuses=(ActivityStatus.DRAFT,),
            citation=rules.CASE_CITATION,
            button="提交审核意见",
            primary=True,
        ),
    ],
)
