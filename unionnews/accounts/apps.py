from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Site-wide concerns of the people who log in: roles, the audit log, login limits, two-factor login,
    password age, sessions, and the User and Group admin."""

    name = "unionnews.accounts"
    label = "accounts"
    verbose_name = "账号与安全"

    def ready(self):
        # System checks; logins, logouts, failures and lockouts to the audit log.
        from unionnews.accounts import audit, checks, lockout  # noqa: F401
