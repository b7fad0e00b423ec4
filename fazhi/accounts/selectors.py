from django.http import Http404
from django_otp.plugins.otp_static.models import StaticToken

from fazhi.accounts.models import ApiToken


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def token_of(user, token_id: int) -> ApiToken:
    """One of the user's own tokens; someone else's is 404."""
    token = ApiToken.objects.select_related("user").filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404
    return token


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
