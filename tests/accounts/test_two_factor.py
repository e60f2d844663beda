"""Two-factor login for staff: setting it up, the second step after the password,
recovery codes, roles that must use it, and a reset by a 管理员."""

import re
from base64 import b32encode
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.builders import NOON, PASSWORD, make_staff, totp_code
from unionnews.accounts import roles
from unionnews.accounts.models import AuditEntry, PasswordAge

SETUP = reverse("twofactor:setup")
VERIFY = reverse("twofactor:verify")
ADMIN = reverse("admin:index") + "?all=1"  # editors land on 编辑台 without ?all=1
STORIES = reverse("admin:articles_article_changelist")


code_now = totp_code


def a_wrong_code(device):
    right = int(code_now(device))
    return f"{(right + 500_000) % 1_000_000:06d}"


def password_login(user):
    """A fresh browser that has passed the password step of the admin login."""
    browser = Client()
    response = browser.post(reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": ADMIN})
    assert response.status_code == 302, "the password step failed"
    return browser


def enrol(user, clock):
    """Sets up two-factor login through the pages; returns the device and the recovery codes shown."""
    browser = Client()
    browser.force_login(user)
    browser.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = browser.post(SETUP, {"code": code_now(device)})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    clock.shift(timedelta(seconds=30))  # the next code: a code is accepted once only
    return device, codes


@pytest.fixture
def reporter(db):
    return make_staff("jizhe", roles.REPORTER)


def test_the_user_tools_link_to_two_factor_settings(client, reporter):
    client.force_login(reporter)
    assert f'<a href="{SETUP}">两步验证</a>' in client.get(ADMIN).content.decode()


def test_a_staff_user_sets_up_two_factor_login_and_sees_ten_recovery_codes_once(client, reporter, clock):
    client.force_login(reporter)

    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=reporter, confirmed=False)
    svg = re.search(r'class="twofactor-qr".*?(<svg.*?</svg>)', page, re.S).group(1)
    assert "<path" in svg and "style" not in svg and "<script" not in svg  # allowed by a strict CSP
    secret = b32encode(device.bin_key).decode()
    assert " ".join(re.findall("....", secret)) in page  # for typing in by hand

    response = client.post(SETUP, {"code": code_now(device)})

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert response.status_code == 200 and "恢复码只显示这一次" in response.content.decode()
    assert len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(actor=reporter, action=AuditEntry.Action.OTP_ENROL).count() == 1
    again = client.get(SETUP).content.decode()
    assert "已启用" in again and not any(code in again for code in codes)
    assert client.get(STORIES).status_code == 200  # the session that set it up has proved itself


def test_a_wrong_code_does_not_turn_two_factor_login_on(client, reporter, clock):
    client.force_login(reporter)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=reporter)

    response = client.post(SETUP, {"code": a_wrong_code(device)})

    assert "验证码不正确" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=reporter, confirmed=True).exists()


def test_after_the_password_no_admin_page_opens_until_the_code_is_given(reporter, clock):
    device, _ = enrol(reporter, clock)
    browser = password_login(reporter)

    assert browser.get(STORIES).url == f"{VERIFY}?next={STORIES.replace('/', '%2F')}"
    assert browser.get(ADMIN).status_code == 302
    response = browser.post(VERIFY, {"code": code_now(device), "next": STORIES})

    assert response.status_code == 302 and response.url == STORIES
    assert browser.get(STORIES).status_code == 200
    assert browser.get(ADMIN).status_code == 200


def test_the_code_page_lists_none_of_the_admin_tables(reporter, clock):
    enrol(reporter, clock)
    page = password_login(reporter).get(VERIFY).content.decode()
    assert "验证码或恢复码" in page
    assert STORIES not in page


def test_a_wrong_code_is_refused_audited_and_slows_the_next_try(reporter, clock):
    device, _ = enrol(reporter, clock)
    browser = password_login(reporter)

    refused = browser.post(VERIFY, {"code": a_wrong_code(device)})
    assert "验证码不正确" in refused.content.decode()
    assert browser.get(STORIES).status_code == 302
    failure = AuditEntry.objects.get(action=AuditEntry.Action.OTP_FAILED)
    assert failure.actor == reporter and failure.data["kind"] == "totp"

    # Straight after a failure even the right code waits (django-otp doubles the wait each time).
    too_soon = browser.post(VERIFY, {"code": code_now(device)})
    assert "错误次数过多" in too_soon.content.decode()
    assert browser.get(STORIES).status_code == 302

    clock.shift(timedelta(seconds=30))
    assert browser.post(VERIFY, {"code": code_now(device)}).status_code == 302
    assert browser.get(STORIES).status_code == 200


