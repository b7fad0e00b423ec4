"""Who may do what: the role vocabulary and the one authorization check, ``require``.

Roles are Django groups with fixed names; code refers to the ``Role`` constants, never to the strings. Scope (which
bodies a user may see) belongs to the organisation tree, which lives in the ``org`` app above this one: ``org``
registers its scope function here when the app registry is ready, so core never imports a domain app.

``require`` is used by services (through the step helper), views and the API alike. A scope failure raises
``NotInScope``, which views and the API turn into 404 by its type — a record outside one's scope must look exactly
like a record that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from django.db import models

from fazhi.core.errors import NotPermitted


class Role(models.TextChoices):
    OFFICER = "执法人员", "执法人员"
    LEGAL_REVIEWER = "法制审核人员", "法制审核人员"
    LEADER = "负责人", "负责人"
    DISCLOSURE_CLERK = "政务公开专员", "政务公开专员"
    MEDIATOR = "调解员", "调解员"
    SUPERVISOR = "监督人员", "监督人员"
    ADMIN = "系统管理员", "系统管理员"


class NotInScope(NotPermitted):
    """The record belongs to a body outside the actor's scope (shown to people as 404, never as 403)."""

    default_message = "该记录不在您的管辖范围内。"


def has_role(user, role: Role) -> bool:
    if user is None or not user.is_authenticated:
        return False
    cache = getattr(user, "_fazhi_roles", None)
    if cache is None:
        # groups.all() reads a prefetch_related("groups") when the caller made one (visible_staff does): a list of
        # people checked one by one costs no query per person.
        cache = {group.name for group in user.groups.all()}
        user._fazhi_roles = cache
    return role.value in cache or (role == Role.ADMIN and user.is_superuser)


def has_any_role(user, *roles: Role) -> bool:
    return any(has_role(user, role) for role in roles)


# --- scope ---------------------------------------------------------------------------------------------------------

_scope_provider: Callable[[object], Collection[int]] | None = None


def register_scope(provider: Callable[[object], Collection[int]]) -> None:
    """Called once by ``org`` (its AppConfig.ready): ``provider(user)`` returns the ids of the bodies the user sees."""
    global _scope_provider
    _scope_provider = provider


def scope_ids(user) -> frozenset[int]:
    """The bodies a user may see, computed once per user object (one request, one command run)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_fazhi_scope", None)
    if cached is None:
        if _scope_provider is None:
            raise RuntimeError("org 尚未注册管辖范围（fazhi.org 未安装？）")
        cached = frozenset(_scope_provider(user))
        user._fazhi_scope = cached
    return cached


def in_scope(user, body_id: int | None) -> bool:
    if user is None:
        return True  # the system acts everywhere
    if user.is_superuser:
        return True
    return body_id is not None and body_id in scope_ids(user)


def forget_cached_access(user) -> None:
    """Drop the per-object caches after a role or body change (tests, admin)."""
    for name in ("_fazhi_roles", "_fazhi_scope"):
        if hasattr(user, name):
            delattr(user, name)


def _body_id(body) -> int | None:
    if body is None or isinstance(body, int):
        return body
    return body.pk


def require(actor, *roles: Role, body=None, what: str = "此操作") -> None:
    """Refuse unless ``actor`` holds one of ``roles`` (any role when none are named) and ``body`` is in their scope.

    ``actor=None`` is the system (demo loader, sweeps, the public portal acting for a citizen) and passes. A superuser
    sees every body but holds only the roles given to it (an administrator is not an enforcement officer). The role
    message names the roles in Chinese; the scope failure is ``NotInScope`` so the caller can answer 404.
    """
    if actor is None:
        return
    if not actor.is_authenticated or not actor.is_active:
        raise NotPermitted(f"{what}须先登录。")
    if roles and not has_any_role(actor, *roles):
        names = "或".join(f"“{r.label}”" for r in roles)
        raise NotPermitted(f"{what}须由具有{names}角色的人员办理。")
    if body is not None and not in_scope(actor, _body_id(body)):
        raise NotInScope()
