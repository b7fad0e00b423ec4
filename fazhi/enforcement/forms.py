"""The input of every case step, as Django forms: the browser and the API bind the same form, so both take the same
fields and both get the same Chinese messages. Pick-lists come from selectors and offer only people and records in
the user's scope; the services still check everything (the law's rule is in the service, never only in a form)."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from fazhi.core.access import Role, has_role
from fazhi.core.step_specs import (
    MultiPickField,
    PickField,
    StepForm,
    date_field,
    flag_field,
    money_field,
    text_field,
)
from fazhi.core.steps import today
from fazhi.enforcement import documents
from fazhi.enforcement.models import (
    ActKind,
    CollectionGround,
    EvidenceKind,
    LeadSource,
    PartyKind,
    RemedyKind,
    ServiceMethod,
)
from fazhi.enforcement.page_reads import once
from fazhi.enforcement.services import PENALTY_KINDS, investigator_ids
from fazhi.enforcement.services._common import kind_name, kinds
from fazhi.enforcement.workflow import Outcome
from fazhi.law.selectors import current_versions, visible_power_items
from fazhi.org.selectors import officers_certified_on, visible_staff


def person_label(user) -> str:
    return user.get_full_name() or user.get_username()


def _staff(user, role: Role | None = None, case=None) -> list:
    """The people in the user's scope (with ``role``); read once while the case page is drawn (page_reads)."""
    people = once(case, ("staff", user.pk), lambda: list(visible_staff(user)))
    if role is not None:
        people = [p for p in people if has_role(p, role)]
    return people


def _choices(enum, *, exclude=(), empty: str | None = "请选择") -> list[tuple[str, str]]:
    rows = [(value, label) for value, label in enum.choices if value not in exclude]
    return [("", empty), *rows] if empty is not None else rows


def choice_field(label: str, choices, *, required: bool = True, **kwargs) -> forms.ChoiceField:
    kwargs.setdefault("error_messages", {"required": f"请选择{label}。", "invalid_choice": f"请选择有效的{label}。"})
    return forms.ChoiceField(label=label, choices=choices, required=required, **kwargs)


class DatedForm(StepForm):
    """A step with a date (the field ``on`` unless the form names another); today is offered by default."""

    date_fields: tuple[str, ...] = ("on",)

    def setup(self) -> None:
        for name in self.date_fields:
            if name in self.fields and self.fields[name].initial is None:
                self.fields[name].initial = today()


class OfficersMixin:
    def set_officers(self, name: str = "officers") -> None:
        """Officers in scope who hold a valid 执法证 today (第四十二条); the service checks the step's own date."""
        if name in self.fields:
            officers = _staff(self.user, Role.OFFICER, self.obj)
            certified = officers_certified_on([p.pk for p in officers], today())
            self.fields[name].set_objects([p for p in officers if p.pk in certified], label=person_label)


# --- 立案 -----------------------------------------------------------------------------------------------------------


class RegisterLeadForm(DatedForm):
    date_fields = ("discovered_on",)
    source = choice_field("案源类别", _choices(LeadSource))
    title = text_field("案由", max_length=200)
    description = text_field("案源情况", rows=3)
    place = text_field("地点", max_length=200)
    discovered_on = date_field("发现日期")
    act_date = date_field("违法行为发生日期", help_text="连续或继续状态的，填写行为终了之日")
    act_continuing = flag_field("违法行为有连续或者继续状态")
    life_or_finance_harm = flag_field("涉及公民生命健康安全、金融安全且有危害后果")
    reporter = text_field("举报人或移送、交办单位", required=False, max_length=200)
    party_kind = choice_field("当事人类别", _choices(PartyKind))
    party_name = text_field("当事人姓名或名称", max_length=200)
    party_id_number = text_field("身份证号码或统一社会信用代码", required=False, max_length=40)
    party_address = text_field("住所或地址", required=False, max_length=255)
    party_phone = text_field("联系电话", required=False, max_length=40)
    party_representative = text_field("法定代表人或负责人", required=False, max_length=100)