def test_a_recovery_code_works_once(reporter, clock):
    _, codes = enrol(reporter, clock)

    first = password_login(reporter)
    response = first.post(VERIFY, {"code": codes[0].upper()[:4] + "-" + codes[0][4:], "next": STORIES})
    assert response.status_code == 302
    stories = first.get(STORIES)
    assert stories.status_code == 200 and "你用了一个恢复码，还剩 9 个" in stories.content.decode()

    second = password_login(reporter)
    refused = second.post(VERIFY, {"code": codes[0]})
    assert "恢复码不正确或已经用过" in refused.content.decode()
    assert second.get(STORIES).status_code == 302
    assert AuditEntry.objects.get(action=AuditEntry.Action.OTP_FAILED).data["kind"] == "recovery"


def test_new_recovery_codes_make_the_old_ones_stop_working(reporter, clock):
    device, old_codes = enrol(reporter, clock)
    browser = password_login(reporter)
    browser.post(VERIFY, {"code": code_now(device)})

    response = browser.post(reverse("twofactor:recovery_codes"))
    new_codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())

    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert AuditEntry.objects.filter(actor=reporter, action=AuditEntry.Action.RECOVERY_CODES).exists()
    assert "恢复码不正确" in password_login(reporter).post(VERIFY, {"code": old_codes[1]}).content.decode()
    clock.shift(timedelta(seconds=2))  # past the wait a wrong code brings
    assert password_login(reporter).post(VERIFY, {"code": new_codes[1]}).status_code == 302


def test_turning_two_factor_login_off_asks_for_a_code_or_the_password(reporter, clock):
    device, _ = enrol(reporter, clock)
    browser = password_login(reporter)
    browser.post(VERIFY, {"code": code_now(device)})
    turn_off = reverse("twofactor:turn_off")

    refused = browser.post(turn_off, {"code": "not my password"})
    assert "验证码或密码不正确" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=reporter).exists()

    clock.shift(timedelta(seconds=2))  # past the wait a wrong try brings
    assert browser.post(turn_off, {"code": PASSWORD}).url == SETUP
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    assert password_login(reporter).get(STORIES).status_code == 200  # the password alone again


def two_factor_browser(user, clock):
    """A browser past both login steps, and the user's authenticator."""
    device, _ = enrol(user, clock)
    browser = password_login(user)
    browser.post(VERIFY, {"code": code_now(device)})
    return browser


def test_after_wrong_passwords_turning_two_factor_login_off_waits_even_for_the_right_one(reporter, clock):
    browser = two_factor_browser(reporter, clock)
    turn_off = reverse("twofactor:turn_off")
    for guess in ["guess-one-1", "guess-two-2", "guess-three-3"]:
        browser.post(turn_off, {"code": guess})

    right_too_soon = browser.post(turn_off, {"code": PASSWORD})

    assert "错误次数过多" in right_too_soon.content.decode()
    assert TOTPDevice.objects.filter(user=reporter).exists()


def test_wrong_passwords_when_turning_two_factor_login_off_count_towards_the_login_lockout(reporter, clock, settings):
    browser = two_factor_browser(reporter, clock)
    turn_off = reverse("twofactor:turn_off")
    for number in range(settings.AXES_FAILURE_LIMIT):
        clock.shift(timedelta(minutes=1))  # past each wait a wrong try brings: only the login limit counts
        browser.post(turn_off, {"code": f"guess-{number}"})
    clock.shift(timedelta(minutes=1))

    refused = browser.post(turn_off, {"code": PASSWORD})

    assert refused.status_code == 429
    assert "登录已被暂时锁定" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=reporter).exists()
    again = Client().post(reverse("admin:login"), {"username": reporter.username, "password": PASSWORD, "next": ADMIN})
    assert again.status_code == 429


def test_a_role_that_requires_two_factor_login_is_sent_to_set_it_up_first(staff, settings, clock):
    settings.REQUIRE_2FA_ROLES = [roles.CHIEF, roles.ADMINISTRATOR]
    chief = password_login(staff.chief)

    assert chief.get(STORIES).url.startswith(SETUP)
    assert chief.get(reverse("admin:password_change")).url.startswith(SETUP)
    setup_page = chief.get(SETUP)
    assert setup_page.status_code == 200 and "你的角色要求启用两步验证" in setup_page.content.decode()

    device = TOTPDevice.objects.get(user=staff.chief)
    chief.post(SETUP, {"code": code_now(device)})
    assert chief.get(STORIES).status_code == 200
    assert chief.post(reverse("admin:logout")).status_code == 200


def test_a_role_that_does_not_require_it_uses_the_admin_with_the_password(staff, settings):
    settings.REQUIRE_2FA_ROLES = [roles.CHIEF, roles.ADMINISTRATOR]
    assert password_login(staff.section_editor).get(STORIES).status_code == 200


