"""Every response carries the Content-Security-Policy and Permissions-Policy
headers, and no page holds inline script or style the policy would refuse."""

import re

import pytest
from django.test import Client
from django.urls import path, reverse

from tests.builders import make_article, make_event, totp_code
from unionnews import urls as site_urls


def directives(response):
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_strict_policy(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[name] and "'unsafe-eval'" not in policy[name]
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")([^>]*)>", re.I)
INLINE_STYLE = re.compile(r"<style\b([^>]*)>", re.I)
STYLE_OR_HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\s(style|on[a-z]+)=", re.I)


def assert_nothing_inline_is_refused(response):
    """Inline <script> and <style> carry this response's nonce; no style= or on…= attributes, no javascript: links.

    JSON data blocks (application/json, application/ld+json) are not run, so the policy leaves them alone.
    """
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    for attributes in INLINE_SCRIPT.findall(html) + INLINE_STYLE.findall(html):
        assert nonce and f'nonce="{nonce.group(1)}"' in attributes, attributes
    assert not STYLE_OR_HANDLER_ATTRIBUTE.search(html)
    assert "javascript:" not in html


@pytest.mark.django_db
def test_public_pages_and_feeds_send_the_strict_policy(client, huzhou):
    event = make_event(unions=[huzhou])
    story = make_article(unions=[huzhou], tags=["工BA"], events=[event])
    for url in [
        "/",
        story.get_absolute_url(),
        "/unions/",
        huzhou.get_absolute_url(),
        reverse("tags:detail", args=[story.tags.get().slug]),
        event.get_absolute_url(),
        "/search/?q=全委会",
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/robots.txt",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)
        assert_nothing_inline_is_refused(response)


@pytest.mark.django_db
def test_a_page_that_is_not_found_sends_the_strict_policy(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_strict_policy(response)
    assert_nothing_inline_is_refused(response)


def test_admin_pages_send_the_strict_policy_and_mark_their_inline_tags_with_its_nonce(editor_client, huzhou):
    story = make_article(unions=[huzhou])
    for url in [
        reverse("admin:index") + "?all=1",
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[story.pk]),
        reverse("admin:articles_article_desk"),
        reverse("admin:events_event_add"),
        reverse("admin:unions_union_changelist"),
    ]:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)
        assert_nothing_inline_is_refused(response)


def test_the_story_forms_import_map_carries_the_nonce_named_in_the_header(editor_client):
    response = editor_client.get(reverse("admin:articles_article_add"))

    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in response.text


def test_each_response_gets_its_own_nonce(editor_client):
    first = editor_client.get(reverse("admin:articles_article_add"))
    second = editor_client.get(reverse("admin:articles_article_add"))

    assert directives(first)["script-src"] != directives(second)["script-src"]


def test_a_refusal_in_the_admin_sends_the_strict_policy_and_goes_back_without_inline_script(staff, client_for):
    response = client_for(staff.correspondent).get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403
    assert_strict_policy(response)
    assert_nothing_inline_is_refused(response)


def test_a_forged_post_gets_a_page_with_the_strict_policy(db):
    response = Client(enforce_csrf_checks=True).post(reverse("home"), {"q": "工会"})

    assert response.status_code == 403
    assert_strict_policy(response)
    assert_nothing_inline_is_refused(response)


def fail(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", fail), *site_urls.urlpatterns]
handler500 = "django.views.defaults.server_error"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_page_sends_the_strict_policy_and_uses_no_inline_style():
    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    assert "服务器暂时出了点问题" in response.text
    assert "css/error.css" in response.text
    assert_strict_policy(response)
    assert_nothing_inline_is_refused(response)


def test_photos_may_come_from_the_origin_named_in_media_url():
    from django.conf import settings

    from unionnews.settings import origin_of

    assert origin_of("https://media.example.org/uploads/") == ["https://media.example.org"]
    assert origin_of("/media/") == []
    img_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    assert img_src == ["'self'", *origin_of(settings.MEDIA_URL)]


# The pages of logging in and keeping an account safe (issue 9), each under the policy.


def assert_page_keeps_to_the_policy(response, status=200):
    assert response.status_code == status, response.status_code
    assert_strict_policy(response)
    assert_nothing_inline_is_refused(response)


current_code = totp_code


def test_the_login_page_and_a_refused_password_keep_to_the_policy(staff, client):
    assert_page_keeps_to_the_policy(client.get(reverse("admin:login")))
    refused = client.post(reverse("admin:login"), {"username": "jizhe", "password": "wrong password!"})
    assert 'class="errornote"' in refused.text
    assert_page_keeps_to_the_policy(refused)


def test_setting_up_two_factor_login_with_its_qr_code_keeps_to_the_policy(clock, staff, client_for):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    reporter = client_for(staff.reporter)

    setup = reporter.get(reverse("twofactor:setup"))
    assert '<div class="twofactor-qr"' in setup.text and "<svg" in setup.text
    assert_page_keeps_to_the_policy(setup)

    device = TOTPDevice.objects.get(user=staff.reporter)
    wrong = reporter.post(reverse("twofactor:setup"), {"code": f"{(int(current_code(device)) + 1) % 10**6:06d}"})
    assert "验证码不正确" in wrong.text
    assert_page_keeps_to_the_policy(wrong)

    clock.shift(30)  # past the wait a wrong code costs
    codes = reporter.post(reverse("twofactor:setup"), {"code": current_code(device)})
    assert "恢复码只显示这一次" in codes.text and "admin-extra/twofactor.js" in codes.text
    assert_page_keeps_to_the_policy(codes)

    manage = reporter.get(reverse("twofactor:setup"))
    assert "两步验证<strong>已启用</strong>" in manage.text
    assert_page_keeps_to_the_policy(manage)
    assert_page_keeps_to_the_policy(reporter.post(reverse("twofactor:recovery_codes")))
    assert_page_keeps_to_the_policy(reporter.get(reverse("twofactor:turn_off")))


def test_the_second_step_of_logging_in_keeps_to_the_policy(staff, client_for):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=staff.reporter, name="身份验证器", confirmed=True)
    reporter = client_for(staff.reporter)  # the password step is done, the code is not

    verify = reporter.get(reverse("admin:index"), follow=True)
    assert verify.redirect_chain[-1][0].startswith(reverse("twofactor:verify"))
    assert "输入显示的 6 位数字" in verify.text
    assert_page_keeps_to_the_policy(verify)

    device = TOTPDevice.objects.get(user=staff.reporter)
    refused = reporter.post(reverse("twofactor:verify"), {"code": f"{(int(current_code(device)) + 1) % 10**6:06d}"})
    assert "验证码不正确" in refused.text
    assert_page_keeps_to_the_policy(refused)


