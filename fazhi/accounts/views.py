"""Account pages: login lockout, own password, second factor (enrolment, verification, recovery codes), API tokens."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from fazhi.accounts import selectors, services
from fazhi.accounts.forms import CodeForm, EnrolForm, PasswordChangeForm, TokenForm
from fazhi.accounts.lockout import locked_until
from fazhi.accounts.qr import qr_svg, spaced_secret
from fazhi.accounts.second_factor import is_verified, needs_second_factor
from fazhi.core.errors import DomainError

SHOWN_CODES = "fazhi_recovery_codes"
SHOWN_TOKEN = "fazhi_new_token"


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "failure_limit": settings.FAZHI_LOGIN_FAILURE_LIMIT}


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): the login page with when to try again, status 429."""
    until = timezone.localtime(locked_until(request))
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    message = (
        f"登录失败次数过多，已暂停登录。请于 {until:%H:%M}（约 {minutes} 分钟后）再试；"
        "如确需立即登录，请联系系统管理员解除锁定。"
    )
    form = auth_views.AuthenticationForm(request)
    return render(
        request,
        "registration/login.html",
        {"form": form, "lockout_message": message, "next": request.POST.get("next", "")},
        status=429,
    )


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@login_required
def account(request):
    user = request.user
    new_token = request.session.pop(SHOWN_TOKEN, None)
    return render(
        request,
        "accounts/account.html",
        {
            "tokens": selectors.tokens_of(user),
            "token_form": TokenForm(),
            "new_token": new_token,
            "has_device": user_has_device(user, confirmed=True),
            "second_factor_required": needs_second_factor(user),
            "recovery_codes_left": selectors.recovery_codes_left(user),
            "idle_minutes": settings.FAZHI_SESSION_IDLE_MINUTES,
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def get_context_data(self, **kwargs):
        from django.contrib.auth.password_validation import password_validators_help_texts

        return {
            **super().get_context_data(**kwargs),
            "password_rules": [t for t in password_validators_help_texts() if t],
        }

    def form_valid(self, form):
        # The save runs Django's password_changed hook, which writes the chain entry and revokes the tokens
        # (fazhi.accounts.passwords); acting_as names the person for it. One transaction for all of it.
        with transaction.atomic(), services.acting_as(self.request.user):
            response = super().form_valid(form)
        messages.success(self.request, "密码已修改。您的 API 令牌已全部吊销，如需使用请重新签发。")
        return response


@login_required
def second_factor(request):
    """The second step of a login: a code from the app or a recovery code."""
    user = request.user
    next_url = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    if is_verified(user):
        return redirect(next_url)
    if not user_has_device(user, confirmed=True):
        return redirect(f"{reverse('accounts:enrol')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        wait = services.throttled_seconds(user)
        if wait:
            form.add_error("token", f"尝试次数过多，请 {wait} 秒后再试。")
            status = 429
        elif services.verify_second_factor(request=request, token=form.cleaned_data["token"]) is not None:
            if not services.normalise_code(form.cleaned_data["token"]).isdigit():
                left = selectors.recovery_codes_left(user)
                messages.warning(request, f"您使用了一个恢复码，还剩 {left} 个。用完前请在“我的账户”中重新生成。")
            return redirect(next_url)
        else:
            form.add_error("token", "动态口令或恢复码不正确（动态口令每 30 秒更新一次，且只能使用一次）。")
            status = 400
    return render(request, "accounts/second_factor.html", {"form": form, "next": next_url}, status=status)


@login_required
def enrol(request):
    """Enrol a TOTP app: the key as a QR code (drawn here, as SVG) and as text; confirmed by one code from the app."""
    user = request.user
    next_url = _safe_next(request, reverse("accounts:account"))
    if user_has_device(user, confirmed=True) and not is_verified(user):
        # Replacing a device takes the old one first: someone with only the password must not enrol their own.
        return redirect(f"{reverse('accounts:second_factor')}?{urlencode({'next': request.get_full_path()})}")
    device = services.start_enrolment(user)
    form = EnrolForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_enrolment(actor=user, request=request, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            request.session[SHOWN_CODES] = codes
            return redirect(f"{reverse('accounts:recovery_codes')}?{urlencode({'next': next_url})}")
        form.add_error("token", "动态口令不正确：请确认手机时间准确，并输入 App 当前显示的 6 位数字。")
        status = 400
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": spaced_secret(device.bin_key),
            "required": needs_second_factor(user),
            "next": next_url,
        },
        status=status,
    )


@login_required
def recovery_codes(request):
    """Shows the recovery codes just generated, once: they are taken out of the session as the page is drawn."""
    codes = request.session.pop(SHOWN_CODES, None)
    next_url = _safe_next(request, reverse("accounts:account"))
    if not codes:
        messages.info(request, "恢复码只在生成时显示一次。如已遗失，请重新生成。")
        return redirect("accounts:account")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})


@login_required
@require_POST
def recovery_codes_new(request):
    # Only after this session passed the second factor: new codes are a way in.
    if not user_has_device(request.user, confirmed=True) or not is_verified(request.user):
        raise Http404
    request.session[SHOWN_CODES] = services.regenerate_recovery_codes(actor=request.user, user=request.user)
    return redirect("accounts:recovery_codes")


@login_required
@require_POST
def token_new(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = services.issue_token(
                actor=request.user, user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            request.session[SHOWN_TOKEN] = {"name": token.name, "key": key, "expires_at": token.expires_at.isoformat()}
    else:
        messages.error(request, "签发令牌失败：" + "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("accounts:account")


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = selectors.token_of(request.user, token_id)
    if services.revoke_token(actor=request.user, token=token):
        messages.success(request, f"令牌“{token.name}”已吊销。")
    return redirect("accounts:account")