class RequestFilingForm(OfficersMixin, DatedForm):
    officers = MultiPickField(label="承办人员", help_text="两名以上持有效执法证的执法人员（第四十二条）")
    on = date_field("提请日期")
    opinion = text_field("承办人意见", required=False, rows=2)

    def setup(self):
        super().setup()
        self.set_officers()


class ApproveFilingForm(DatedForm):
    on = date_field("立案日期")
    opinion = text_field("审批意见", required=False, max_length=500)


class DeclineFilingForm(DatedForm):
    on = date_field("决定日期")
    reason = text_field("不予立案理由", rows=2)


# --- 调查取证 -------------------------------------------------------------------------------------------------------


class RecordActForm(OfficersMixin, DatedForm):
    kind = choice_field("类别", _choices(ActKind, exclude=(ActKind.PRESERVATION,)))
    on = date_field("调查日期")
    place = text_field("地点", max_length=200)
    officers = MultiPickField(label="执法人员", help_text="两名以上持证执法人员")
    person = text_field("被询问人或在场人", required=False, max_length=200)
    content = text_field("笔录内容", rows=4, max_length=20000)
    certificates_shown = flag_field("已出示执法证件", initial=True)
    refused = flag_field("当事人拒绝签名")
    refusal_note = text_field("拒绝签名情况", required=False, max_length=255)
    recording = forms.FileField(label="音像记录", required=False, help_text="查封扣押、强制拆除必须上传")

    def setup(self):
        super().setup()
        self.set_officers()

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data["signed"] = not data.pop("refused")
        return data


class AddEvidenceForm(DatedForm):
    date_fields = ("collected_on",)
    kind = choice_field("证据种类", _choices(EvidenceKind))
    title = text_field("证据名称", max_length=200)
    proves = text_field("证明事项", required=False, max_length=500)
    collected_on = date_field("取得日期")
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的证据文件。"})
    is_recording = flag_field("执法音像记录")

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data["upload"] = data.pop("file")
        return data


class RecusalForm(OfficersMixin, DatedForm):
    person = PickField(label="申请回避的人员")
    applicant = text_field("申请人", max_length=100)
    reason = text_field("回避理由", max_length=500)
    granted = flag_field("决定回避")
    replacement = PickField(label="替换的执法人员", required=False, empty_label="不替换")
    on = date_field("决定日期")

    def setup(self):
        super().setup()
        case_officers = list(self.obj.officers.all()) if self.obj is not None else []
        self.fields["person"].set_objects(case_officers, label=person_label)
        self.set_officers("replacement")


class PreserveForm(OfficersMixin, DatedForm):
    items = text_field("物品清单", rows=2)
    on = date_field("保存日期")
    approver = PickField(label="批准的负责人")
    officers = MultiPickField(label="执法人员")

    def setup(self):
        super().setup()
        excluded = investigator_ids(self.obj) if self.obj is not None else set()
        leaders = [p for p in _staff(self.user, Role.LEADER, self.obj) if p.pk not in excluded and not p.is_superuser]
        self.fields["approver"].set_objects(leaders, label=person_label)
        self.set_officers()


class HandlePreservationForm(DatedForm):
    preservation = PickField(label="先行登记保存记录")
    on = date_field("处理日期")
    handling = text_field("处理决定", max_length=500)

    def setup(self):
        super().setup()
        open_rows = list(self.obj.preservations.filter(handled_on__isnull=True)) if self.obj is not None else []
        self.fields["preservation"].set_objects(open_rows, label=lambda p: f"{p.on:%Y-%m-%d} {p.items[:30]}")


