"""Input shapes of 学法 and 普法 (StepForms: the page, the POST view and the API bind the same form).

Forms check shape; the substance (hours within the rule, attendees in scope, a date for an activity) is the
services' to refuse, and a refusal naming a field lands next to it.
"""

from django import forms

from fazhi.core.step_specs import MultiPickField, PickField, StepForm, date_field, flag_field, text_field
from fazhi.law import selectors as law_selectors
from fazhi.learning import selectors
from fazhi.learning.models import ActivityForm, StudyKind
from fazhi.org import selectors as org_selectors


def home_body(user):
    """The body a user records for: their town (or their own body above town level)."""
    body = getattr(user, "body", None)
    return org_selectors.town_of(body) or body


def _staff(user):
    body = home_body(user)
    people = org_selectors.visible_staff(user)
    return people.filter(body__path__startswith=body.path) if body is not None else people.none()


def _person_label(p) -> str:
    return f"{p.get_full_name() or p.username}（{p.body.short_name or p.body.name}）"


class SessionForm(StepForm):
    kind = forms.ChoiceField(label="学法形式", choices=[("", "请选择"), *StudyKind.choices])
    held_on = date_field("学法日期")
    title = text_field("学习主题", max_length=200)
    meeting = text_field(
        "会议名称", required=False, max_length=100, help_text="会前学法必填，如：2019年第3次镇长办公会"
    )
    law = PickField(label="学习的法律法规", required=False, empty_label="（不选）")
    provisions = text_field("学习条文", required=False, max_length=200, help_text="如：第五条、第十条")
    presenter = PickField(label="领学人/主讲人（本单位）", required=False, empty_label="（无）")
    speaker = text_field("外请主讲人", required=False, max_length=100, help_text="外请专家、律师等（姓名与单位）")
    hours = forms.CharField(label="每人学时", max_length=10, error_messages={"required": "请填写每人学时。"})
    attendees = MultiPickField(label="参加人员")

    def setup(self):
        staff = list(_staff(self.user)) if self.user is not None else []
        self.fields["presenter"].set_objects(staff, label=_person_label)
        self.fields["attendees"].set_objects(staff, label=_person_label)
        self.fields["law"].set_objects(law_selectors.laws(), label=lambda law: law.title)


class ActivityCreateForm(StepForm):
    held_on = date_field("活动日期")
    topic = text_field("活动主题", max_length=200)
    form = forms.ChoiceField(label="活动形式", choices=[("", "请选择"), *ActivityForm.choices])
    place = text_field("地点", required=False, max_length=200)
    laws = text_field("宣传的法律法规", required=False, max_length=300)
    audience_size = forms.IntegerField(
        label="受众人数", required=False, min_value=0, max_value=1_000_000,
        error_messages={"invalid": "受众人数应为整数。", "min_value": "受众人数不能为负数。",
                        "max_value": "受众人数超出可登记的范围。"},
    )  # fmt: skip
    duty_line = PickField(label="落实的清单条目", required=False, empty_label="（不选）")
    key_date = PickField(label="对应的重要节点", required=False, empty_label="（不选）")
    case_id = forms.IntegerField(
        label="以案释法案件编号（内部ID）", required=False, min_value=1,
        help_text="形式为“以案释法”时必填：已结案的本单位案件", error_messages={"invalid": "案件编号应为数字。"},
    )  # fmt: skip
    files = forms.FileField(label="照片或材料（可选）", required=False)

    def setup(self):
        body = home_body(self.user) if self.user is not None else None
        lines = selectors.duty_lines([body.pk]) if body is not None else []
        self.fields["duty_line"].set_objects(lines, label=lambda line: f"{line.year}年 {line.laws}")
        self.fields["key_date"].set_objects(selectors.key_dates(), label=lambda kd: kd.name)

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        upload = data.pop("files", None)
        data["files"] = [upload] if upload else []
        return data


class ReviewForm(StepForm):
    on = date_field("审核日期")
    approve = flag_field("同意公开", initial=True)
    note = text_field("审核意见", required=False, max_length=300, rows=2)


class DutyLineForm(StepForm):
    year = forms.IntegerField(
        label="年度", min_value=2000, max_value=2100,
        error_messages={"required": "请填写年度。", "invalid": "年度应为四位数字。"},
    )  # fmt: skip
    laws = text_field("普法内容（所执行的法律法规）", max_length=300)
    audience = text_field("普法对象", max_length=200)
    measures = text_field("普法措施", max_length=500)
    responsible_unit = text_field("责任部门", max_length=100)
    timing = text_field("时间节点", max_length=200)


class MatchForm(forms.Form):
    person = PickField(label="匹配人员")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].set_objects(_staff(user) if user is not None else [], label=_person_label)
        self.fields["person"].widget.attrs["class"] = "form-select form-select-sm"


class ImportForm(forms.Form):
    file = forms.FileField(label="成绩文件（.xlsx）", error_messages={"required": "请选择要导入的 .xlsx 文件。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "form-control"


class KeyDateForm(forms.Form):
    month = forms.IntegerField(label="月", min_value=1, max_value=12, error_messages={"required": "请填写月。"})
    day = forms.IntegerField(label="日", min_value=1, max_value=31, required=False)
    span_days = forms.IntegerField(
        label="持续天数", min_value=1, max_value=31, error_messages={"required": "请填写持续天数。"}
    )
    active = forms.BooleanField(label="启用", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-check-input" if name == "active" else "form-control"
