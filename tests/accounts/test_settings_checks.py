"""Security settings that are easy to mistype fail loudly instead of quietly enforcing nothing."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from unionnews.settings import env_list


def test_roles_may_be_separated_by_the_full_width_comma_a_chinese_keyboard_types(monkeypatch):
    monkeypatch.setenv("REQUIRE_2FA_ROLES", "总编，管理员")
    assert env_list("REQUIRE_2FA_ROLES", []) == ["总编", "管理员"]


def test_a_misspelt_role_in_require_2fa_roles_stops_the_checks(settings):
    settings.REQUIRE_2FA_ROLES = ["总编", "zongbian"]
    with pytest.raises(SystemCheckError, match="'zongbian', which is not a role"):
        call_command("check")


def test_the_recommended_roles_pass_the_checks(settings):
    settings.REQUIRE_2FA_ROLES = ["总编", "管理员"]
    call_command("check")