class _SeizureForm(DatedForm):
    act = PickField(label="查封、扣押记录")

    def setup(self):
        super().setup()
        rows = list(self.obj.acts.filter(kind=ActKind.SEIZURE, ended_on__isnull=True)) if self.obj is not None else []
        self.fields["act"].set_objects(rows, label=lambda a: f"{a.on:%Y-%m-%d} {a.place}")


class ExtendSeizureForm(_SeizureForm):
    date_fields = ()
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30, initial=30,
                              error_messages={"required": "请填写延长天数。", "invalid": "延长天数应为整数。",
                                              "min_value": "延长天数应为正整数。",
                                              "max_value": "延长期限不得超过三十日（行政强制法第二十五条）。"})  # fmt: skip
    reason = text_field("延长理由", max_length=500, help_text="情况复杂的具体情形")


class EndSeizureForm(_SeizureForm):
    on = date_field("解除或处理日期")
    handling = text_field("处理决定或解除情况", max_length=500)


class ReopenForm(DatedForm):
    on = date_field("补充调查日期")
    reason = text_field("补充调查理由", rows=2)


# --- 处理建议、告知、听证 -----------------------------------------------------------------------------------------


# Kinds whose object the officer names (the benchmark's "没收烧烤工具").
OBJECT_KINDS = ("没收非法财物", "暂扣许可证件", "吊销许可证件")


def _version_label(version) -> str:
    return f"{version.item.code} {version.name}"


class ProposeForm(DatedForm):
    on = date_field("调查终结日期")
    facts = text_field("违法事实", rows=3, max_length=20000)
    evidence_summary = text_field("证据及证明事项", rows=3, max_length=20000)
    outcome = choice_field("处理建议", _choices(Outcome))
    power_version = PickField(label="权责事项", required=False, empty_label="（不予处罚或移送的可不选）")
    benchmark_level = PickField(label="裁量档次", required=False, empty_label="（该事项无裁量基准的不选）")
    penalty_kinds = forms.MultipleChoiceField(
        label="处罚种类（第九条）",
        required=False,
        choices=[(k, k) for k in PENALTY_KINDS if k != "行政拘留"],  # 行政拘留 is for public security organs only
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "“%(value)s”不是行政处罚法第九条规定的处罚种类。",
            "invalid_list": "请勾选处罚种类。",
        },
    )
    penalty_objects = text_field(
        "没收的财物或暂扣、吊销的证照", required=False, max_length=200, help_text="如：烧烤工具一套（按裁量基准填写）"
    )
    fine_amount = money_field("罚款金额（元）")
    confiscation_amount = money_field("没收金额（元）")
    outside_level_reason = text_field("超出裁量档次的理由", required=False, rows=2)
    lighter_grounds = text_field("从轻、减轻情节（第三十二条）", required=False, rows=2)
    no_penalty_ground = text_field("不予处罚情形（第三十三条）", required=False, rows=2)
    serious = flag_field("情节复杂或者重大违法行为（须集体讨论）")
    major_public_interest = flag_field("涉及重大公共利益")
    difficult = flag_field("案件情况疑难复杂、涉及多个法律关系")

    def setup(self):
        super().setup()
        versions = current_versions(visible_power_items(self.user), category="penalty") if self.user else []
        self.fields["power_version"].set_objects(versions, label=_version_label)
        # The bands of the chosen item only (htmx narrows the list as the item changes; without JavaScript the bands
        # come grouped by item, and the form refuses a band of another item).
        chosen = self.data.get(self.add_prefix("power_version")) if self.is_bound else self.initial.get("power_version")
        if chosen in (None, "") and self.obj is not None and not self.is_bound:
            chosen = self.obj.power_version_id
        shown = [v for v in versions if str(v.pk) == str(chosen)] or versions
        self.fields["benchmark_level"].set_groups(
            [(_version_label(v), v.benchmark_levels.all()) for v in shown if v.benchmark_levels.all()],
            label=lambda lv: f"{lv.name}（{lv.fine_min or ''}–{lv.fine_max or ''}元）：{lv.conditions[:30]}",
        )
        if self.obj is not None:
            self.fields["power_version"].widget.attrs.update(
                {
                    "hx-get": reverse("enforcement:propose_levels", args=[self.obj.pk]),
                    "hx-trigger": "change",
                    "hx-target": f"#wrap-{self.auto_id % 'benchmark_level'}" if isinstance(self.auto_id, str) else "",
                    "hx-swap": "outerHTML",
                }
            )
        case = self.obj
        if case is not None and not self.is_bound:
            for name in (
                "facts",
                "evidence_summary",
                "outside_level_reason",
                "lighter_grounds",
                "no_penalty_ground",
                "serious",
                "major_public_interest",
                "difficult",
            ):
                self.initial.setdefault(name, getattr(case, name))
            self.initial.setdefault("outcome", case.proposed_outcome or Outcome.PENALTY)
            chosen = kinds(case.penalty_kinds) or ["罚款"]
            self.initial.setdefault("penalty_kinds", [kind_name(k) for k in chosen])
            objects = [k[len(kind_name(k)) + 1 : -1] for k in chosen if "（" in k]
            self.initial.setdefault("penalty_objects", "；".join(objects))
            self.initial.setdefault("fine_amount", case.fine_amount)
            self.initial.setdefault("confiscation_amount", case.confiscation_amount)
            self.initial.setdefault("power_version", case.power_version_id)
            self.initial.setdefault("benchmark_level", case.benchmark_level_id)

    def clean(self):
        data = super().clean()
        level, version = data.get("benchmark_level"), data.get("power_version")
        if level is not None and (version is None or level.version_id != version.pk):
            self.add_error("benchmark_level", "所选裁量档次不属于该权责事项。")
        objects = (data.get("penalty_objects") or "").strip()
        with_object = [k for k in data.get("penalty_kinds") or [] if k in OBJECT_KINDS]
        if objects and not with_object:
            self.add_error("penalty_objects", "填写了财物或证照名称，请同时勾选没收非法财物、暂扣或吊销许可证件。")
        return data

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        objects = (data.pop("penalty_objects", "") or "").strip()
        chosen = []
        for kind in data.get("penalty_kinds") or []:
            chosen.append(f"{kind}（{objects}）" if objects and kind in OBJECT_KINDS else kind)
        data["penalty_kinds"] = "、".join(chosen)
        return data


