"""The batch on the wire: its canonical bytes and its signature, shared by the pushing and the receiving side.

The signature is SM3 over the canonical batch JSON, a newline, and the sender's chain head ``"<seq>:<hash>"`` sent in
the ``X-Fazhi-Chain-Head`` header. It binds the batch to the point of the sender's chain it was cut at, so the
upstream can later ask for ``audit_verify`` up to that head; who sent it is proved by the bearer token over HTTPS
(ADR 0063).
"""

from __future__ import annotations

import json

from fazhi.audit.hashing import sm3_hex

SIGNATURE_HEADER = "X-Fazhi-Signature"
HEAD_HEADER = "X-Fazhi-Chain-Head"


def canonical(batch: dict) -> bytes:
    return json.dumps(batch, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def signature(body: bytes, head: str) -> str:
    return sm3_hex(body + b"\n" + head.encode())
