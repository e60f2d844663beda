"""The client's address, believing X-Forwarded-For only from a trusted proxy (TRUSTED_PROXIES)."""

from functools import lru_cache
from ipaddress import ip_address, ip_network

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ip_network(proxy, strict=False) for proxy in proxies)


def _parse(address):
    """The address, with an IPv4 address written IPv6-style (::ffff:a.b.c.d, as a server
    bound to [::] sees it) as the IPv4 address it is."""
    try:
        parsed = ip_address(address.strip())
    except ValueError:
        return None
    return getattr(parsed, "ipv4_mapped", None) or parsed


def _is_trusted(parsed):
    return any(parsed in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """REMOTE_ADDR, unless that is a trusted proxy: then the rightmost X-Forwarded-For entry
    that is not one. Entries left of it were written by the client and prove nothing."""
    remote = request.META.get("REMOTE_ADDR") or None
    parsed = _parse(remote or "")
    if parsed is None or not _is_trusted(parsed):
        return remote if parsed is None else str(parsed)
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        if not entry.strip():
            continue
        hop = _parse(entry)
        if hop is None:
            # A proxy we trust passed on junk: the client is unknown, so count the proxy itself.
            return remote
        if not _is_trusted(hop):
            return str(hop)
    return remote
