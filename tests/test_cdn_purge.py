"""The CDN purge hook: a story going live, edited live or withdrawn tells CDN_PURGE_URL which
pages to drop, after the commit, in the background, tried again when the CDN fails."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.models import Article
from tests.admin import postdata
from tests.builders import make_article, status_of, transition_url
from unionnews.pagecache import cdn

Status = Article.Status


class PurgeServer:
    """A CDN's purge endpoint on a free local port: records every request, fails the first `failures`."""

    def __init__(self, failures=0):
        self.failures = failures
        self.requests = []
        self.arrived = threading.Condition()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with server.arrived:
                    server.requests.append({"headers": dict(self.headers), "body": json.loads(body)})
                    failing = len(server.requests) <= server.failures
                    server.arrived.notify_all()
                self.send_response(503 if failing else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/purge"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def wait_for(self, count, timeout=10):
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.requests) >= count, timeout=timeout)
        return self.requests

    def urls(self, index=0):
        return self.wait_for(index + 1)[index]["body"]["urls"]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def cdn_server(settings):
    server = PurgeServer()
    settings.CDN_PURGE_URL = server.url
    settings.CDN_PURGE_BACKOFF = 0
    yield server
    server.close()


@pytest.fixture
def purges(monkeypatch):
    """The background threads the purges were sent from, to wait for."""
    threads = []
    start = cdn.purge_in_background

    def recorded(urls):
        threads.append(start(urls))
        return threads[-1]

    monkeypatch.setattr(cdn, "purge_in_background", recorded)
    return threads


@pytest.fixture
def signed_off_soon(huzhou):
    story = make_article(
        headline="湖州市总工会开展送清凉", status=Status.FINAL_REVIEW, published_at=None, unions=[huzhou]
    )
    story.tags.add("劳动保护")
    return story


def approve(client, story):
    return client.post(transition_url(story, "approve"), {"comment": "同意"})


