"""API authentication for every router (fazhi/api.py sets it once), and the caller's own tokens.

Two ways in, tried in this order:

1. ``Authorization: Bearer fz_…`` — a token from the account page, ``POST /api/v1/accounts/tokens`` or
   ``fazhi api_token``. It acts as its user: the same roles and scope, checked at each request, never more. A bearer
   request carries no cookie a browser would attach on its own, so it needs no CSRF token. A bearer header with a wrong,
   expired or revoked token is 401 — there is no falling back to the session.
2. The session cookie of a logged-in user, with Django's CSRF check (``X-CSRFToken``) on every unsafe method, and the
   second factor passed where one is due.

Token management itself (list, issue, revoke) takes the session only: a token cannot mint or extend tokens.
"""

from datetime import datetime

from django.conf import settings
from ninja import Router, Schema, Status
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from fazhi.accounts import selectors, services
from fazhi.accounts.second_factor import is_verified, needs_verification
from fazhi.core.errors import DomainError
from fazhi.core.validation import Id


class BearerToken(HttpBearer):
    def __call__(self, request):
        header = request.headers.get(self.header, "")
        if header and header.split(" ", 1)[0].lower() == self.openapi_scheme:
            # A bearer header decides alone: a bad token is 401, never a fallback to the session cookie.
            result = super().__call__(request)
            if not result:
                raise AuthenticationError()
            return result
        return None

    def authenticate(self, request, token):
        user = services.user_for_key(token.strip())
        if user is None:
            return None
        request.user = user
        request.fazhi_token_auth = True
        return user


class Session(APIKeyCookie):
    """Django's session, with the CSRF check (ninja's django_auth) and the second factor where one is due."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated:
            return None
        if needs_verification(user) and not is_verified(user):
            return None
        return user


bearer_token = BearerToken()
session = Session()
API_AUTH = [bearer_token, session]

router = Router(tags=["账户与 API 令牌"], auth=session)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    state: str


class NewTokenIn(Schema):
    name: str
    days: int = 90


class NewTokenOut(TokenOut):
    token: str


class TokenErrorOut(Schema):
    detail: str
    field: str | None = None


def _out(token) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "state": token.state_label,
    }


@router.get("/tokens", response=list[TokenOut], summary="我的 API 令牌")
def list_tokens(request):
    return [_out(t) for t in selectors.tokens_of(request.user)]


@router.post(
    "/tokens", response={201: NewTokenOut, 400: TokenErrorOut}, summary="签发 API 令牌（令牌只在此时返回一次）"
)
def create_token(request, body: NewTokenIn):
    try:
        token, key = services.issue_token(actor=request.user, user=request.user, name=body.name, days=body.days)
    except DomainError as exc:
        return Status(400, {"detail": str(exc), "field": getattr(exc, "field", None)})
    return Status(201, {**_out(token), "token": key})


@router.post("/tokens/{token_id}/revoke", response=TokenOut, summary="吊销本人的 API 令牌")
def revoke_token(request, token_id: Id):
    token = selectors.token_of(request.user, token_id)
    services.revoke_token(actor=request.user, token=token)
    token.refresh_from_db()
    return _out(token)
