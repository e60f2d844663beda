"""Every response carries the Content-Security-Policy and Permissions-Policy
headers, and no page holds inline script or style the policy would refuse."""

import re

import pytest
from django.test import Client
from django.urls import path, reverse

from tests.builders import make_article, make_event
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
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[story.pk]),
        reverse("admin:articles_article_desk"),
        reverse("admin:articles_event_add"),
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
