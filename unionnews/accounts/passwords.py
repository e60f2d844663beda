"""Password age: when each password was set, and the admin's password change, audited."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from unionnews.accounts import audit
from unionnews.accounts.models import PasswordAge


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, in Chinese: its zh-hans catalogue lacks the current wording of this message."""

    def get_error_message(self):
        return f"密码太短，至少要有 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少要有 {self.min_length} 个字符。"


class CharacterKindsValidator:
    """At least `min_kinds` of the three kinds of character: letters (汉字 count), digits,
    and everything else (symbols, spaces). Refuses "..........", "zzzzzzzzzz" and the like,
    which pass a length rule. 等保 三级 reviews often ask for 3 (PASSWORD_MIN_KINDS)."""

    KINDS = {"字母": str.isalpha, "数字": str.isdigit}

    def __init__(self, min_kinds=2):
        self.min_kinds = min_kinds

    def kinds(self, password):
        found = {name for name, test in self.KINDS.items() if any(test(char) for char in password)}
        if any(not char.isalnum() for char in password):
            found.add("符号")
        return found

    def validate(self, password, user=None):
        if len(self.kinds(password)) < self.min_kinds:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return f"密码至少要包含字母（含汉字）、数字、符号（含空格）中的 {self.min_kinds} 类。"


class RecordPasswordAge:
    """Listed in AUTH_PASSWORD_VALIDATORS for its hook, not as a check: Django calls
    password_changed() after saving a user whose password was set with set_password(),
    whatever did it (the admin's forms, changepassword, code). create_user() and
    createsuperuser set the hash directly; PasswordAge counts those from date_joined."""

    def validate(self, password, user=None):
        pass

    def password_changed(self, password, user=None):
        if user is not None and user.pk is not None:
            PasswordAge.touch(user)

    def get_help_text(self):
        if settings.PASSWORD_MAX_AGE_DAYS > 0:
            return f"密码使用超过 {settings.PASSWORD_MAX_AGE_DAYS} 天后必须更换。"
        return "每次修改密码，系统都会记下修改的时间。"


def password_change(request):
    """The admin's 修改密码 page for one's own password (admin.site.password_change),
    writing PASSWORD_CHANGE to the audit log when it succeeds."""
    response = admin.site.password_change(request)
    if request.method == "POST" and response.status_code == 302:
        audit.record(request.user, audit.Action.PASSWORD_CHANGE, request.user, request=request)
    return response
