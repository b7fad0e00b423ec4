"""Writes for accounts: login events, lockouts, passwords, the second factor and API tokens — each on the chain.

Nothing here ever records a password, a one-time code, a recovery code or a token key: only that the event
happened, who, from which address, and the outcome (等保 2.0 安全审计: 事件的日期和时间、用户、事件类型、是否成功).
"""

from __future__ import annotations

import contextvars
import hashlib
import secrets
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts.models import ApiToken
from fazhi.accounts.second_factor import needs_verification
from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.errors import InvalidInput

# --- who is acting ---------------------------------------------------------------------------------------------------

# The person behind a password change, for the chain entry written by Django's password_changed hook
# (PasswordChangeHook below): set by the views that change a password; outside them (a management command, the
# shell) the change is recorded as done by the system.
_acting = contextvars.ContextVar("fazhi_accounts_acting", default=None)


@contextmanager
def acting_as(actor):
    token = _acting.set(actor)
    try:
        yield
    finally:
        _acting.reset(token)


def client_address(request) -> str:
    if request is None:
        return ""
    address = getattr(request, "axes_ip_address", None)
    if address:
        return str(address)
    return request.META.get("REMOTE_ADDR", "") or ""


def _user_subject(user):
    return ("org.user", user.pk, user.get_username())


# --- login, logout, failures, lockout ---------------------------------------------------------------------------------


def record_login(request, user) -> None:
    """A password login succeeded (Django's user_logged_in). Whether a second factor is still due goes with it."""
    record(
        actor=user,
        event=Event.LOGGED_IN,
        subject=_user_subject(user),
        body_id=getattr(user, "body_id", None),
        payload={"ip": client_address(request), "second_factor_due": needs_verification(user)},
    )


def record_logout(request, user, reason: str = "user") -> None:
    """``reason``: user (退出登录), idle (闲置超时), lifetime (会话到期)."""
    record(
        actor=user,
        event=Event.LOGGED_OUT,
        subject=_user_subject(user),
        body_id=getattr(user, "body_id", None),
        payload={"ip": client_address(request), "reason": reason},
    )


def _known_user(username: str):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def record_login_failed(request, username: str) -> None:
    """A wrong username or password (never the password itself)."""
    username = (username or "")[:150]
    user = _known_user(username)
    record(
        actor=None,
        event=Event.LOGIN_FAILED,
        subject=("org.user", user.pk if user else "", username),
        body_id=user.body_id if user else None,
        payload={"username": username, "ip": client_address(request), "known_user": user is not None},
    )


def record_locked_out(request, username: str, ip_address: str, until) -> None:
    username = (username or "")[:150]
    user = _known_user(username)
    record(
        actor=None,
        event=Event.LOCKED_OUT,
        subject=("org.user", user.pk if user else "", username),
        body_id=user.body_id if user else None,
        payload={"username": username, "ip": ip_address or "", "until": until},
    )


def unlock(*, actor, username: str = "", ip_address: str = "") -> int:
    """Lift a lockout early (系统管理员): clears the failures counted for the account and/or the address."""
    from axes.models import AccessAttempt

    username, ip_address = (username or "").strip(), (ip_address or "").strip()
    if not username and not ip_address:
        raise InvalidInput("解除锁定须指定用户名或 IP 地址。")
    with transaction.atomic():
        attempts = AccessAttempt.objects.all()
        if username and ip_address:
            attempts = attempts.filter(username=username) | attempts.filter(ip_address=ip_address)
        elif username:
            attempts = attempts.filter(username=username)
        else:
            attempts = attempts.filter(ip_address=ip_address)
        count, _ = attempts.delete()
        user = _known_user(username)
        record(
            actor=actor,
            event=Event.UNLOCKED,
            subject=("org.user", user.pk if user else "", username or ip_address),
            body_id=user.body_id if user else None,
            payload={"username": username, "ip": ip_address, "cleared": count},
        )
    return count


