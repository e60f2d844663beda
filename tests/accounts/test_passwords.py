"""Passwords: at least 10 characters, Chinese messages, an optional maximum age for staff."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from tests.builders import PASSWORD, make_staff
from unionnews.accounts.models import AuditEntry, PasswordAge

NEW_PASSWORD = "湖州 新闻 2025 秋"


def password_set(user, days_ago):
    PasswordAge.objects.update_or_create(user=user, defaults={"set_at": timezone.now() - timedelta(days=days_ago)})


def change_own_password(client, new=NEW_PASSWORD, old=PASSWORD):
    return client.post("/admin/password_change/", {"old_password": old, "new_password1": new, "new_password2": new})


def test_a_short_password_is_refused_in_chinese_on_the_password_change_page(staff, client_for):
    client = client_for(staff.reporter)

    response = change_own_password(client, new="abc12345")

    text = response.content.decode()
    assert response.status_code == 200
    assert "密码太短，至少要有 10 个字符。" in text
    assert "这个密码太常见了" in text
    assert "too short" not in text and "at least" not in text
    staff.reporter.refresh_from_db()
    assert staff.reporter.check_password(PASSWORD)


def test_the_password_change_page_explains_the_rules_in_chinese(staff, client_for):
    text = client_for(staff.reporter).get("/admin/password_change/").content.decode()

    assert "密码至少要有 10 个字符。" in text
    assert "<li></li>" not in text
    assert "这个密码太常见了" not in text
    assert "too short" not in text and "at least" not in text


def test_changing_ones_own_password_is_audited_and_dated(staff, client_for):
    client = client_for(staff.reporter)

    response = change_own_password(client)

    assert response.status_code == 302
    staff.reporter.refresh_from_db()
    assert staff.reporter.check_password(NEW_PASSWORD)
    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_CHANGE)
    assert entry.actor == staff.reporter and entry.object_id == str(staff.reporter.pk)
    assert timezone.now() - PasswordAge.objects.get(user=staff.reporter).set_at < timedelta(minutes=1)


def test_the_administrator_resetting_a_password_is_audited_with_both_names(staff, client_for):
    newcomer = make_staff("xinren")
    client = client_for(staff.administrator)

    response = client.post(
        f"/admin/auth/user/{newcomer.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_CHANGE)
    assert entry.actor == staff.administrator
    assert entry.object_id == str(newcomer.pk)
    newcomer.refresh_from_db()
    assert newcomer.check_password(NEW_PASSWORD)


def test_a_password_counts_from_account_creation_and_restarts_when_set_again(db, settings, monkeypatch):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    created = timezone.now() - timedelta(days=50)
    with time_machine.travel(created, tick=False):
        user = User.objects.create_user("jizhe", password="first password 1")
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "root password 123")
        call_command("createsuperuser", "--noinput", username="root", email="root@example.org")
    assert PasswordAge.expires_at(user) == created + timedelta(days=90)
    assert PasswordAge.expires_at(User.objects.get(username="root")) == created + timedelta(days=90)

    user.set_password("second password 2")
    user.save()

    assert PasswordAge.expires_at(user) - timezone.now() > timedelta(days=89)


def test_an_old_password_sends_staff_to_the_password_change_page_until_changed(staff, client_for, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    password_set(staff.reporter, days_ago=91)
    client = client_for(staff.reporter)

    response = client.get("/admin/articles/article/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/password_change/"
    assert "你的密码已使用超过 90 天，请先修改密码再继续工作。" in response.content.decode()

    assert change_own_password(client).status_code == 302
    assert client.get("/admin/articles/article/").status_code == 200


def test_a_recent_password_and_a_colleagues_old_one_do_not_hold_anyone_up(staff, client_for, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    password_set(staff.chief, days_ago=91)
    password_set(staff.reporter, days_ago=89)

    assert client_for(staff.reporter).get("/admin/articles/article/").status_code == 200
    assert client_for(staff.chief).get("/admin/articles/article/").status_code == 302


def test_without_a_maximum_age_old_passwords_are_fine(staff, client_for, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    password_set(staff.reporter, days_ago=900)

    assert client_for(staff.reporter).get("/admin/articles/article/").status_code == 200


def test_the_demo_passwords_meet_the_policy():
    from django.contrib.auth.password_validation import validate_password

    from unionnews.demo.organisations import ADMIN, ROLE_ACCOUNTS

    for username, password, *_ in [ADMIN, *ROLE_ACCOUNTS]:
        validate_password(password, User(username=username))


@pytest.mark.parametrize(
    "simple", ["..........", "          ", "zzzzzzzzzzzz", "abcabcabca", "工会新闻工会新闻工会新闻"]
)
def test_a_long_password_of_one_kind_of_character_is_refused(staff, client_for, simple):
    response = change_own_password(client_for(staff.reporter), new=simple)

    assert "密码至少要包含字母（含汉字）、数字、符号（含空格）中的 2 类。" in response.content.decode()
    staff.reporter.refresh_from_db()
    assert staff.reporter.check_password(PASSWORD)


def test_three_kinds_may_be_required(staff, client_for, settings):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "unionnews.accounts.passwords.CharacterKindsValidator", "OPTIONS": {"min_kinds": 3}}
    ]
    client = client_for(staff.reporter)
    assert change_own_password(client, new="letters-and-symbols").status_code == 200  # refused
    assert change_own_password(client, new="letters-and-symbols-2025").status_code == 302