def test_resetting_a_colleagues_two_factor_login_keeps_to_the_policy(staff, client_for):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=staff.reporter, name="身份验证器", confirmed=True)
    administrator = client_for(staff.administrator)

    user_page = administrator.get(reverse("admin:auth_user_change", args=[staff.reporter.pk]))
    assert "重置两步验证" in user_page.text
    assert_page_keeps_to_the_policy(user_page)
    assert_page_keeps_to_the_policy(administrator.get(reverse("twofactor:reset", args=[staff.reporter.pk])))


def test_the_lockout_page_keeps_to_the_policy(staff, client):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "jizhe", "password": "wrong password!"})

    response = client.post(reverse("admin:login"), {"username": "jizhe", "password": "correct horse battery staple"})

    assert "登录已被暂时锁定" in response.text
    assert_page_keeps_to_the_policy(response, status=429)


def test_the_login_failures_list_and_its_unlock_keep_to_the_policy(staff, client, client_for):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "jizhe", "password": "wrong password!"})
    administrator = client_for(staff.administrator)

    listing = administrator.get(reverse("admin:accounts_loginfailure_changelist"))
    assert "登录失败记录" in listing.text and "jizhe" in listing.text
    assert_page_keeps_to_the_policy(listing)

    from unionnews.accounts.models import LoginFailure

    unlocked = administrator.post(
        reverse("admin:accounts_loginfailure_changelist"),
        {"action": "unlock", "_selected_action": list(LoginFailure.objects.values_list("pk", flat=True))},
        follow=True,
    )
    assert "已解除" in unlocked.text
    assert_page_keeps_to_the_policy(unlocked)


def test_changing_ones_password_keeps_to_the_policy(staff, client_for):
    reporter = client_for(staff.reporter)

    assert_page_keeps_to_the_policy(reporter.get(reverse("admin:password_change")))
    refused = reporter.post(
        reverse("admin:password_change"),
        {"old_password": "correct horse battery staple", "new_password1": "short", "new_password2": "short"},
    )
    assert "密码太短" in refused.text
    assert_page_keeps_to_the_policy(refused)
    done = reporter.post(
        reverse("admin:password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "a new and longer password",
            "new_password2": "a new and longer password",
        },
        follow=True,
    )
    assert done.redirect_chain[-1][0] == reverse("admin:password_change_done")
    assert_page_keeps_to_the_policy(done)


def test_a_request_too_large_gets_a_page_that_keeps_to_the_policy(editor_client):
    response = editor_client.generic(
        "POST",
        reverse("admin:articles_article_add"),
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
    )

    assert "提交的内容太大" in response.text
    assert_page_keeps_to_the_policy(response, status=413)


@pytest.mark.django_db
def test_a_database_outage_gets_a_page_that_keeps_to_the_policy():
    from django.db import OperationalError, connection

    def fail(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(fail):
        response = Client(raise_request_exception=False).get("/")

    assert "网站正在恢复，请稍后再试" in response.text
    assert_page_keeps_to_the_policy(response, status=503)


def test_a_story_with_a_photo_keeps_to_the_policy_and_its_original_downloads_sandboxed(staff, client_for):
    from articles.models import Photo
    from tests.builders import phone_jpeg

    story = make_article()
    photo = Photo.objects.create(article=story, image=phone_jpeg(), caption="会议现场")
    download = reverse("admin:articles_article_photo_original", args=[story.pk, photo.pk])
    change = reverse("admin:articles_article_change", args=[story.pk])

    for user in (staff.chief, staff.reporter):  # one edits the published story, the other only reads it
        page = client_for(user).get(change)
        assert f'href="{download}" download' in page.text
        assert_page_keeps_to_the_policy(page)

    response = client_for(staff.chief).get(download)
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert "camera=()" in response.headers["Permissions-Policy"]
