"""Admin pages for reference data. Changes made here still go onto the audit chain (through the services where one
exists); certificates and training records are read-only here because their changes have rules (use /org/)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction

from fazhi.accounts import services as accounts
from fazhi.audit.admin_base import ReadOnlyAdmin
from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.org import services
from fazhi.org.models import Body, Certificate, TrainingRecord, User


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "province", "path")
    list_filter = ("kind",)
    search_fields = ("name", "code", "short_name")
    readonly_fields = ("path",)

    def get_readonly_fields(self, request, obj=None):
        # Moving a body would orphan its materialised path and its subtree; parents are fixed after creation.
        return ("path", "parent") if obj else ("path",)

    def save_model(self, request, obj, form, change):
        if change:
            old = Body.objects.get(pk=obj.pk)
            super().save_model(request, obj, form, change)
            changed = {f: (getattr(old, f), getattr(obj, f)) for f in form.changed_data}
            if not changed:
                return
            record(
                actor=request.user,
                event=Event.BODY_CHANGED,
                subject=obj,
                body_id=obj.pk,
                payload={"old": {k: v[0] for k, v in changed.items()}, "new": {k: v[1] for k, v in changed.items()}},
            )
            return
        created = services.create_body(
            actor=request.user,
            name=obj.name,
            kind=obj.kind,
            code=obj.code,
            parent=obj.parent,
            short_name=obj.short_name,
            province=obj.province,
        )
        obj.pk, obj.path = created.pk, created.path


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "body", "phone", "is_active", "is_staff")
    list_filter = ("body", "groups", "is_active", "is_staff")
    search_fields = ("username", "last_name", "first_name", "phone")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("last_name", "first_name", "body", "phone", "email")}),
        ("角色与权限", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("重要日期", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "last_name", "first_name", "body", "password1", "password2")},
        ),
    )

    actions = ["unlock", "reset_second_factor"]

    @admin.display(description="姓名")
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.action(description="解除所选人员的登录锁定")
    def unlock(self, request, queryset):
        count = sum(accounts.unlock(actor=request.user, username=user.username) for user in queryset)
        messages.success(request, f"已解除锁定（清除 {count} 条登录失败记录）。")

    @admin.action(description="重置所选人员的动态口令（须当面核实身份；其下次登录时重新绑定）")
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            accounts.reset_second_factor(actor=request.user, user=user)
        messages.success(request, f"已重置 {queryset.count()} 人的动态口令。")

    def user_change_password(self, request, id, form_url=""):
        # The save runs Django's password_changed hook (fazhi.accounts.passwords): the chain entry, naming this
        # administrator, and the revocation of the person's API tokens, in one transaction with the new password.
        with transaction.atomic(), accounts.acting_as(request.user):
            return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        old = User.objects.filter(pk=obj.pk).values("body_id", "phone", "is_active", "is_staff", "is_superuser").first()
        with accounts.acting_as(request.user):  # a password given on the add form is recorded as set by this admin
            super().save_model(request, obj, form, change)
        audited = [f for f in form.changed_data if f not in ("password", "password1", "password2", "groups")]
        if not change:
            record(
                actor=request.user,
                event=Event.STAFF_CREATED,
                subject=obj,
                body_id=obj.body_id,
                payload={"new": {"username": obj.username, "name": obj.get_full_name(), "body_id": obj.body_id}},
            )
        elif audited:
            record(
                actor=request.user,
                event=Event.STAFF_CHANGED,
                subject=obj,
                body_id=obj.body_id,
                payload={
                    "fields": audited,
                    "old": old or {},
                    "new": {
                        "body_id": obj.body_id,
                        "phone": obj.phone,
                        "is_active": obj.is_active,
                        "is_staff": obj.is_staff,
                        "is_superuser": obj.is_superuser,
                    },
                },
            )
        # The two flags are privileges as much as the role groups are: their changes are role events too.
        for flag, role in (("is_superuser", "超级用户"), ("is_staff", "可进入管理后台")):
            before = bool(old and old[flag])
            after = bool(getattr(obj, flag))
            if before != after and (change or after):
                record(
                    actor=request.user,
                    event=Event.ROLE_GRANTED if after else Event.ROLE_REVOKED,
                    subject=obj,
                    body_id=obj.body_id,
                    payload={"new": {"role": role}} if after else {"old": {"role": role}},
                )

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.groups.values_list("name", flat=True))
        for name in sorted(after - before):
            record(
                actor=request.user,
                event=Event.ROLE_GRANTED,
                subject=form.instance,
                body_id=form.instance.body_id,
                payload={"new": {"role": name}},
            )
        for name in sorted(before - after):
            record(
                actor=request.user,
                event=Event.ROLE_REVOKED,
                subject=form.instance,
                body_id=form.instance.body_id,
                payload={"old": {"role": name}},
            )


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("number", "holder", "issuer", "field", "valid_from", "valid_to", "state")
    list_filter = ("state", "issuer")
    search_fields = ("number", "holder__username", "holder__last_name")


@admin.register(TrainingRecord)
class TrainingRecordAdmin(ReadOnlyAdmin):
    list_display = ("person", "date", "topic", "hours", "source")
    list_filter = ("source",)
    search_fields = ("person__username", "person__last_name", "topic")
    date_hierarchy = "date"
