"""Who must pass a second factor (等保 2.0 三级 身份鉴别: two kinds of authentication for privileged users).

Administrators (superusers, anyone who may open the admin site, the 系统管理员 role) and supervisors (监督人员) must
enrol a TOTP app and pass it at each login; anyone who enrolled voluntarily passes it too.
"""

from django_otp import user_has_device

from fazhi.core.access import Role, has_role


def needs_second_factor(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.is_staff or has_role(user, Role.ADMIN) or has_role(user, Role.SUPERVISOR))


def needs_verification(user) -> bool:
    """A second factor is due for this user at login (required, or enrolled anyway)."""
    if user is None or not user.is_authenticated:
        return False
    return needs_second_factor(user) or user_has_device(user, confirmed=True)


def is_verified(user) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())
