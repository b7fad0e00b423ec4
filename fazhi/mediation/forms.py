"""Input shapes of mediation: every step is a ``StepForm`` (core.step_specs), bound alike by the page, the POST view
and the API. Forms check shape; the services refuse on substance, naming the article."""

from __future__ import annotations

from django import forms

from fazhi.core.errors import InvalidInput
from fazhi.core.step_specs import PickField, StepForm, date_field, flag_field, text_field
from fazhi.mediation import rules, selectors
from fazhi.mediation.models import (
    AgreementForm,
    CommitteeKind,
    CommunityKind,
    Consent,
    DisputeKind,
    FollowUpKind,
    Gender,
    MemberRole,
    Performance,
    Risk,
    Side,
    Source,
)


def choice_field(label: str, choices, *, required: bool = True, initial=None) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=[("", "请选择"), *choices] if not initial else list(choices), required=required,
        initial=initial, error_messages={"required": f"请选择{label}。", "invalid_choice": f"请选择有效的{label}。"},
    )  # fmt: skip


def _home(form):
    return selectors.home_body(form.user) if form.user is not None else None


# --- creating ------------------------------------------------------------------------------------------------------


class DisputeForm(StepForm):
    registered_on = date_field("登记日期")
    occurred_on = date_field("纠纷发生日期", required=False)
    kind = choice_field("纠纷类型", DisputeKind.choices)
    source = choice_field("来源", Source.choices)
    community = PickField(label="村/社区")
    risk = choice_field("风险等级", Risk.choices, initial=Risk.LOW)
    summary = text_field("纠纷简要情况", rows=3, max_length=4000)
    a_name = text_field("申请方姓名或名称", max_length=80)
    a_id_number = text_field("申请方身份证件号码", required=False, max_length=30)
    a_phone = text_field("申请方联系电话", required=False, max_length=30)
    a_address = text_field("申请方住址", required=False, max_length=200)
    b_name = text_field("被申请方姓名或名称", max_length=80)
    b_id_number = text_field("被申请方身份证件号码", required=False, max_length=30)
    b_phone = text_field("被申请方联系电话", required=False, max_length=30)
    b_address = text_field("被申请方住址", required=False, max_length=200)

    def setup(self):
        body = _home(self)
        self.fields["community"].set_objects(selectors.communities_of(body) if body else [])

    def service_kwargs(self):
        c = dict(self.cleaned_data)
        parties = [
            {"side": side, **{k: c.pop(f"{side}_{k}") or "" for k in ("name", "id_number", "phone", "address")}}
            for side in (Side.APPLICANT, Side.RESPONDENT)
        ]
        return {**c, "parties": parties}


def parse_members(text: str) -> list[dict]:
    """One member a line: 姓名 性别 职务 [电话] [少数民族], separated by spaces or commas."""
    genders = {label: value for value, label in Gender.choices}
    roles = {label: value for value, label in MemberRole.choices}
    members = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        parts = line.replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        if len(parts) < 3 or parts[1] not in genders or parts[2] not in roles:
            raise InvalidInput(
                f"第{n}行应写作“姓名 性别（男/女） 职务（{'/'.join(roles)}） [电话] [少数民族]”。", field="members"
            )
        members.append({
            "name": parts[0], "gender": genders[parts[1]], "role": roles[parts[2]],
            "phone": next((p for p in parts[3:] if p.replace("-", "").isdigit()), ""),
            "ethnic_minority": "少数民族" in parts[3:],
        })  # fmt: skip
    return members


class CommitteeForm(StepForm):
    name = text_field("名称", max_length=100)
    kind = choice_field("类别", CommitteeKind.choices)
    community = PickField(label="村/社区", required=False, empty_label="（乡镇、企业调解委员会不选）")
    term_start = date_field("本届任期起始日")
    address = text_field("办公地址", required=False, max_length=200)
    members = text_field(
        "组成人员", rows=6, max_length=4000,
        help_text=f"每行一人：姓名 性别 职务 [电话] [少数民族]。委员三至九人，应有妇女成员（{rules.ART_COMPOSITION}）。",
    )  # fmt: skip

    def setup(self):
        body = _home(self)
        self.fields["community"].set_objects(selectors.communities_of(body) if body else [])

    def clean_members(self):
        try:
            return parse_members(self.cleaned_data["members"])
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from None


class CommunityForm(StepForm):
    name = text_field("村/社区名称", max_length=60)
    kind = choice_field("类别", CommunityKind.choices, initial=CommunityKind.VILLAGE)