def test_publishing_a_story_purges_its_page_and_the_pages_that_list_it(
    cdn_server, signed_off_soon, staff, client_for, client, settings, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_TOKEN = "s3cret"
    story = signed_off_soon

    with django_capture_on_commit_callbacks(execute=True):
        response = approve(client_for(staff.chief), story)

    assert response.status_code == 302 and status_of(story) == Status.PUBLISHED
    urls = cdn_server.urls()
    # The page a reader opens is among them, as are the home page, the unions' and the tag's.
    assert client.get(story.get_absolute_url()).status_code == 200
    assert story.get_absolute_url() in urls
    assert {"/", "/feed/", "/articles/", "/unions/huzhou/", "/unions/huzhou/feed/", quote("/tags/劳动保护/")} <= set(
        urls
    )
    assert cdn_server.requests[0]["headers"]["Authorization"] == "Bearer s3cret"
    assert cdn_server.requests[0]["headers"]["Content-Type"] == "application/json"


def test_the_purge_lists_the_union_above_a_county_and_starts_with_site_url(
    cdn_server, settings, staff, client_for, huzhou, nanxun, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://news.example.org"
    story = make_article(status=Status.FINAL_REVIEW, published_at=None, unions=[nanxun])

    with django_capture_on_commit_callbacks(execute=True):
        approve(client_for(staff.chief), story)

    urls = cdn_server.urls()
    assert "https://news.example.org/unions/nanxun/" in urls
    assert "https://news.example.org/unions/huzhou/" in urls  # 湖州's page lists its counties' news
    assert "Authorization" not in cdn_server.requests[0]["headers"]


def test_withdrawing_a_live_story_purges_its_page(
    cdn_server, staff, client_for, huzhou, django_capture_on_commit_callbacks
):
    story = make_article(headline="要撤下的稿件", unions=[huzhou])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff.chief).post(transition_url(story, "withdraw"), {"comment": "数据有误"})

    assert response.status_code == 302 and status_of(story) == Status.WITHDRAWN
    assert story.get_absolute_url() in cdn_server.urls()


def test_editing_a_live_story_purges_its_page(
    cdn_server, staff, client_for, huzhou, django_capture_on_commit_callbacks
):
    story = make_article(headline="原标题", unions=[huzhou])
    data = postdata.article(headline="新标题", loaded_version=story.version)
    link = story.article_unions.get()
    data.update(
        postdata.inline(
            "article_unions", {"id": link.pk, "article": story.pk, "union": huzhou.pk, "role": "subject"}, initial=1
        )
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff.chief).post(reverse("admin:articles_article_change", args=[story.pk]), data)

    assert response.status_code == 302
    assert story.get_absolute_url() in cdn_server.urls()
    assert len(cdn_server.requests) == 1  # one purge per save


def test_a_failing_cdn_is_tried_again_while_the_editor_gets_the_answer_at_once(
    cdn_server, settings, signed_off_soon, staff, client_for, purges, django_capture_on_commit_callbacks
):
    cdn_server.failures = 2
    settings.CDN_PURGE_BACKOFF = 1  # waits 1 s, then 2 s
    chief = client_for(staff.chief)

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = approve(chief, signed_off_soon)
    answered = time.monotonic() - started

    assert response.status_code == 302 and status_of(signed_off_soon) == Status.PUBLISHED
    assert answered < 1.5
    purges[0].join(timeout=10)
    assert len(cdn_server.requests) == 3
    assert cdn_server.requests[2]["body"] == cdn_server.requests[0]["body"]


def test_a_purge_that_never_gets_through_is_logged(
    cdn_server, settings, signed_off_soon, staff, client_for, purges, caplog, django_capture_on_commit_callbacks
):
    cdn_server.failures = 99

    with caplog.at_level(logging.ERROR, logger="unionnews.pagecache.cdn"):
        with django_capture_on_commit_callbacks(execute=True):
            response = approve(client_for(staff.chief), signed_off_soon)
        purges[0].join(timeout=10)

    assert response.status_code == 302
    assert len(cdn_server.requests) == settings.CDN_PURGE_TRIES == 3
    assert "CDN 刷新失败（已试 3 次）" in caplog.text


def test_a_cdn_nobody_answers_at_leaves_the_editor_unharmed(
    settings, signed_off_soon, staff, client_for, purges, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_URL = "http://127.0.0.1:9/purge"  # the discard port: nothing listens
    settings.CDN_PURGE_BACKOFF = 0

    with django_capture_on_commit_callbacks(execute=True):
        response = approve(client_for(staff.chief), signed_off_soon)

    assert response.status_code == 302 and status_of(signed_off_soon) == Status.PUBLISHED
    purges[0].join(timeout=10)
    assert not purges[0].is_alive()


def test_a_purge_that_cannot_be_worked_out_leaves_the_editors_save_alone(
    cdn_server, signed_off_soon, staff, client_for, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(article):
        raise ValueError("a tag whose address cannot be built")

    monkeypatch.setattr(cdn, "story_urls", broken)

    with django_capture_on_commit_callbacks(execute=True):
        response = approve(client_for(staff.chief), signed_off_soon)

    assert response.status_code == 302 and status_of(signed_off_soon) == Status.PUBLISHED
    assert "CDN 刷新：无法列出稿件" in caplog.text
    assert cdn_server.requests == []


def test_without_cdn_purge_url_nothing_is_sent(
    cdn_server, settings, signed_off_soon, staff, client_for, purges, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_URL = ""

    with django_capture_on_commit_callbacks(execute=True):
        response = approve(client_for(staff.chief), signed_off_soon)

    assert response.status_code == 302 and status_of(signed_off_soon) == Status.PUBLISHED
    assert purges == []
    assert cdn_server.requests == []


def test_a_story_readers_never_saw_purges_nothing(
    cdn_server, staff, client_for, huzhou, purges, django_capture_on_commit_callbacks
):
    draft = make_article(status=Status.DRAFT, published_at=None, unions=[huzhou], created_by=staff.correspondent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff.correspondent).post(transition_url(draft, "submit"), {"comment": ""})

    assert response.status_code == 302 and status_of(draft) == Status.FIRST_REVIEW
    assert purges == []


def test_nothing_is_purged_before_the_commit(cdn_server, signed_off_soon, staff, client_for, purges):
    # The test's own transaction never commits: the purge waits for a commit that does not come.
    approve(client_for(staff.chief), signed_off_soon)

    assert status_of(signed_off_soon) == Status.PUBLISHED
    assert purges == []
