from django import forms
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm

from fazhi.core.validation import SafeForm


class PasswordChangeForm(DjangoPasswordChangeForm):
    """Django's form (old password, two new ones, the validators); labels and messages come in Chinese."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["old_password"].widget.attrs["autofocus"] = True


class CodeForm(SafeForm):
    token = forms.CharField(
        label="动态口令或恢复码",
        max_length=32,
        widget=forms.TextInput(
            attrs={"class": "form-control", "autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class EnrolForm(SafeForm):
    token = forms.CharField(
        label="App 显示的 6 位动态口令",
        max_length=16,
        widget=forms.TextInput(
            attrs={"class": "form-control", "autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


DAYS_CHOICES = [(30, "30 日"), (90, "90 日"), (180, "180 日"), (365, "365 日")]


class TokenForm(SafeForm):
    name = forms.CharField(
        label="名称（用途）", max_length=100, widget=forms.TextInput(attrs={"class": "form-control form-control-sm"})
    )
    days = forms.TypedChoiceField(
        label="有效期",
        choices=DAYS_CHOICES,
        coerce=int,
        initial=90,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