class ScreeningForm(StepForm):
    held_on = date_field("排查日期")
    scope = text_field("排查范围", max_length=200)
    findings = text_field("研判意见", required=False, rows=3, max_length=4000)

    def service_kwargs(self):
        c = dict(self.cleaned_data)
        return {"on": c.pop("held_on"), **c}


# --- steps on a dispute --------------------------------------------------------------------------------------------


class ConsentForm(StepForm):
    party = PickField(label="当事人")
    consent = choice_field("是否同意调解", [(Consent.AGREED, "同意调解"), (Consent.REFUSED, "明确拒绝调解")])
    on = date_field("表态日期")

    def setup(self):
        if self.obj is not None:
            self.fields["party"].set_objects(
                [p for p in self.obj.parties.all() if p.consent == Consent.PENDING],
                label=lambda p: f"{p.get_side_display()}：{p.name}",
            )


class AcceptForm(StepForm):
    on = date_field("受理日期")
    committee = PickField(label="调解委员会")
    mediator = PickField(label="调解员")
    mediator_choice = choice_field(
        "调解员产生方式",
        [("当事人共同选择", "当事人共同选择"), ("当事人同意委员会指定", "当事人同意委员会指定")],
        initial="当事人共同选择",
    )
    public_session = flag_field(
        "当事人选择公开调解", help_text="人民调解法第二十三条：当事人可以要求调解公开进行或者不公开进行"
    )

    def setup(self):
        if self.obj is not None:
            self.fields["committee"].set_objects(selectors.committees_of(self.obj.body))
            members = list(selectors.members_of_body(self.obj.body))
            groups: dict[str, list] = {}
            for member in members:
                groups.setdefault(member.committee.name, []).append(member)
            self.fields["mediator"].set_groups(groups.items())


class RecuseForm(StepForm):
    replacement = PickField(label="更换后的调解员")
    reason = text_field("回避理由", max_length=200)
    on = date_field("更换日期")

    def setup(self):
        if self.obj is not None and self.obj.committee_id:
            self.fields["replacement"].set_objects(
                m for m in selectors.active_members(self.obj.committee) if m.pk != self.obj.mediator_id
            )


class SessionForm(StepForm):
    held_on = date_field("调解日期")
    place = text_field("地点", max_length=100)
    record_text = text_field("调解记录", rows=4, max_length=8000)


class PoliceForm(StepForm):
    on = date_field("报告日期")
    station = text_field("报告的公安机关", max_length=100)
    reason = text_field("报告事由（可能激化为治安案件、刑事案件的情况）", rows=2, max_length=1000)


class AgreeForm(StepForm):
    form = choice_field("协议形式", AgreementForm.choices, initial=AgreementForm.WRITTEN)
    on = date_field("协议生效日期")
    facts = text_field("纠纷的主要事实、争议事项", required=False, rows=3, max_length=4000)
    responsibilities = text_field("各方当事人的责任", required=False, rows=2, max_length=2000)
    terms = text_field("达成协议的内容", required=False, rows=3, max_length=4000)
    performance_method = text_field("履行方式", required=False, max_length=200)
    performance_due = date_field("履行期限", required=False)
    performance_place = text_field("履行地点", required=False, max_length=100)
    signed = flag_field(
        "各方当事人已签名、盖章或者按指印，调解员已签名并加盖调解委员会印章",
        help_text="书面协议自此生效（第二十九条第二款）；口头协议自达成之日起生效（第三十条）",
    )

    def service_kwargs(self):
        c = dict(self.cleaned_data)
        for key in ("facts", "responsibilities", "terms", "performance_method", "performance_place"):
            c[key] = c.get(key) or ""
        return c


class FailForm(StepForm):
    on = date_field("终止日期")
    reason = text_field("调解不成的情况", rows=2, max_length=2000)
    routes = forms.MultipleChoiceField(
        label="已告知当事人的途径", choices=list(rules.FAILURE_ROUTES.items()), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


class ReferForm(StepForm):
    on = date_field("移交日期")
    to = text_field("移交单位", max_length=100, help_text="、".join(rules.REFERRAL_TARGETS))
    reason = text_field("移交理由", rows=2, max_length=1000)


class FollowUpForm(StepForm):
    kind = choice_field("类别", FollowUpKind.choices)
    on = date_field("日期")
    performance = choice_field("履行情况", Performance.choices)
    note = text_field("情况说明", required=False, rows=2, max_length=2000)


class ConfirmationForm(StepForm):
    on = date_field("共同申请日期")
    court = text_field("受理法院", max_length=100, initial="天津市西青区人民法院")
