from .audit import AuditEntry
from .passwords import LoginFailure, PasswordAge

__all__ = ["AuditEntry", "LoginFailure", "PasswordAge"]
