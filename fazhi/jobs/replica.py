"""Read replica routing (ADR 0072): writes always go to ``default``; reads go to ``replica`` only inside a marked
read-only scope, and not once that scope has written, inside a transaction, or for the tables that carry a login.

A scope is marked by ``ReplicaMiddleware`` for GET/HEAD requests to the views named in ``FAZHI_REPLICA_VIEWS``
(read-heavy lists, reports, the public portal), by ``@replica_reads`` on a view, or by ``with reading_from_replica():``.
After a request that wrote, the browser is pinned to ``default`` for ``FAZHI_REPLICA_PIN_SECONDS`` (a cookie), so the
page after a form's redirect shows what was just saved even if the replica lags. Nothing here is active unless
``FAZHI_DATABASE_REPLICA_URL`` is set (fazhi/settings.py adds the alias, the router and the middleware only then)."""

from __future__ import annotations

import fnmatch
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

REPLICA = "replica"
PIN_COOKIE = "fazhi_primary"

# Tables read on every request to find the session, the user and the second factor: always from the primary, so a
# login (or a lockout) is never missed because the replica has not caught up.
PRIMARY_ONLY_APPS = {
    "sessions",
    "auth",
    "axes",
    "otp_totp",
    "otp_static",
    "django_otp",
    "accounts",
    "django_tasks_database",
}
PRIMARY_ONLY_MODELS = {"org.user"}


class _Scope:
    __slots__ = ("replica", "wrote")

    def __init__(self, replica: bool):
        self.replica = replica
        self.wrote = False


_scope: ContextVar[_Scope | None] = ContextVar("fazhi_replica_scope", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Django database router: see the module docstring."""

    def db_for_read(self, model, **hints):
        scope = _scope.get()
        if scope is None or not scope.replica or scope.wrote or not replica_configured():
            return "default"
        meta = model._meta
        if meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS:
            return "default"
        if connections["default"].in_atomic_block:
            return "default"  # a read inside a transaction belongs to that transaction
        return REPLICA

    def db_for_write(self, model, **hints):
        scope = _scope.get()
        if scope is not None:
            scope.wrote = True
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


@contextmanager
def reading_from_replica(enabled: bool = True):
    """Reads in this block go to the replica (until the block writes); writes go to default as always."""
    token = _scope.set(_Scope(replica=enabled))
    try:
        yield _scope.get()
    finally:
        _scope.reset(token)


def replica_reads(view):
    """Mark a read-only view: its reads go to the replica (GET and HEAD only)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with reading_from_replica(request.method in ("GET", "HEAD") and PIN_COOKIE not in request.COOKIES):
            return view(request, *args, **kwargs)

    return wrapped


def view_is_marked(view_name: str) -> bool:
    patterns = settings.FAZHI_REPLICA_VIEWS if settings.FAZHI_REPLICA_VIEWS is not None else DEFAULT_VIEWS
    return any(fnmatch.fnmatchcase(view_name, pattern) for pattern in patterns)


class ReplicaMiddleware:
    """Marks the listed read-only views, tracks writes, and pins a browser that just wrote to the primary."""

    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed  # one database: nothing to route, no cookie
        self.get_response = get_response

    def __call__(self, request):
        token = _scope.set(_Scope(replica=False))
        try:
            response = self.get_response(request)
            if _scope.get().wrote:
                response.set_cookie(
                    PIN_COOKIE, "1", max_age=settings.FAZHI_REPLICA_PIN_SECONDS, httponly=True, samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )  # fmt: skip
            return response
        finally:
            _scope.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            match is not None
            and request.method in ("GET", "HEAD")
            and PIN_COOKIE not in request.COOKIES
            and view_is_marked(match.view_name)
        ):
            _scope.get().replica = True
        return None


# Marked by default: lists, reports and the public portal — pages that only read and that many people open.
DEFAULT_VIEWS = (
    "workbench:home",
    "enforcement:case_list",
    "clock:deadlines",
    "publicity:list",
    "publicity:statistics",
    "disclosure:request_list",
    "disclosure:report_list",
    "annual:report_list",
    "supervision:chain",
    "supervision:alerts",
    "supervision:compare",
    "mediation:statistics",
    "law:list",
    "law:search",
    "portal:*",
    "xxgk:index",
    "xxgk:home",
    "xxgk:catalogue*",
    "xxgk:report*",
    "publicity_public:*",
    "annual_public:*",
    "juece:*",
    "gfxwj:index",
    "gfxwj:body",
    "gfxwj:document",
    "tiaojie:*",
    "inspection_public:*",
)
