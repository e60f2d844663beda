from django.conf import settings
from django.core.checks import Error, Tags, register

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
