"""Django calls ``password_changed`` on every entry of AUTH_PASSWORD_VALIDATORS after any ``set_password`` + ``save``;
this entry validates nothing and uses that call to put the change on the chain and revoke the user's API tokens."""

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.core.exceptions import ValidationError

from fazhi.accounts import services


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django's rule with its message in Chinese (Django's zh-hans catalogue lacks this plural message)."""

    def get_error_message(self):
        return f"密码长度太短，至少需要 {self.min_length} 个字符。"

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")

    def get_help_text(self):
        return f"至少包含 {self.min_length} 个字符。"


class PasswordChangeHook:
    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.pk is not None:
            services.password_changed(user)

    def get_help_text(self):
        return "修改密码后，本人已签发的 API 令牌全部失效。"
