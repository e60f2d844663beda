"""Failed logins are limited per account and per client address (django-axes, database handler)."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from tests.accounts.conftest import logged_in
from unionnews.accounts.models import AuditEntry


def test_twenty_wrong_passwords_lock_the_account_even_against_the_right_one(staff, log_in):
    for _ in range(20):
        assert log_in("jizhe", "wrong password!").status_code in (200, 429)

    response = log_in("jizhe")

    assert response.status_code == 429
    assert not logged_in(response)
    assert "_auth_user_id" not in response.client.session


def test_the_lockout_page_says_when_to_try_again_and_whom_to_ask(staff, log_in):
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(5):
            log_in("jizhe", "wrong password!")
        response = log_in("jizhe")
        ends = timezone.localtime() + timedelta(minutes=15)

    text = response.content.decode()
    assert response.status_code == 429
    assert "登录已被暂时锁定" in text
    assert f"{ends:%Y}年{ends.month}月{ends.day}日 {ends:%H:%M}" in text
    assert "管理员" in text and "解除锁定" in text


def test_four_failures_still_let_the_right_password_in(staff, log_in):
    for _ in range(4):
        assert log_in("jizhe", "wrong password!").status_code == 200

    assert logged_in(log_in("jizhe"))


def test_the_lock_is_on_the_account_from_any_address(staff, log_in):
    for number in range(5):
        log_in("jizhe", "wrong password!", address=f"198.51.100.{number}")

    assert log_in("jizhe", address="192.0.2.99", client=Client()).status_code == 429
    assert logged_in(log_in("zongbian", address="192.0.2.99", client=Client()))


def test_one_address_trying_many_accounts_is_refused_after_the_limit(staff, log_in):
    responses = [log_in(f"user{number}", "wrong password!") for number in range(50)]

    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert {r.status_code for r in responses[5:]} == {429}
    # Even a real account with its right password, from that address.
    assert log_in("zongbian", client=Client()).status_code == 429
    assert logged_in(log_in("zongbian", address="192.0.2.99", client=Client()))


def test_the_lock_ends_after_the_lockout_minutes(staff, log_in):
    for _ in range(5):
        log_in("jizhe", "wrong password!")

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert logged_in(log_in("jizhe"))


def test_limits_come_from_settings(staff, log_in, settings):
    settings.AXES_FAILURE_LIMIT = 2
    log_in("jizhe", "wrong password!")
    assert log_in("jizhe", "wrong password!").status_code == 429


def test_a_lockout_is_audited_once_with_user_and_address(staff, log_in):
    for _ in range(8):
        log_in("jizhe", "wrong password!", address="198.51.100.4")

    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.LOCKED_OUT)
    assert entry.username == "jizhe"
    assert entry.ip == "198.51.100.4"
    assert entry.data["failures"] == 5


def test_the_administrator_unlocks_a_locked_out_user(staff, log_in, client_for):
    for _ in range(6):
        log_in("jizhe", "wrong password!", address="198.51.100.4")
    administrator = client_for(staff.administrator)

    listing = administrator.get("/admin/accounts/loginfailure/")
    assert listing.status_code == 200
    assert "登录失败记录" in listing.content.decode() and "jizhe" in listing.content.decode()
    assert "解除锁定" in listing.content.decode()
    assert "删除所选" not in listing.content.decode()

    from unionnews.accounts.models import LoginFailure

    response = administrator.post(
        "/admin/accounts/loginfailure/",
        {"action": "unlock", "_selected_action": list(LoginFailure.objects.values_list("pk", flat=True))},
        follow=True,
    )

    assert "已解除" in response.content.decode()
    assert logged_in(log_in("jizhe", address="198.51.100.4", client=Client()))
    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.UNLOCK)
    assert entry.actor == staff.administrator
    assert entry.data["locked_username"] == "jizhe"
    assert entry.data["address"] == "198.51.100.4"


def test_desk_roles_do_not_see_the_login_failures(staff, client_for):
    chief = client_for(staff.chief)

    assert chief.get("/admin/accounts/loginfailure/").status_code == 403
    assert "登录失败记录" not in chief.get("/admin/?all=1").content.decode()


def test_a_superuser_sees_the_login_failures(db, client_for):
    from django.contrib.auth.models import User

    root = User.objects.create_superuser("root", password="root password 1")
    assert client_for(root).get("/admin/accounts/loginfailure/").status_code == 200
