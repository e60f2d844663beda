from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from unionnews.accounts.roles import ROLES


@register(Tags.security)
def required_roles_exist(app_configs, **kwargs):
    """A misspelt role in REQUIRE_2FA_ROLES would silently require nothing of that role."""
    return [
        Error(
            f"REQUIRE_2FA_ROLES names {name!r}, which is not a role.",
            hint=f"Roles: {', '.join(ROLES)}. Separate them with commas.",
            id="accounts.E001",
        )
        for name in settings.REQUIRE_2FA_ROLES
        if name not in ROLES
    ]


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Unset, absolute URLs follow each request's Host (unionnews.siteurl): fine on a laptop,
    not behind a proxy, where a health check's or a forwarded Host would end up in pages."""
    if settings.SITE_URL:
        return []
    return [
        Warning(
            "SITE_URL is not set: canonical links, sitemaps and feeds use each request's host.",
            hint="Set SITE_URL to the site's public address, e.g. https://news.example.org.",
            id="unionnews.W001",
        )
    ]