def test_superusers_count_as_administrators_for_required_roles(settings, db):
    settings.REQUIRE_2FA_ROLES = [roles.ADMINISTRATOR]
    superuser = User.objects.create_superuser("admin", password=PASSWORD)
    assert password_login(superuser).get(ADMIN).url.startswith(SETUP)


def test_by_default_no_role_has_to_set_it_up(staff):
    assert password_login(staff.chief).get(STORIES).status_code == 200


def test_an_administrator_resets_a_lost_phone_from_the_user_admin(staff, client_for, clock):
    enrol(staff.chief, clock)
    administrator = client_for(staff.administrator)
    reset = reverse("twofactor:reset", args=[staff.chief.pk])

    user_page = administrator.get(reverse("admin:auth_user_change", args=[staff.chief.pk])).content.decode()
    assert "已启用" in user_page and reset in user_page
    confirmation = administrator.get(reset)
    assert "确认重置" in confirmation.content.decode()
    assert TOTPDevice.objects.filter(user=staff.chief).exists()  # a GET changes nothing

    response = administrator.post(reset)

    assert response.url == reverse("admin:auth_user_change", args=[staff.chief.pk])
    assert not TOTPDevice.objects.filter(user=staff.chief).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.OTP_RESET)
    assert entry.actor == staff.administrator and entry.object_id == str(staff.chief.pk)
    assert password_login(staff.chief).get(STORIES).status_code == 200


def test_a_reset_logs_the_user_out_everywhere_but_nobody_else(staff, client_for, clock):
    enrol(staff.chief, clock)
    lost_phone = Client()
    lost_phone.force_login(staff.chief)  # a session the finder of the phone holds
    colleague = client_for(staff.section_editor)
    administrator = client_for(staff.administrator)
    assert lost_phone.get(STORIES).status_code in (200, 302)

    response = administrator.post(reverse("twofactor:reset", args=[staff.chief.pk]))

    assert "已在所有设备上退出登录" in administrator.get(response.url).content.decode()
    gone = lost_phone.get(STORIES)
    assert gone.status_code == 302 and gone.url.startswith(reverse("admin:login"))
    assert colleague.get(STORIES).status_code == 200
    assert administrator.get(reverse("admin:auth_user_changelist")).status_code == 200
    # The session it enrolled in, and the lost phone's.
    assert AuditEntry.objects.get(action=AuditEntry.Action.OTP_RESET).data["sessions_ended"] == 2


def test_nobody_resets_their_own_two_factor_login_from_the_user_admin(staff, client_for, clock):
    enrol(staff.administrator, clock)
    browser = password_login(staff.administrator)
    browser.post(VERIFY, {"code": code_now(TOTPDevice.objects.get(user=staff.administrator))})
    reset = reverse("twofactor:reset", args=[staff.administrator.pk])

    assert reset not in browser.get(reverse("admin:auth_user_change", args=[staff.administrator.pk])).content.decode()
    assert browser.post(reset).status_code == 403
    assert TOTPDevice.objects.filter(user=staff.administrator).exists()


def test_only_administrators_reset_someone_else(staff, client_for, clock):
    enrol(staff.reporter, clock)
    assert client_for(staff.deputy).post(reverse("twofactor:reset", args=[staff.reporter.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=staff.reporter).exists()


def test_an_administrator_does_not_reset_a_superuser(staff, client_for, clock):
    superuser = User.objects.create_superuser("admin", password=PASSWORD)
    enrol(superuser, clock)
    assert client_for(staff.administrator).post(reverse("twofactor:reset", args=[superuser.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_an_expired_password_is_changed_after_the_second_step_not_instead_of_it(reporter, clock, settings):
    """Both production settings on: the code first, then 修改密码, then the admin; never a loop."""
    settings.PASSWORD_MAX_AGE_DAYS = 90
    device, _ = enrol(reporter, clock)
    PasswordAge.objects.update_or_create(user=reporter, defaults={"set_at": NOON - timedelta(days=91)})
    browser = password_login(reporter)

    response = browser.get(STORIES, follow=True)
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    response = browser.post(response.redirect_chain[-1][0], {"code": code_now(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:password_change")

    new = "换一个更长的新密码2025"
    browser.post(
        reverse("admin:password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert browser.get(STORIES).status_code == 200


def test_a_required_role_with_an_expired_password_sets_up_two_factor_first(db, clock, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    settings.REQUIRE_2FA_ROLES = [roles.CHIEF]
    chief = make_staff("zongbian", roles.CHIEF)
    PasswordAge.objects.update_or_create(user=chief, defaults={"set_at": NOON - timedelta(days=91)})
    browser = password_login(chief)

    response = browser.get(STORIES, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(SETUP)
    device = TOTPDevice.objects.get(user=chief)
    response = browser.post(SETUP, {"code": code_now(device)}, follow=True)
    assert response.status_code == 200
    clock.shift(timedelta(seconds=30))
    response = browser.get(STORIES, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:password_change")
