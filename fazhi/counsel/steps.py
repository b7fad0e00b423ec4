"""Every counsel step declared once (pages and API)."""

from __future__ import annotations

from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.counsel import forms, services
from fazhi.counsel.models import EngagementStatus, OpinionStatus
from fazhi.counsel.rules import DOC_30


def _on(service, name):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, **{name: obj}, **kwargs)

    return run


def _engage(*, actor, obj, **kwargs):
    from fazhi.core.errors import NotPermitted
    from fazhi.counsel.selectors import home_body

    body = home_body(actor)
    if body is None:
        raise NotPermitted("您不属于任何机关。")
    return services.engage(actor=actor, body=body, **kwargs)


def _ask(*, actor, obj, **kwargs):
    """``obj`` is the subject as resolved for the user (``services.resolve_subject``)."""
    return services.ask_opinion(actor=actor, subject=(obj.type, obj.id, obj.label), body=obj.body, **kwargs)


CREATE_STEPS = StepSet(
    "counsel.create",
    [
        StepSpec("engage", "登记法律顾问聘用", forms.EngageForm, _engage, roles=services.MANAGERS, citation=DOC_30),
        StepSpec("ask", "征求法律顾问意见", forms.AskForm, _ask, roles=services.ASKERS, citation=DOC_30, primary=True),
    ],
)


ENGAGEMENT_STEPS = StepSet(
    "counsel.engagement",
    [
        StepSpec("evaluate", "年度评价", forms.EvaluateForm, _on(services.evaluate, "engagement"),
                 roles=services.DECIDERS, citation=DOC_30),
        StepSpec("end", "终止聘用", forms.EndForm, _on(services.end_engagement, "engagement"),
                 roles=services.MANAGERS, statuses={EngagementStatus.ACTIVE}, citation=DOC_30),
    ],
)  # fmt: skip

OPINION_STEPS = StepSet(
    "counsel.opinion",
    [
        StepSpec("answer", "登记法律意见", forms.AnswerForm, _on(services.answer_opinion, "opinion"),
                 roles=services.RECORDERS, statuses={OpinionStatus.ASKED}, citation=DOC_30, primary=True),
        StepSpec("adoption", "登记采纳情况", forms.AdoptionForm, _on(services.record_adoption, "opinion"),
                 roles=services.DECIDERS, statuses={OpinionStatus.ANSWERED}, citation=DOC_30, primary=True),
    ],
)  # fmt: skip
