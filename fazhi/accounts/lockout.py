"""django-axes, fitted to fazhi: separate limits for an account and for an address, a success that clears only the
account's own failures, and a mark on the request when
the account or address was already locked before this attempt (so a refused attempt during a lockout is not written to
the chain again: an attacker must not be able to grow the chain at request rate)."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures that count, in units of the per-account limit: django-axes compares one number with
        AXES_FAILURE_LIMIT, so a count per address is scaled by (account limit / address limit). floor(n·a/p) ≥ a
        exactly when n ≥ p, so each parameter locks at its own limit."""
        account_limit = settings.FAZHI_LOGIN_FAILURE_LIMIT
        limits = {"username": account_limit, "ip_address": settings.FAZHI_LOGIN_FAILURE_LIMIT_PER_ADDRESS}
        worst = 0
        for parameter, attempts in zip(
            settings.AXES_LOCKOUT_PARAMETERS, self.get_user_attempts(request, credentials), strict=True
        ):
            count = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            limit = max(1, limits.get(parameter, account_limit)) if isinstance(parameter, str) else account_limit
            worst = max(worst, count * account_limit // limit)
        return worst

    def user_logged_in(self, sender, request, user, **kwargs):
        """A successful login clears that account's own failures, never the address's: otherwise anyone with one
        working password could reset the count of the address, and with it their attack on another account."""
        super().user_logged_in(sender, request, user, **kwargs)
        AccessAttempt.objects.filter(username=user.get_username()).delete()

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is not None:
            request.fazhi_was_locked = self.is_locked(request, credentials)
        return super().user_login_failed(sender, credentials, request, **kwargs)


def locked_until(request):
    """When a lockout that this request hit ends: the cool-off counts from the latest failure (this one)."""
    started = getattr(request, "axes_attempt_time", None) or timezone.now()
    return started + get_cool_off(request)
