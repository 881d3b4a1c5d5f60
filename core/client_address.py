"""The address of the person behind a request, as far as it can be believed.

Rate limits, the admin's log-in lock-out and the spam screening count per
address, so the address must not be something the client can write:

- The peer (``REMOTE_ADDR``) is the client unless it is one of the proxies
  listed in ``PORTAL_TRUSTED_PROXIES`` (CIDRs). Behind trusted proxies,
  ``X-Forwarded-For`` is read from the right, each trusted hop skipped, and
  the first address no trusted proxy owns is the client: what the client
  wrote at the left (made-up addresses, trailing commas, spaces) is never
  reached. A malformed hop stops the walk at the last proxy.
- The SvelteKit server renders pages for many citizens from one address; it
  forwards each citizen's address in ``X-Portal-Client-Address`` together
  with ``X-Portal-Frontend-Secret``. The header is believed only with that
  secret (``PORTAL_FRONTEND_SECRET``, compared in constant time); without
  it, or when no secret is configured, it is ignored.

The standard library's ``ipaddress`` does the parsing; django-ipware's proxy
lists are address prefixes rather than networks, hence these few lines.
"""

from __future__ import annotations

import hmac
import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _parse(value: str | None) -> Address | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "198.51.100.7:51234"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(
        ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip()
    )


def _trusted(address: Address) -> bool:
    networks = _networks(tuple(getattr(settings, "PORTAL_TRUSTED_PROXIES", ()) or ()))
    return any(address in network for network in networks)


def _from_frontend(request) -> Address | None:
    secret = getattr(settings, "PORTAL_FRONTEND_SECRET", "") or ""
    sent = request.META.get("HTTP_X_PORTAL_FRONTEND_SECRET", "")
    if not secret or not hmac.compare_digest(sent.encode(), secret.encode()):
        return None
    return _parse(request.META.get("HTTP_X_PORTAL_CLIENT_ADDRESS"))


def client_ip(request) -> str:
    """The client's address as a string ("" when the peer is unknown)."""
    forwarded = _from_frontend(request)
    if forwarded is not None:
        return str(forwarded)
    peer = _parse(request.META.get("REMOTE_ADDR"))
    if peer is None:
        return ""
    client = peer
    if _trusted(peer):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            address = _parse(hop)
            if address is None:
                break
            client = address
            if not _trusted(address):
                break
    return str(client)


def limit_key(request) -> str:
    """What a rate limit counts: the address, or its /64 for IPv6 (one home or
    phone gets a whole /64 and could rotate through it)."""
    address = _parse(client_ip(request))
    if address is None:
        return ""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