class NotifyForm(DatedForm):
    on = date_field("告知日期")


class StatementForm(DatedForm):
    on = date_field("陈述申辩日期")
    content = text_field("陈述申辩内容", rows=3)
    reply = text_field("复核意见", rows=2, help_text="第四十五条：应当进行复核")
    adopted = flag_field("予以采纳")


class WaiveForm(DatedForm):
    on = date_field("放弃日期")
    note = text_field("当事人书面放弃的情况", max_length=500)


class RequestHearingForm(DatedForm):
    on = date_field("申请日期")


class NotifyHearingForm(DatedForm):
    on = date_field("通知日期")
    scheduled_on = date_field("听证日期", help_text="通知后至少七个工作日")
    place = text_field("听证地点", max_length=200)
    presiding = PickField(label="听证主持人", help_text="非本案调查人员（第六十四条第（四）项）")
    private = flag_field("不公开举行")

    def setup(self):
        super().setup()
        self.fields["scheduled_on"].initial = None
        excluded = investigator_ids(self.obj) if self.obj is not None else set()
        staff = [p for p in _staff(self.user, None, self.obj) if p.pk not in excluded and not p.is_superuser]
        self.fields["presiding"].set_objects(staff, label=person_label)

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data["public"] = not data.pop("private")
        return data


