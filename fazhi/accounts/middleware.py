"""Session limits and the second factor, checked on every request of a logged-in user.

``SessionLimitsMiddleware`` ends a session FAZHI_SESSION_IDLE_MINUTES after its last request and FAZHI_SESSION_MAX_HOURS
after the login, whatever happens in between (等保 2.0: 登录连接超时自动退出). The last-request time is written at most
once a minute, so a page view is not a database write each time.

``SecondFactorMiddleware`` lets a user who owes a second factor (fazhi.accounts.second_factor) reach only the
second-factor pages, logout and the public portal until the factor is passed.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from fazhi.accounts.receivers import AUTH_AT, SECOND_FACTOR_DUE, SEEN_AT
from fazhi.accounts.second_factor import is_verified, needs_second_factor

SEEN_WRITE_EVERY = 60  # seconds


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _send_to(request, url: str, *, status: int, detail: str):
    """A redirect for a page, HX-Redirect for htmx, JSON for the API."""
    if _is_api(request):
        return JsonResponse({"detail": detail}, status=status)
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _with_next(url: str, request) -> str:
    if request.method == "GET" and not _is_api(request):
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            auth_at = session.get(AUTH_AT)
            seen_at = session.get(SEEN_AT)
            if auth_at is None or seen_at is None:  # a session from before these limits existed
                session[AUTH_AT] = auth_at = now if auth_at is None else auth_at
                session[SEEN_AT] = seen_at = now
            idle = settings.FAZHI_SESSION_IDLE_MINUTES * 60
            lifetime = settings.FAZHI_SESSION_MAX_HOURS * 3600
            reason = None
            if now - seen_at > idle:
                reason = "idle"
                text = f"您已超过 {settings.FAZHI_SESSION_IDLE_MINUTES} 分钟未操作，为安全起见已自动退出，请重新登录。"
            elif now - auth_at > lifetime:
                reason = "lifetime"
                text = f"本次登录已满 {settings.FAZHI_SESSION_MAX_HOURS} 小时，为安全起见已自动退出，请重新登录。"
            if reason:
                request.fazhi_logout_reason = reason
                logout(request)
                messages.info(request, text)
                return _send_to(request, _with_next(reverse("login"), request), status=401, detail=text)
            if now - seen_at >= SEEN_WRITE_EVERY:
                session[SEEN_AT] = now
        return self.get_response(request)


OPEN_PREFIXES = ("/account/second-factor/", "/logout/", "/login/", "/static/", "/gongkai/")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path_info.startswith(OPEN_PREFIXES)
            # Required by role (read now, so a role granted mid-session counts), or enrolled voluntarily (known since
            # the login: no device query on every request of everyone else).
            and (needs_second_factor(user) or request.session.get(SECOND_FACTOR_DUE, False))
            and not is_verified(user)
        ):
            from django_otp import user_has_device

            if user_has_device(user, confirmed=True):
                url, detail = reverse("accounts:second_factor"), "请先输入动态口令完成第二步验证。"
            else:
                url, detail = reverse("accounts:enrol"), "您的账户须启用动态口令（第二重身份鉴别）后才能使用。"
            return _send_to(request, _with_next(url, request), status=403, detail=detail)
        return self.get_response(request)
