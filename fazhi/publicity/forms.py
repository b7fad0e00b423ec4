from django import forms

from fazhi.core.validation import SafeForm
from fazhi.publicity.models import ResultKind


class SearchForm(SafeForm):
    q = forms.CharField(label="关键词", required=False, max_length=50)
    body = forms.IntegerField(label="执法机关", required=False, min_value=1)
    kind = forms.ChoiceField(label="类别", required=False, choices=[("", "全部"), *ResultKind.choices])
    date_from = forms.DateField(label="决定日期自", required=False)
    date_to = forms.DateField(label="至", required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "“至”日期不能早于“决定日期自”。")
        return data


class MaskForm(SafeForm):
    text = forms.CharField(label="需要屏蔽的文字", max_length=200)
    reason = forms.CharField(label="理由", max_length=200, required=False)


class ApproveForm(SafeForm):
    on = forms.DateField(label="公开日期")
    # The confirm step (docs/decisions/0056): the first post shows exactly what the portal will show; only the second,
    # with confirm=1, publishes.
    confirm = forms.BooleanField(required=False)


class FlagsForm(SafeForm):
    minor = forms.BooleanField(label="当事人为未成年人", required=False)
    privacy_centred = forms.BooleanField(label="案件主要事实涉及个人隐私", required=False)


class RevocationForm(SafeForm):
    on = forms.DateField(label="撤销、变更或确认违法日期")
    cause = forms.CharField(label="情况", max_length=255)


class WithdrawForm(SafeForm):
    on = forms.DateField(label="撤回日期")
    reason = forms.CharField(label="撤回理由（将公开）", widget=forms.Textarea(attrs={"rows": 3}), required=False)