# --- passwords --------------------------------------------------------------------------------------------------------


def password_changed(user) -> None:
    """Every password set or change lands here (Django's password_changed hook): on the chain, and every API token of
    the user is revoked — a token must not outlive the password it was issued under."""
    actor = _acting.get()
    with transaction.atomic():
        revoked = revoke_all_tokens(actor=actor, user=user, reason="修改密码")
        record(
            actor=actor,
            event=Event.PASSWORD_CHANGED,
            subject=_user_subject(user),
            body_id=getattr(user, "body_id", None),
            payload={"by": "self" if actor is not None and actor.pk == user.pk else ("admin" if actor else "system"),
                     "tokens_revoked": revoked},
        )  # fmt: skip


# --- the second factor ------------------------------------------------------------------------------------------------

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "动态口令"
RECOVERY_NAME = "恢复码"


def start_enrolment(user) -> TOTPDevice:
    """The unconfirmed TOTP device whose key the enrolment page shows (the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _issue_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        code = StaticToken.random_token()
        device.token_set.create(token=code)
        codes.append(code)
    return codes


def confirm_enrolment(*, actor, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a new TOTP device with a code from the app; returns the new recovery codes (shown once), or None when
    the code is wrong. The user's earlier devices and recovery codes are replaced; the session counts as verified."""
    token = normalise_code(token)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(token):
            return None
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _issue_recovery_codes(device.user)
        record(
            actor=actor,
            event=Event.SECOND_FACTOR_ENROLLED,
            subject=_user_subject(device.user),
            body_id=getattr(device.user, "body_id", None),
            payload={"device": "totp", "recovery_codes": len(codes)},
        )
    if request is not None:
        otp_login(request, device)
    return codes


def enrol_with_key(*, actor, user, key_hex: str) -> TOTPDevice:
    """Give a user a confirmed TOTP device with a known key (the demo's published key; fazhi/demo only)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=key_hex, confirmed=True)
        record(
            actor=actor,
            event=Event.SECOND_FACTOR_ENROLLED,
            subject=_user_subject(user),
            body_id=getattr(user, "body_id", None),
            payload={"device": "totp", "recovery_codes": 0},
        )
    return device


def regenerate_recovery_codes(*, actor, user) -> list[str]:
    with transaction.atomic():
        codes = _issue_recovery_codes(user)
        record(
            actor=actor,
            event=Event.RECOVERY_CODES_ISSUED,
            subject=_user_subject(user),
            body_id=getattr(user, "body_id", None),
            payload={"recovery_codes": len(codes)},
        )
    return codes


def normalise_code(token: str) -> str:
    return "".join((token or "").split()).replace("-", "").lower()[:16]


def verify_second_factor(*, request, token: str):
    """Check a code from the app (six digits) or a recovery code for the logged-in user; on success the session is
    verified. Returns the device that accepted it, or None. Every attempt a device was allowed to check is recorded;
    attempts while the device is throttled (django-otp doubles the wait after each failure) are not."""
    user = request.user
    token = normalise_code(token)
    model = TOTPDevice if token.isdigit() else StaticDevice
    accepted = None
    tried = False
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            allowed, _ = device.verify_is_allowed()
            if not allowed or not token:
                continue
            tried = True
            if device.verify_token(token):
                accepted = device
                break
        if accepted is not None:
            kind = "totp" if model is TOTPDevice else "recovery_code"
            payload = {"ip": client_address(request), "device": kind}
            if kind == "recovery_code":
                payload["recovery_codes_left"] = accepted.token_set.count()
            record(
                actor=user,
                event=Event.SECOND_FACTOR_VERIFIED,
                subject=_user_subject(user),
                body_id=getattr(user, "body_id", None),
                payload=payload,
            )
        elif tried:
            record(
                actor=user,
                event=Event.SECOND_FACTOR_FAILED,
                subject=_user_subject(user),
                body_id=getattr(user, "body_id", None),
                payload={"ip": client_address(request)},
            )
    if accepted is not None:
        otp_login(request, accepted)
    return accepted


def throttled_seconds(user) -> int:
    """How long until the user's devices accept another try (0 when they do)."""
    waits = []
    for device in devices_for_user(user, confirmed=True):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append(max(0, int((data["locked_until"] - timezone.now()).total_seconds()) + 1))
    return max(waits, default=0)


