"""Roles are Django groups with these fixed names; code refers to the constants, never to the strings."""

from django.db import models


class Role(models.TextChoices):
    OFFICER = "执法人员", "执法人员"
    LEGAL_REVIEWER = "法制审核人员", "法制审核人员"
    LEADER = "负责人", "负责人"
    DISCLOSURE_CLERK = "政务公开专员", "政务公开专员"
    MEDIATOR = "调解员", "调解员"
    SUPERVISOR = "监督人员", "监督人员"
    ADMIN = "系统管理员", "系统管理员"


def has_role(user, role: Role) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_fazhi_roles", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._fazhi_roles = cache
    return role.value in cache or (role == Role.ADMIN and user.is_superuser)
