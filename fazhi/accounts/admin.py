"""Admin pages: login failures with an unlock action, and every user's API tokens with a revoke action."""

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts import services
from fazhi.accounts.models import ApiToken
from fazhi.audit.admin_base import ReadOnlyAdmin


@admin.register(AccessAttempt)
class LoginFailureAdmin(ReadOnlyAdmin):
    list_display = ("username", "ip_address", "failures_since_start", "attempt_time", "user_agent")
    search_fields = ("username", "ip_address")
    ordering = ("-attempt_time",)
    actions = ["unlock"]
    fields = ("username", "ip_address", "failures_since_start", "attempt_time", "user_agent", "path_info")

    @admin.action(description="解除所选记录的登录锁定")
    def unlock(self, request, queryset):
        count = 0
        for attempt in queryset:
            count += services.unlock(
                actor=request.user, username=attempt.username or "", ip_address=attempt.ip_address or ""
            )
        messages.success(request, f"已解除锁定（清除 {count} 条登录失败记录）。")


AccessAttempt._meta.verbose_name = AccessAttempt._meta.verbose_name_plural = "登录失败记录"


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at", "state_label")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username", "user__last_name")
    actions = ["revoke"]

    @admin.display(description="状态")
    def state_label(self, obj):
        return obj.state_label

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        count = sum(services.revoke_token(actor=request.user, token=t, reason="管理员吊销") for t in queryset)
        messages.success(request, f"已吊销 {count} 个令牌。")


# The plug-ins' own device pages would show every user's TOTP key and recovery codes to any administrator; devices
# are enrolled by their owner and reset with the 人员 page's action instead.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
