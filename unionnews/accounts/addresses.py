"""The client's address, believing X-Forwarded-For only from a trusted proxy (TRUSTED_PROXIES)."""

from functools import lru_cache
from ipaddress import ip_address, ip_network

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address):
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """REMOTE_ADDR, unless that is a trusted proxy: then the rightmost X-Forwarded-For entry
    that is not one. Entries left of it were written by the client and prove nothing."""
    remote = request.META.get("REMOTE_ADDR") or None
    if remote is None or not _is_trusted(remote):
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for entry in reversed(forwarded):
        if not entry:
            continue
        if not _valid(entry):
            # A proxy we trust wrote junk: the client is unknown, so count the proxy itself.
            return remote
        if not _is_trusted(entry):
            return entry
    return remote


def _valid(address):
    try:
        ip_address(address)
    except ValueError:
        return False
    return True
