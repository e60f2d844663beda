from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Site-wide concerns of the people who log in: login limits, two-factor login, password age, sessions."""

    name = "unionnews.accounts"
    label = "accounts"
    verbose_name = "账号与安全"

    def ready(self):
        from unionnews.accounts import checks, lockout  # noqa: F401  (system checks; lockouts to the audit log)
