"""Admin sessions end after ADMIN_IDLE_MINUTES without activity, and readers get no cookie."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests import builders
from unionnews.accounts.models import AuditEntry


def test_after_thirty_idle_minutes_the_user_is_logged_out_and_told_why(staff, client_for):
    client = client_for(staff.reporter)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get("/admin/?all=1").status_code == 200

    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get("/admin/articles/article/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert "长时间未操作，已自动退出，请重新登录" in response.content.decode()
    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.SESSION_EXPIRED)
    assert entry.actor == staff.reporter
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LOGOUT).exists()


def test_activity_keeps_the_session_and_another_users_idleness_does_not_matter(staff, client_for):
    busy, idle = client_for(staff.reporter), client_for(staff.chief)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        busy.get("/admin/?all=1")
        idle.get("/admin/?all=1")
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert busy.get("/admin/?all=1").status_code == 200

    with time_machine.travel(start + timedelta(minutes=60), tick=False):
        assert idle.get("/admin/?all=1").status_code == 302


def test_the_session_is_written_at_most_once_a_minute(staff, client_for):
    client = client_for(staff.reporter)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/admin/password_change/")
    baseline = client.session.get("last_seen")

    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.get("/admin/password_change/")
    assert client.session.get("last_seen") == baseline

    with time_machine.travel(start + timedelta(seconds=90), tick=False):
        client.get("/admin/password_change/")
    assert client.session.get("last_seen") == baseline + 90


def test_the_presence_ping_of_an_open_form_is_not_activity(staff, client_for):
    article = builders.make_draft(created_by=staff.reporter)
    client = client_for(staff.reporter)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(f"/admin/articles/article/{article.pk}/change/")
    for minutes in range(1, 31, 5):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            client.post(f"/admin/articles/article/{article.pk}/presence/")

    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert client.get("/admin/?all=1").status_code == 302


def test_an_editor_typing_a_long_story_stays_logged_in(staff, client_for):
    """Typing sends no request; the page's keepalive tells the server the editor is working."""
    client = client_for(staff.reporter)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        page = client.get("/admin/articles/article/add/").content.decode()
    assert "admin-extra/keepalive.js" in page and 'id="keepalive"' in page
    for minutes in (20, 40):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.post("/admin/keepalive/").status_code == 204

    with time_machine.travel(start + timedelta(minutes=65), tick=False):
        assert client.get("/admin/articles/article/add/").status_code == 200


def test_an_open_page_learns_at_once_that_its_session_has_ended(staff, client_for):
    client = client_for(staff.reporter)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/admin/articles/article/add/")
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert client.post("/admin/keepalive/").status_code == 401  # keepalive.js shows its warning
        assert client.get("/admin/?all=1").status_code == 302
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SESSION_EXPIRED, actor=staff.reporter).count() == 1


def test_a_session_that_ends_on_a_public_page_leaves_no_cookie_behind_but_the_cleared_one(staff, client_for):
    client = client_for(staff.reporter)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/admin/?all=1")
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get("/")
    assert response.status_code == 200
    assert "messages" not in response.cookies
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SESSION_EXPIRED).count() == 1


def test_the_idle_limit_comes_from_settings(staff, client_for, settings):
    settings.ADMIN_IDLE_MINUTES = 5
    client = client_for(staff.reporter)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/admin/?all=1")
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        assert client.get("/admin/?all=1").status_code == 302


def test_sessions_end_when_the_browser_closes(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.fixture
def public_urls(db, huzhou):
    from django.urls import reverse

    page = builders.make_page()
    tag_article = builders.make_article(unions=[huzhou], tags=["劳动保护"], pages=[page])
    event = builders.make_event(unions=[huzhou])
    tag = tag_article.tags.get()
    return [
        "/",
        tag_article.get_absolute_url(),
        "/articles/",
        "/unions/",
        huzhou.get_absolute_url(),
        reverse("tags:detail", args=[tag.slug]),
        reverse("tags:feed", args=[tag.slug]),
        "/events/",
        event.get_absolute_url(),
        "/search/?q=全委会",
        "/epaper/",
        page.get_absolute_url(),
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/sitemap-articles-2025-06.xml",
        "/sitemap-news.xml",
        "/robots.txt",
    ]


def test_anonymous_readers_get_no_cookie_on_any_public_page(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in str(response.serialize_headers()), url
        assert not response.cookies, url
