"""The enrolment QR code, drawn on the server as inline SVG (segno): no image service, no CDN, nothing the CSP blocks."""

from base64 import b32encode

import segno
from django.utils.safestring import mark_safe


def qr_svg(text: str) -> str:
    return mark_safe(segno.make(text, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff"))


def spaced_secret(key: bytes) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
