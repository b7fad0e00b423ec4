"""Every mediation step declared once (core.step_specs): the dispute page, its POST view and the API loop over these.

- ``DISPUTE_STEPS``: the steps on one dispute, in procedural order (人民调解法 第十七条 to 第三十三条);
- ``CREATE_STEPS``: the steps that create a record in the user's own town (a dispute, a committee, a village, an
  排查 round).
"""

from __future__ import annotations

from fazhi.core.errors import NotPermitted
from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.mediation import forms, rules, selectors, services
from fazhi.mediation.models import DisputeStatus as S
from fazhi.mediation.permissions import HANDLERS, REGISTRARS


def _on(service):
    def run(*, actor, obj, **kwargs):
        return service(actor=actor, dispute=obj, **kwargs)

    return run


def _starts(to: str) -> tuple[str, ...]:
    return tuple(old for (old, new) in rules.TRANSITIONS if new == to)


def _agreement(dispute) -> bool:
    return hasattr(dispute, "agreement")


DISPUTE_STEPS = StepSet(
    "mediation.dispute",
    [
        StepSpec("consent", "记录当事人是否同意调解", forms.ConsentForm, _on(services.record_consent), roles=HANDLERS,
                 statuses=(S.REGISTERED,), citation=rules.ART_CONSENT, primary=True,
                 when=lambda d: bool(services.pending_consent(d)),
                 describe=lambda d: "当事人一方明确拒绝调解的，不得调解，本纠纷随即办结。"),
        StepSpec("accept", "受理调解", forms.AcceptForm, _on(services.accept), roles=HANDLERS,
                 statuses=_starts(S.MEDIATING), guards=(services.acceptance_refusal,),
                 citation=f"{rules.ART_CONSENT}、第二十条、{rules.ART_PARTY_RIGHTS}", primary=True),
        StepSpec("session", "记录调解", forms.SessionForm, _on(services.record_session), roles=HANDLERS,
                 statuses=(S.MEDIATING,), citation=rules.ART_RECORDS, primary=True),
        StepSpec("recuse", "调解员回避、更换调解员", forms.RecuseForm, _on(services.recuse), roles=HANDLERS,
                 statuses=(S.MEDIATING,), citation=rules.ART_PARTY_RIGHTS),
        StepSpec("police", "报告公安机关", forms.PoliceForm, _on(services.report_to_police), roles=HANDLERS,
                 statuses=(S.REGISTERED, S.MEDIATING), citation=f"{rules.ART_ESCALATION}；{rules.TIANJIN}第四十条"),
        StepSpec("agree", "达成调解协议", forms.AgreeForm, _on(services.agree), roles=HANDLERS,
                 statuses=_starts(S.AGREED), citation=f"{rules.ART_ORAL}、{rules.ART_CONTENT}、{rules.ART_EFFECT}",
                 primary=True, confirm="调解协议生效后纠纷即办结；当事人自生效之日起三十日内可共同申请司法确认。"),
        StepSpec("fail", "调解不成，终止调解", forms.FailForm, _on(services.fail), roles=HANDLERS,
                 statuses=_starts(S.FAILED), citation=rules.ART_FAILURE, confirm="终止后本纠纷即办结。"),
        StepSpec("refer", "移交处理", forms.ReferForm, _on(services.refer), roles=HANDLERS,
                 statuses=_starts(S.REFERRED), citation=rules.ART_REGISTER, confirm="移交后本纠纷即办结。"),
        StepSpec("confirmation", "登记共同申请司法确认", forms.ConfirmationForm,
                 _on(services.apply_for_confirmation), roles=HANDLERS, statuses=(S.AGREED,),
                 when=lambda d: not d.confirmation_applied_on, guards=(services.confirmation_refusal,),
                 citation=rules.ART_CONFIRMATION),
        StepSpec("follow_up", "履行情况检查与回访", forms.FollowUpForm, _on(services.follow_up), roles=HANDLERS,
                 statuses=(S.AGREED,), when=_agreement, citation=rules.ART_PERFORMANCE, primary=True),
    ],
    prefixed=True,
)  # fmt: skip


def _in_home_body(service):
    def run(*, actor, obj, **kwargs):
        body = selectors.home_body(actor)
        if body is None:
            raise NotPermitted("您不属于任何镇街，不能办理人民调解事项。")
        return service(actor=actor, body=body, **kwargs)

    return run


CREATE_STEPS = StepSet(
    "mediation.create",
    [
        StepSpec("register", "登记矛盾纠纷", forms.DisputeForm, _in_home_body(services.register_dispute),
                 roles=HANDLERS, citation=rules.ART_REGISTER, button="登记"),
        StepSpec("committee", "登记人民调解委员会", forms.CommitteeForm, _in_home_body(services.register_committee),
                 roles=REGISTRARS, citation=rules.ART_COMPOSITION, button="登记"),
        StepSpec("community", "登记村/社区", forms.CommunityForm, _in_home_body(services.add_community),
                 roles=REGISTRARS, button="登记"),
        StepSpec("screening", "矛盾纠纷排查", forms.ScreeningForm, _in_home_body(services.screen), roles=HANDLERS,
                 citation=f"{rules.TIANJIN}第十九条、第二十条", button="记录排查并列出在册风险"),
    ],
)  # fmt: skip

ALL_STEP_SETS = (DISPUTE_STEPS, CREATE_STEPS)
