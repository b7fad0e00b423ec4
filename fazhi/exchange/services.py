"""Receiving a batch from a town's instance: all of it or nothing."""

from __future__ import annotations

import hmac
import json

from django.db import transaction

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.exchange import schema
from fazhi.exchange.batches import canonical, signature
from fazhi.exchange.models import ReceivedRecord
from fazhi.org.selectors import visible_bodies

MAX_RECORDS = 1000


def _parse(body: bytes) -> dict:
    try:
        batch = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidInput("批次不是有效的 UTF-8 JSON。", field="body") from exc
    if (
        not isinstance(batch, dict)
        or batch.get("schema") not in schema.ACCEPTED
        or not isinstance(batch.get("records"), list)
    ):
        versions = " 或 ".join(f'"{v}"' for v in schema.ACCEPTED)
        raise InvalidInput(f'批次格式不符：应为 {{"schema": {versions}, "records": […]}}。', field="body")
    if not batch["records"]:
        raise InvalidInput("批次中没有记录。", field="records")
    if len(batch["records"]) > MAX_RECORDS:
        raise InvalidInput(f"一个批次最多 {MAX_RECORDS} 条记录。", field="records")
    return batch


def receive_batch(*, sender, body: bytes, sig: str, head: str) -> dict:
    """Verify, validate and store a batch; returns {"accepted": n, "duplicates": m}.

    Refused as a whole (nothing stored) on: a signature that does not match SM3(body + "\\n" + head); a body that is not
    the canonical form of its own JSON; any record that violates the batch's schema version (v1 or v2, the first one
    is named); any record of a body outside the sender's scope. A record version already stored for this sender is
    skipped (a retry).
    """
    if not head or len(head) > 100:
        raise InvalidInput("缺少报送方链头（X-Fazhi-Chain-Head）。", field="X-Fazhi-Chain-Head")
    if not sig or not hmac.compare_digest(sig.strip().lower(), signature(body, head)):
        raise InvalidInput(
            "批次签名不符（X-Fazhi-Signature 应为 SM3(批次 + 换行 + 链头)），批次未接收。", field="X-Fazhi-Signature"
        )
    batch = _parse(body)
    if canonical(batch) != body:
        raise InvalidInput("批次不是规范化 JSON（键排序、无空白、UTF-8），签名无法复核，批次未接收。", field="body")
    codes = set(visible_bodies(sender).values_list("code", flat=True))
    version = batch["schema"].rsplit(".", 1)[-1]
    for n, item in enumerate(batch["records"], start=1):
        problems = schema.errors(item, batch["schema"])  # every record of the batch's version (ADR 0067)
        if problems:
            raise InvalidInput(
                f"第 {n} 条记录不符合数据交换格式 {version}：{problems[0]}，批次未接收。", field="records"
            )
        if item["body"]["code"] not in codes:
            raise NotPermitted(
                f"第 {n} 条记录的机构「{item['body']['name']}」（{item['body']['code']}）不在报送账号的管辖范围内，批次未接收。"
            )
    accepted = duplicates = 0
    with transaction.atomic():
        known = set(
            ReceivedRecord.objects.filter(
                sender=sender, record_id__in={item["record_id"] for item in batch["records"]}
            ).values_list("record_id", "version")
        )
        rows = []
        for item in batch["records"]:
            key = (item["record_id"], item["version"])
            if key in known:
                duplicates += 1
                continue
            known.add(key)
            rows.append(
                ReceivedRecord(
                    sender=sender,
                    record_type=item["record_type"],
                    record_id=item["record_id"],
                    version=item["version"],
                    body_code=item["body"]["code"],
                    record=item,
                    batch_sm3=sig.strip().lower(),
                    sender_chain_head=head,
                )
            )
        ReceivedRecord.objects.bulk_create(rows)
        accepted = len(rows)
        if rows:
            record(
                actor=sender,
                event=Event.EXCHANGE_BATCH_RECEIVED,
                subject=("exchange.batch", sig.strip().lower()[:16], f"数据批次 {accepted} 条"),
                payload={
                    "new": {"accepted": accepted, "duplicates": duplicates, "sm3": sig.strip().lower(), "head": head}
                },
                body_id=sender.body_id,
            )
    return {"accepted": accepted, "duplicates": duplicates}
