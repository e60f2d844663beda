"""The one rule for absolute URLs (canonical links, robots.txt, sitemaps, feeds, JSON-LD, OpenGraph).

They all start with settings.SITE_URL when it is set (production: the public address,
whatever Host a proxy or health check sends), else with the scheme and host of the
request being answered (development: whatever port `runserver` listens on). The host
has passed ALLOWED_HOSTS by then, and the page cache keys pages by scheme and host.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost


def site_url(request):
    """The scheme and host absolute URLs start with, without a trailing slash.

    "" for a request whose Host ALLOWED_HOSTS refuses: its 400 page links relatively.
    """
    if settings.SITE_URL:
        return settings.SITE_URL
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""


def absolute(base, url):
    """`url` (a path on the site, or already absolute) on `base` (site_url())."""
    return url if url.startswith(("http://", "https://")) else base + url