class HoldHearingForm(DatedForm):
    date_fields = ("held_on",)
    held_on = date_field("听证日期")
    record_text = text_field("听证笔录", rows=4, max_length=20000)
    presiding_opinion = text_field("主持人意见", required=False, rows=2)
    absent = flag_field("当事人无正当理由未到场")
    refused = flag_field("当事人拒绝签字")
    refusal_note = text_field("拒绝签字情况", required=False, max_length=255)
    recording = forms.FileField(label="录音录像", required=False)

    def setup(self):
        super().setup()
        hearing = getattr(self.obj, "hearing", None) if self.obj is not None else None
        if hearing is not None and hearing.scheduled_on:
            self.fields["held_on"].initial = hearing.scheduled_on

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data["party_attended"] = not data.pop("absent")
        data["party_signed"] = not data.pop("refused")
        return data


# --- 审核、讨论、决定 ---------------------------------------------------------------------------------------------


class SubmitReviewForm(DatedForm):
    on = date_field("送审日期")
    summary = text_field("送审材料与说明", rows=2)


class ReadyForm(DatedForm):
    on = date_field("报请日期")


DELIBERATION_ROWS = 7


class DeliberationForm(DatedForm):
    """集体讨论 as rows — one per participant: who, their post, what they said, whether it is a dissent."""

    date_fields = ("held_on",)
    held_on = date_field("讨论日期")
    place = text_field("地点", required=False, max_length=200)
    presider = PickField(label="主持人（机关负责人）")
    recorder = PickField(label="记录人", required=False, empty_label="（本人记录）")
    conclusion = text_field("讨论结论", rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, DELIBERATION_ROWS + 1):
            member = PickField(label=f"参加人员{i}", required=False, empty_label="—")
            member.set_objects(self._people, label=person_label)
            member.widget.attrs["class"] = "form-select form-select-sm"
            self.fields[f"member_{i}"] = member
            self.fields[f"post_{i}"] = text_field(f"职务{i}", required=False, max_length=50)
            self.fields[f"opinion_{i}"] = text_field(f"意见{i}", required=False, max_length=2000)
            self.fields[f"dissent_{i}"] = flag_field(f"不同意见{i}")
            for name, hint in ((f"post_{i}", "职务"), (f"opinion_{i}", "意见")):
                self.fields[name].widget.attrs.update({"class": "form-control form-control-sm", "placeholder": hint})
            self.fields[f"dissent_{i}"].widget.attrs["class"] = "form-check-input"
        self.order_fields(["held_on", "place", "presider", "recorder", *self._row_names(), "conclusion"])

    @staticmethod
    def _row_names():
        return [f"{f}_{i}" for i in range(1, DELIBERATION_ROWS + 1) for f in ("member", "post", "opinion", "dissent")]

    def setup(self):
        super().setup()
        self._people = _staff(self.user, None, self.obj) if self.user is not None else []
        self.fields["presider"].set_objects(_staff(self.user, Role.LEADER, self.obj), label=person_label)
        self.fields["recorder"].set_objects(self._people, label=person_label)

    _people: list = []

    def rows(self):
        """The bound rows for the template: [(member, post, opinion, dissent), …]."""
        return [
            tuple(self[f"{f}_{i}"] for f in ("member", "post", "opinion", "dissent"))
            for i in range(1, DELIBERATION_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        filled = 0
        for i in range(1, DELIBERATION_ROWS + 1):
            member, opinion = data.get(f"member_{i}"), (data.get(f"opinion_{i}") or "").strip()
            if member is None and opinion:
                self.add_error(f"member_{i}", "请选择发表该意见的参加人员。")
            if member is not None and not opinion:
                self.add_error(f"opinion_{i}", f"请填写{person_label(member)}的意见（含不同意见）。")
            filled += member is not None
        if not filled:
            self.add_error(None, "请逐行填写参加人员及其意见（含不同意见）。")
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        attendees, opinions = [], []
        for i in range(1, DELIBERATION_ROWS + 1):
            member = data.get(f"member_{i}")
            if member is None:
                continue
            name = person_label(member)
            post = (data.get(f"post_{i}") or "").strip()
            attendees.append(member)
            opinions.append(
                {
                    "name": f"{name}（{post}）" if post else name,
                    "opinion": data[f"opinion_{i}"],
                    "dissent": data[f"dissent_{i}"],
                }
            )
        return {
            "held_on": data["held_on"],
            "place": data.get("place") or "",
            "presider": data["presider"],
            "recorder": data.get("recorder") or self.user,
            "attendees": attendees,
            "opinions": opinions,
            "conclusion": data["conclusion"],
        }


class ExtendForm(StepForm):
    days = forms.IntegerField(
        label="延长天数",
        min_value=1,
        max_value=365,
        initial=30,
        error_messages={
            "required": "请填写延长天数。",
            "invalid": "延长天数应为整数。",
            "min_value": "延长天数应为正整数。",
            "max_value": "延长天数过大。",
        },
    )
    reason = text_field("延长理由", max_length=255)


class DecideForm(DatedForm):
    on = date_field("决定日期")
    decision_text = text_field("处罚内容", required=False, max_length=2000, help_text="默认按处理建议")
    late_reason = text_field(
        "逾期理由", required=False, max_length=500, help_text="超过办案期限作出决定时必填（第六十条）"
    )


class ServeForm(DatedForm):
    on = date_field("送达日期")
    method = choice_field("送达方式", _choices(ServiceMethod))
    recipient = text_field("受送达人或签收人", max_length=200)
    place = text_field("送达地点", required=False, max_length=200)
    proof = text_field("送达回证或送达凭证", max_length=255)
    witnesses = text_field("见证人", required=False, max_length=200, help_text="留置送达时填写")
    consent = PickField(label="电子送达确认书", required=False, empty_label="（电子送达时选择）")
    recording = forms.FileField(label="音像记录", required=False)

    def setup(self):
        super().setup()
        evidence = list(self.obj.evidence.all()) if self.obj is not None else []
        self.fields["consent"].set_objects(evidence, label=lambda e: e.title)


# --- 执行 ----------------------------------------------------------------------------------------------------------


def _collection_choices():
    return [("", "到指定银行或电子支付系统缴纳"), *CollectionGround.choices]


class PaymentForm(DatedForm):
    date_fields = ("paid_on",)
    paid_on = date_field("缴款日期")
    amount = money_field("缴款金额（元）", required=True)
    receipt = text_field("缴款凭证号或专用票据号码", max_length=100)
    collection_ground = choice_field("缴款方式", _collection_choices(), required=False,
                                     help_text="普通程序只有第六十九条的情形可以当场收缴")  # fmt: skip
    collection_note = text_field("当场收缴的情况说明", required=False, max_length=500)


class _CollectedPaymentForm(DatedForm):
    payment = PickField(label="当场收缴的罚款")
    stage = ""

    def setup(self):
        super().setup()
        rows = list(self.obj.payments.exclude(collection_ground="")) if self.obj is not None else []
        if self.stage == "hand_in":
            rows = [p for p in rows if p.handed_in_on is None]
        else:
            rows = [p for p in rows if p.handed_in_on is not None and p.banked_on is None]
        self.fields["payment"].set_objects(rows, label=lambda p: f"{p.paid_on:%Y-%m-%d} {p.amount}元（{p.receipt}）")


class HandInCollectionForm(_CollectedPaymentForm):
    stage = "hand_in"
    on = date_field("交至行政机关日期")


class BankCollectionForm(_CollectedPaymentForm):
    stage = "bank"
    on = date_field("缴付银行日期")


class DeferralForm(DatedForm):
    on = date_field("批准日期")
    until = date_field("暂缓至")
    reason = text_field("当事人申请的理由", max_length=500)

    def setup(self):
        super().setup()
        self.fields["until"].initial = None


class RemedyForm(DatedForm):
    date_fields = ()
    kind = choice_field("复议或诉讼", _choices(RemedyKind))
    started_on = date_field("申请或起诉日期")


class ConcludeRemedyForm(DatedForm):
    date_fields = ()
    remedy = PickField(label="复议或诉讼")
    ended_on = date_field("终结日期")
    result = text_field("结果", max_length=500)

    def setup(self):
        super().setup()
        open_rows = list(self.obj.remedies.filter(ended_on__isnull=True)) if self.obj is not None else []
        self.fields["remedy"].set_objects(
            open_rows, label=lambda r: f"{r.get_kind_display()}（{r.started_on:%Y-%m-%d}）"
        )


class DemandForm(DatedForm):
    on = date_field("催告书发出日期")
    served_on = date_field(
        "催告书送达日期", required=False, help_text="申请法院强制执行的十日自送达之日起算；当日送达的可不填"
    )


class CourtForm(DatedForm):
    on = date_field("申请日期")
    court = text_field("受理法院", max_length=200)


# --- 结案、归档、文书 ---------------------------------------------------------------------------------------------


class FileMajorDecisionForm(DatedForm):
    on = date_field("备案日期")
    filed_with = text_field("备案机关", max_length=200, initial="西青区司法局（区政府法制机构）")


class FileSummaryForm(DatedForm):
    on = date_field("备案日期")


class CloseForm(DatedForm):
    on = date_field("结案日期")
    report = text_field("结案报告", rows=3)


class ArchiveForm(DatedForm):
    on = date_field("归档日期")


class CompleteFileForm(StepForm):
    """No input: the missing documents follow from the record."""

    def setup(self):
        obj = self.obj
        missing = documents.missing_documents(obj, for_archive=obj.closed_on is not None) if obj is not None else []
        self.missing = [r.label for r in missing]

    missing: list = []


class DocumentForm(StepForm):
    kind = forms.ChoiceField(
        label="文书",
        choices=[],
        error_messages={"required": "请选择要生成的文书。", "invalid_choice": "请选择要生成的文书。"},
    )
    source_id = forms.CharField(label="对应记录", required=False, max_length=40, widget=forms.HiddenInput)

    def setup(self):
        kinds = documents.available_kinds(self.obj) if self.obj is not None else []
        self.fields["kind"].choices = kinds


# --- 简易程序 -------------------------------------------------------------------------------------------------------


class SummaryForm(OfficersMixin, DatedForm):
    on = date_field("决定日期")
    place = text_field("地点", max_length=200)
    title = text_field("违法行为", max_length=200)
    facts = text_field("违法事实", rows=2)
    basis = text_field("处罚依据", max_length=500, help_text="第五十一条：有法定依据")
    power_version = PickField(label="权责事项", required=False, empty_label="（可选）")
    party_kind = choice_field("当事人类别", _choices(PartyKind))
    party_name = text_field("当事人姓名或名称", max_length=200)
    party_id_number = text_field("身份证号码或统一社会信用代码", required=False, max_length=40)
    party_address = text_field("住所或地址", required=False, max_length=255)
    officers = MultiPickField(label="执法人员")
    penalty_kinds = text_field("处罚种类", max_length=50, initial="罚款", help_text="警告或罚款")
    fine_amount = money_field("罚款金额（元）")
    refused = flag_field("当事人拒绝签收")
    refusal_note = text_field("拒绝签收情况", required=False, max_length=255)
    collection_ground = choice_field("缴款方式", _collection_choices(), required=False)
    collection_note = text_field("当场收缴的情况说明", required=False, max_length=500)
    receipt = text_field(
        "专用票据号码",
        required=False,
        max_length=100,
        help_text="当场收缴的，填写财政部门统一制发的专用票据号码（第七十条）",
    )

    def setup(self):
        super().setup()
        self.set_officers()
        versions = current_versions(visible_power_items(self.user), category="penalty") if self.user else []
        self.fields["power_version"].set_objects(versions, label=_version_label)

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data["party_signed"] = not data.pop("refused")
        return data
