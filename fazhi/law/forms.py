from django import forms

from fazhi.core.validation import SafeForm
from fazhi.law.models import FineUnit, LawLevel, PowerCategory, PowerState

MAX_LAW_FILE_BYTES = 2 * 1024 * 1024


class UploadLawForm(SafeForm):
    file = forms.FileField(label="法规文本（Markdown，UTF-8）")
    level = forms.ChoiceField(label="效力位阶", choices=LawLevel.choices, initial=LawLevel.LOCAL_REGULATION)
    region = forms.CharField(
        label="适用地区", max_length=50, required=False, help_text="地方性法规、地方政府规章必填，如：天津市"
    )
    version_date = forms.DateField(
        label="版本日期",
        required=False,
        help_text="留空则取文件名中的（YYYY-MM-DD），再不然取题注中最晚的日期",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LAW_FILE_BYTES:
            raise forms.ValidationError("法规文本：文件超过 2 MB。")
        if not upload.name.lower().endswith((".md", ".txt")):
            raise forms.ValidationError("法规文本：只接受 .md 或 .txt 文件。")
        try:
            self.text = upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("法规文本：文件不是 UTF-8 编码。") from exc
        return upload


class SearchForm(SafeForm):
    q = forms.CharField(label="检索词", max_length=100, required=False)
    all_versions = forms.BooleanField(label="含已修改、已废止版本", required=False)


LEVEL_ROWS = 5


class PowerItemForm(SafeForm):
    """One version of a power item. Citations one per line, typed (《城乡规划法》第六十五条) or as keys."""

    body = forms.ModelChoiceField(label="实施主体", queryset=None)
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=300)
    category = forms.ChoiceField(label="类别", choices=PowerCategory.choices)
    responsible_unit = forms.CharField(label="承办机构", max_length=100, required=False)
    basis = forms.CharField(
        label="设定依据",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="每行一条，如：《城乡规划法》第六十五条",
    )
    violated = forms.CharField(label="违则", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    penalty = forms.CharField(label="罚则", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    devolved = forms.BooleanField(label="赋权事项（行政处罚法 第二十四条）", required=False)
    devolving_document = forms.CharField(label="赋权文件", max_length=300, required=False)
    accountability = forms.CharField(label="追责情形", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    state = forms.ChoiceField(label="状态", choices=PowerState.choices, initial=PowerState.ACTIVE)
    statutory_fine_unit = forms.ChoiceField(label="罚款计量", choices=FineUnit.choices, required=False)
    statutory_fine_base = forms.CharField(label="计算基数", max_length=100, required=False)
    statutory_fine_min = forms.DecimalField(
        label="法定罚款下限", max_digits=14, decimal_places=2, required=False, min_value=0
    )
    statutory_fine_max = forms.DecimalField(
        label="法定罚款上限", max_digits=14, decimal_places=2, required=False, min_value=0
    )
    statutory_other = forms.CharField(
        label="法定其他处罚种类", max_length=300, required=False, help_text="以顿号分隔，如：警告、责令停止建设、拆除"
    )
    change_note = forms.CharField(label="变更说明", max_length=300, required=False)

    FIELD_BY_LABEL = {
        "事项编码": "code",
        "事项名称": "name",
        "类别": "category",
        "设定依据": "basis",
        "违则": "violated",
        "罚则": "penalty",
        "赋权文件": "devolving_document",
        "状态": "state",
        "罚款计量": "statutory_fine_unit",
        "计算基数": "statutory_fine_base",
        "法定罚款幅度": "statutory_fine_min",
        "变更说明": "change_note",
    }

    def __init__(self, *args, bodies=None, fixed_item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        for n in range(1, LEVEL_ROWS + 1):
            self.fields[f"level_{n}_name"] = forms.CharField(label=f"第{n}档名称", max_length=20, required=False)
            self.fields[f"level_{n}_conditions"] = forms.CharField(
                label=f"第{n}档适用情形", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"level_{n}_min"] = forms.DecimalField(
                label=f"第{n}档罚款下限", max_digits=14, decimal_places=2, required=False, min_value=0
            )
            self.fields[f"level_{n}_max"] = forms.DecimalField(
                label=f"第{n}档罚款上限", max_digits=14, decimal_places=2, required=False, min_value=0
            )
            self.fields[f"level_{n}_other"] = forms.CharField(
                label=f"第{n}档其他处罚种类", max_length=300, required=False
            )
        for f in self.fields.values():
            css = "form-check-input" if isinstance(f.widget, forms.CheckboxInput) else "form-control"
            f.widget.attrs.setdefault("class", css)
        if fixed_item is not None:
            # A revision keeps the item's identity: body and code are shown, not changed.
            self.fields["body"].disabled = True
            self.fields["code"].disabled = True
            self.fields["change_note"].required = True

    def level_rows(self):
        return [
            [self[f"level_{n}_{part}"] for part in ("name", "conditions", "min", "max", "other")]
            for n in range(1, LEVEL_ROWS + 1)
        ]

    def to_spec(self):
        from fazhi.law.services import LevelSpec, PowerSpec

        d = self.cleaned_data
        levels = []
        for n in range(1, LEVEL_ROWS + 1):
            values = [d.get(f"level_{n}_{p}") for p in ("name", "conditions", "min", "max", "other")]
            if any(v not in (None, "") for v in values):
                levels.append(LevelSpec(values[0] or "", values[1] or "", values[2], values[3], values[4] or ""))
        return PowerSpec(
            name=d["name"],
            category=d["category"],
            responsible_unit=d["responsible_unit"],
            devolved=d["devolved"],
            devolving_document=d["devolving_document"],
            accountability=d["accountability"],
            state=d["state"],
            basis=d["basis"].splitlines(),
            violated=d["violated"].splitlines(),
            penalty=d["penalty"].splitlines(),
            statutory_fine_unit=d["statutory_fine_unit"] or "",
            statutory_fine_base=d["statutory_fine_base"],
            statutory_fine_min=d["statutory_fine_min"],
            statutory_fine_max=d["statutory_fine_max"],
            statutory_other=d["statutory_other"],
            levels=levels,
            change_note=d.get("change_note") or "",
        )

    def add_problems(self, problems):
        import re

        for label, message in problems:
            m = re.match(r"裁量基准第(\d+)档", label)
            name = f"level_{m.group(1)}_name" if m else self.FIELD_BY_LABEL.get(label)
            if name and name in self.fields:
                self.add_error(name, f"{label}：{message}")
            else:
                self.add_error(None, f"{label}：{message}")

    @staticmethod
    def initial_from(version):
        from fazhi.law.services import spec_from_version

        spec = spec_from_version(version)
        initial = {
            "body": version.item.body_id,
            "code": version.item.code,
            "name": spec.name,
            "category": spec.category,
            "responsible_unit": spec.responsible_unit,
            "basis": "\n".join(spec.basis),
            "violated": "\n".join(spec.violated),
            "penalty": "\n".join(spec.penalty),
            "devolved": spec.devolved,
            "devolving_document": spec.devolving_document,
            "accountability": spec.accountability,
            "state": spec.state,
            "statutory_fine_unit": spec.statutory_fine_unit,
            "statutory_fine_base": spec.statutory_fine_base,
            "statutory_fine_min": spec.statutory_fine_min,
            "statutory_fine_max": spec.statutory_fine_max,
            "statutory_other": spec.statutory_other,
        }
        for n, level in enumerate(spec.levels, start=1):
            initial.update(
                {
                    f"level_{n}_name": level.name,
                    f"level_{n}_conditions": level.conditions,
                    f"level_{n}_min": level.fine_min,
                    f"level_{n}_max": level.fine_max,
                    f"level_{n}_other": level.other_penalties,
                }
            )
        return initial


class RetireForm(SafeForm):
    reason = forms.CharField(label="取消理由", max_length=300)


class PowerImportForm(SafeForm):
    file = forms.FileField(label="权责清单工作簿（.xlsx）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("权责清单工作簿：文件超过 10 MB。")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("权责清单工作簿：只接受 .xlsx 文件。")
        self.data_bytes = upload.read()
        return upload


class HealthForm(SafeForm):
    on = forms.DateField(label="检查日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
