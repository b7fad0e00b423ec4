"""Input shapes of 双随机、一公开 (StepForms: the page, the POST view and the API bind the same form).

Forms check shape; the substance (ratio caps, certificates, conflicts, the order of steps) is the services' to refuse,
and a refusal naming a field lands next to it.
"""

from __future__ import annotations

from django import forms

from fazhi.core.step_specs import PickField, StepForm, date_field, text_field
from fazhi.inspection import selectors
from fazhi.inspection.models import CreditLevel, ItemKind, ObjectKind, Result, RiskLevel


def _percent_field(label: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_value=100, max_digits=5, decimal_places=2,
        error_messages={"required": f"请填写{label}。", "invalid": f"{label}应为 0 至 100 之间的数字。",
                        "min_value": f"{label}不能为负数。", "max_value": f"{label}不能超过 100。",
                        "max_digits": f"{label}应为 0 至 100 之间的数字。",
                        "max_decimal_places": f"{label}最多保留两位小数。"},
    )  # fmt: skip


def _choice(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices,
        error_messages={"required": f"请选择{label}。", "invalid_choice": f"请选择有效的{label}。"},
    )  # fmt: skip


class BodyForm(StepForm):
    """A create form: the body comes from the user's scope."""

    body = PickField(label="机关")

    def setup(self):
        from fazhi.org.selectors import visible_bodies

        self.fields["body"].set_objects(visible_bodies(self.user).order_by("path"), label=lambda b: b.name)


class ItemForm(BodyForm):
    name = text_field("抽查事项", max_length=200)
    basis = text_field("抽查依据（《法规名称》第X条）", max_length=300)
    content = text_field("抽查内容", max_length=2000, rows=2)
    method = text_field("抽查方式", max_length=100)
    kind = _choice("事项类别", ItemKind.choices)
    ratio_cap = _percent_field("抽查比例上限（%，一般检查事项必填）", required=False)
    on = date_field("列入日期")


class ObjectForm(BodyForm):
    credit_code = text_field("统一社会信用代码", max_length=18)
    name = text_field("名称", max_length=200)
    kind = _choice("类别", ObjectKind.choices)
    address = text_field("住所（经营场所）", required=False, max_length=300)
    representative = text_field("法定代表人（经营者）", required=False, max_length=100)
    risk = _choice("风险等级", RiskLevel.choices)
    credit = _choice("信用等级", CreditLevel.choices)
    on = date_field("登记日期")


class ImportForm(BodyForm):
    file = forms.FileField(label="检查对象名录库（.xlsx）", error_messages={"required": "请选择要导入的 .xlsx 文件。"})
    on = date_field("导入日期")


class InspectorForm(BodyForm):
    person = PickField(label="人员（持有有效执法证件）")
    code = text_field("检查人员编号", max_length=20)
    qualification = text_field("执法资质", required=False, max_length=100)
    specialty = text_field("业务专长", required=False, max_length=100)
    on = date_field("列入日期")

    def setup(self):
        super().setup()
        from fazhi.org.selectors import visible_staff

        self.fields["person"].set_objects(
            visible_staff(self.user).order_by("last_name", "first_name"),
            label=lambda p: p.get_full_name() or p.get_username(),
        )


class ConflictForm(StepForm):
    inspector = PickField(label="检查人员")
    target = text_field("检查对象的统一社会信用代码", max_length=18)
    reason = text_field("利害关系", max_length=300)
    on = date_field("申报日期")

    def setup(self):
        self.fields["inspector"].set_objects(selectors.inspectors_visible(self.user).filter(active=True))

    def clean(self):
        data = super().clean()
        inspector, code = data.get("inspector"), (data.get("target") or "").strip().upper()
        if inspector is not None and code:
            target = selectors.objects_visible(self.user).filter(body_id=inspector.body_id, credit_code=code).first()
            if target is None:
                self.add_error("target", f"名录库中没有统一社会信用代码为 {code} 的检查对象。")
            data["target"] = target
        return data


class PlanForm(BodyForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100,
                              error_messages={"required": "请填写年度。", "invalid": "年度应为四位数字。"})  # fmt: skip
    title = text_field("计划名称", max_length=200)
    on = date_field("制定日期")


class TaskForm(StepForm):
    plan = PickField(label="年度计划")
    item = PickField(label="抽查事项")
    title = text_field("任务名称", max_length=200)
    ratio_high = _percent_field("高风险对象抽查比例（%）")
    ratio_medium = _percent_field("中风险对象抽查比例（%）")
    ratio_low = _percent_field("低风险对象抽查比例（%）")
    inspector_count = forms.IntegerField(
        label="检查人员人数（不少于2人）", initial=2, min_value=1, max_value=20,
        error_messages={"required": "请填写检查人员人数。", "invalid": "检查人员人数应为整数。",
                        "min_value": "检查人员人数应为正整数。", "max_value": "检查人员人数不超过20人。"},
    )  # fmt: skip
    on = date_field("制定日期")

    def setup(self):
        self.fields["plan"].set_objects(selectors.plans_visible(self.user))
        self.fields["item"].set_objects(
            selectors.items_visible(self.user).filter(active=True),
            label=lambda i: f"{i.name}（{i.get_kind_display()}{f'，上限 {i.ratio_cap}%' if i.ratio_cap else ''}）",
        )


class SeedForm(StepForm):
    seed = text_field("随机种子（留空则由系统生成；可填公开摇号的号码）", required=False, max_length=128)
    on = date_field("公布日期")


class DateOnlyForm(StepForm):
    on = date_field("日期")


class RecordForm(StepForm):
    result = _choice("检查结果", [c for c in Result.choices if c[0] != Result.PENDING])
    findings = text_field("检查情况", max_length=4000, rows=3)
    case_title = text_field("案由（结果为立案查处时）", required=False, max_length=200)
    files = forms.FileField(label="照片或文件（可选）", required=False)
    on = date_field("检查日期")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        upload = data.pop("files", None)
        data["files"] = [upload] if upload else []
        return data
