"""Users, groups, the audit log and login failures; importing them registers them."""

from unionnews.accounts.admin import audit, lockouts, users  # noqa: F401
