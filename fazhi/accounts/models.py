"""API tokens: named, hashed at rest, expiring, revocable. A token acts as its user (never more)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only the SM3 hash of the key is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("名称", max_length=100)
    prefix = models.CharField("前缀", max_length=12, help_text="令牌的前几个字符，用于辨认，不能用于认证。")
    key_hash = models.CharField("令牌哈希（SM3）", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("签发时间", default=timezone.now)
    expires_at = models.DateTimeField("有效期至")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    revoked_reason = models.CharField("吊销原因", max_length=100, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="accounts_token_expires"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state_label(self) -> str:
        if self.revoked_at is not None:
            return "已吊销"
        if self.expires_at <= timezone.now():
            return "已过期"
        return "有效"