def reset_second_factor(*, actor, user) -> int:
    """Remove a user's devices and recovery codes (lost phone); they enrol again at their next login."""
    with transaction.atomic():
        count = 0
        for model in (TOTPDevice, StaticDevice):
            deleted, _ = model.objects.filter(user=user).delete()
            count += deleted
        record(
            actor=actor,
            event=Event.SECOND_FACTOR_RESET,
            subject=_user_subject(user),
            body_id=getattr(user, "body_id", None),
            payload={"removed": count},
        )
    return count


def forget_second_factor_in_session(request) -> None:
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


# --- API tokens -------------------------------------------------------------------------------------------------------

TOKEN_PREFIX = "fz_"
MAX_TOKEN_DAYS = 365


def hash_key(key: str) -> str:
    return hashlib.new("sm3", key.encode()).hexdigest()


def default_token_days() -> int:
    return min(int(getattr(settings, "FAZHI_API_TOKEN_DAYS", 90)), MAX_TOKEN_DAYS)


def issue_token(*, actor, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the record and the key (shown once, never stored)."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput("签发令牌失败：请填写令牌名称（例如用途）。", field="name")
    if len(name) > 100:
        raise InvalidInput("签发令牌失败：名称不能超过 100 个字。", field="name")
    days = default_token_days() if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise InvalidInput(f"签发令牌失败：有效期应为 1 至 {MAX_TOKEN_DAYS} 日。", field="days")
    if not user.is_active:
        raise InvalidInput("签发令牌失败：该用户已停用。")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=key[: len(TOKEN_PREFIX) + 6],
            key_hash=hash_key(key),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        record(
            actor=actor,
            event=Event.API_TOKEN_ISSUED,
            subject=_user_subject(user),
            body_id=getattr(user, "body_id", None),
            payload={"token_id": token.pk, "name": name, "prefix": token.prefix, "expires_at": token.expires_at},
        )
    return token, key


def revoke_token(*, actor, token: ApiToken, reason: str = "") -> bool:
    """Revoke one token; False when it was already revoked (nothing recorded)."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return False
        token.revoked_at = timezone.now()
        token.revoked_reason = (reason or ("本人吊销" if actor and actor.pk == token.user_id else "管理员吊销"))[:100]
        token.save(update_fields=["revoked_at", "revoked_reason"])
        record(
            actor=actor,
            event=Event.API_TOKEN_REVOKED,
            subject=("org.user", token.user_id, token.user.get_username()),
            body_id=getattr(token.user, "body_id", None),
            payload={"token_id": token.pk, "name": token.name, "prefix": token.prefix, "reason": token.revoked_reason},
        )
    return True


def revoke_all_tokens(*, actor, user, reason: str) -> int:
    """Revoke every live token of a user (password change, deactivation); one chain entry for all of them."""
    with transaction.atomic():
        live = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
        if not live:
            return 0
        now = timezone.now()
        ApiToken.objects.filter(pk__in=[t.pk for t in live]).update(revoked_at=now, revoked_reason=reason[:100])
        record(
            actor=actor,
            event=Event.API_TOKEN_REVOKED,
            subject=_user_subject(user),
            body_id=getattr(user, "body_id", None),
            payload={"token_ids": [t.pk for t in live], "reason": reason},
        )
    return len(live)


def user_for_key(key: str):
    """The active user a live token belongs to, or None. Marks the token used (at most once a minute)."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None or not token.is_live or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
