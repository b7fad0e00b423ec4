"""Draining the outbox to the upstream (``fazhi exchange_push``): batches, retries with back-off, sent only on 2xx."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from itertools import takewhile
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.audit.selectors import chain_head
from fazhi.core.errors import InvalidInput
from fazhi.exchange.batches import HEAD_HEADER, SIGNATURE_HEADER, canonical, signature
from fazhi.exchange.models import OutboxEvent
from fazhi.exchange.schema import SCHEMA_ID

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class PushResult:
    sent: int = 0
    batches: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return OutboxEvent.objects.filter(sent_at__isnull=True).count()


def check_url(url: str) -> str:
    """HTTPS only; plain http is allowed to the loopback address (tests, a local relay)."""
    parts = urlsplit(url or "")
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return url
    raise InvalidInput("FAZHI_EXCHANGE_URL 须为 https:// 地址（仅本机回环地址可用 http://）。", field="url")


def endpoint(url: str) -> str:
    return url.rstrip("/") + "/api/v1/exchange/batches"


def _post(url: str, token: str, body: bytes, head: str, timeout: float) -> tuple[int, str]:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json; charset=utf-8",
            SIGNATURE_HEADER: signature(body, head),
            HEAD_HEADER: head,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — scheme checked above
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _detail(text: str) -> str:
    """The upstream's Chinese ``detail``, when it answered in JSON."""
    try:
        return str(json.loads(text).get("detail", text))
    except (ValueError, AttributeError):
        return text


def push(
    *,
    url: str | None = None,
    token: str | None = None,
    batch_size: int = 100,
    retries: int = 3,
    backoff: float = 1.0,
    timeout: float = 30.0,
    sleep=time.sleep,
    transport=None,
    only=None,
) -> PushResult:
    """Send every pending outbox row, oldest first, in batches of ``batch_size``.

    A batch is tried up to ``retries`` + 1 times, waiting ``backoff`` × 2ⁿ seconds between tries; its rows are marked
    sent only when the upstream answers 2xx. A batch that still fails stops the run (later rows wait, so the upstream
    sees each record's versions in order); its rows keep their attempt count and last error.
    """
    url = check_url(url if url is not None else getattr(settings, "FAZHI_EXCHANGE_URL", ""))
    token = token if token is not None else getattr(settings, "FAZHI_EXCHANGE_TOKEN", "")
    if not token:
        raise InvalidInput("未配置 FAZHI_EXCHANGE_TOKEN（上级平台签发的 API 令牌）。", field="token")
    target = endpoint(url)
    transport = transport or _post
    pending = OutboxEvent.objects.filter(sent_at__isnull=True)
    if only is not None:
        pending = pending.filter(**only) if isinstance(only, dict) else pending.filter(only)
    result = PushResult()
    while True:
        rows = list(pending.order_by("id")[:batch_size])
        if not rows:
            return result
        # A batch holds records of one schema version: rows queued before an upgrade go as the version they were
        # built in (ADR 0067), so the batch is cut where the version changes.
        version = rows[0].record.get("schema", SCHEMA_ID)
        rows = list(takewhile(lambda row, v=version: row.record.get("schema", SCHEMA_ID) == v, rows))
        seq, digest = chain_head()
        head = f"{seq}:{digest}"
        body = canonical({"schema": version, "records": [row.record for row in rows]})
        ids = [row.pk for row in rows]
        error = ""
        for attempt in range(retries + 1):
            if attempt:
                sleep(backoff * 2 ** (attempt - 1))
            try:
                status, text = transport(target, token, body, head, timeout)
            except (OSError, urllib.error.URLError) as exc:
                status, text = 0, str(getattr(exc, "reason", exc))
            if 200 <= status < 300:
                with transaction.atomic():
                    OutboxEvent.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=timezone.now())
                result.sent += len(ids)
                result.batches += 1
                break
            error = f"HTTP {status}：{_detail(text)}" if status else f"连接失败：{text}"
            if 400 <= status < 500 and status not in (408, 429):
                break  # the upstream refused the batch: retrying the same bytes cannot help
        else:
            status = 0
        if not (200 <= status < 300):
            OutboxEvent.objects.filter(pk__in=ids).update(attempts=F("attempts") + 1, last_error=error[:500])
            result.failures.append(error)
            return result
