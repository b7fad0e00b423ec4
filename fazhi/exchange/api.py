"""The receiving end: ``POST /api/v1/exchange/batches`` with a sender's API token (docs/exchange.md)."""

from __future__ import annotations

from ninja import Router, Schema, Status

from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.exchange import services
from fazhi.exchange.batches import HEAD_HEADER, SIGNATURE_HEADER

router = Router(tags=["数据交换"])


class ExchangeReceivedOut(Schema):
    accepted: int
    duplicates: int


class ExchangeErrorOut(Schema):
    detail: str
    field: str | None = None


@router.post(
    "/batches",
    response={200: ExchangeReceivedOut, 400: ExchangeErrorOut, 403: ExchangeErrorOut},
    summary="接收下级实例报送的数据批次（数据交换格式 v1、v2）",
)
def receive(request):
    if not getattr(request, "fazhi_token_auth", False):
        return Status(403, {"detail": "数据报送须使用 API 令牌（Authorization: Bearer …）。", "field": None})
    try:
        result = services.receive_batch(
            sender=request.user,
            body=request.body,
            sig=request.headers.get(SIGNATURE_HEADER, ""),
            head=request.headers.get(HEAD_HEADER, ""),
        )
    except InvalidInput as exc:
        return Status(400, {"detail": str(exc), "field": exc.field})
    except NotPermitted as exc:
        return Status(403, {"detail": str(exc), "field": None})
    return Status(200, result)
