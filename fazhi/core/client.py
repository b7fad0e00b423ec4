"""The client's address, the same for the login lockout (django-axes) and the public forms' rate limit.

Behind a reverse proxy every request comes from the proxy's address; ``FAZHI_CLIENT_IP_HEADER`` (e.g.
``X-Forwarded-For`` or ``X-Real-IP``) names the header the proxy sets and ``FAZHI_PROXY_COUNT`` how many trusted
proxies append to it. Each proxy appends the address it saw, so the client is the ``FAZHI_PROXY_COUNT``-th entry from
the right; entries further left were written by the client itself and are never trusted. Without the setting the
header is ignored (a client could otherwise pick its own address), and the socket's address is used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    header = getattr(settings, "FAZHI_CLIENT_IP_HEADER", "")
    if header:
        parts = [part.strip() for part in str(request.META.get(header, "")).split(",") if part.strip()]
        count = max(1, int(getattr(settings, "FAZHI_PROXY_COUNT", 1)))
        if parts:
            candidate = parts[-count] if len(parts) >= count else parts[0]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote
