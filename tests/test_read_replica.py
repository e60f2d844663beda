"""The read replica: readers read it, editors and the browser after a write read the primary,
and a replica that lags or is down is skipped without the reader noticing.

The "replica" here is a second connection to the test database (what Django's TEST
{"MIRROR": "default"} makes), so which connection served a page is what is checked.
Streaming replication itself is tested by the cluster test (`make cluster`).
"""

import logging
import math
import socket
import time
from types import SimpleNamespace

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.readership.models import DailyViews
from tests.builders import NOON, make_article, transition_url
from unionnews.db import replica
from unionnews.db.replica import PIN_COOKIE, REPLICA, ReplicaRouter, RequestState

# Committed data, so that the second connection sees it; the migrations' unions and roles come back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=[DEFAULT_DB_ALIAS, REPLICA])


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """The "replica" alias exists before each test's database setup, which checks the aliases it may use."""
    add_replica()
    yield
    del connections.settings[REPLICA]


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def add_replica(**changes):
    default = connections[DEFAULT_DB_ALIAS].settings_dict
    connections.settings[REPLICA] = {**default, **changes, "TEST": {**default["TEST"], "MIRROR": DEFAULT_DB_ALIAS}}


def unreachable():
    """Settings for a replica nobody answers at: a closed port, or a SQLite file in no folder."""
    if connections[DEFAULT_DB_ALIAS].vendor == "sqlite":
        return {"NAME": "/nonexistent-unionnews-replica/db.sqlite3"}
    return {"PORT": closed_port(), "HOST": "127.0.0.1"}


@pytest.fixture
def with_replica(db, settings, monkeypatch):
    """The router, as DATABASE_REPLICA_URL sets it up, and a fresh Health. with_replica(PORT=…)
    points the replica elsewhere."""
    settings.DATABASE_ROUTERS = ["unionnews.db.replica.ReplicaRouter"]
    settings.PAGE_CACHE = False  # every request renders, so every request reads a database
    settings.REPLICA_CHECK_SECONDS = 0  # asked on every request, so a test can change it
    monkeypatch.setattr(replica, "health", replica.Health())

    def configure(**changes):
        connections[REPLICA].close()
        delattr(connections._connections, REPLICA)
        add_replica(**changes)
        return connections[REPLICA]

    yield configure
    configure()


@pytest.fixture
def story(huzhou):
    return make_article(headline="湖州市总工会开展送清凉", unions=[huzhou], published_at=NOON)


class Served:
    """Which connection answered queries about stories during a block."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]).__enter__()
        self.replica = CaptureQueriesContext(connections[REPLICA]).__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    @staticmethod
    def _reads_stories(captured):
        return any('"articles_article"' in query["sql"] for query in captured.captured_queries)

    @property
    def by(self):
        on_primary, on_replica = self._reads_stories(self.primary), self._reads_stories(self.replica)
        assert on_primary != on_replica, "the page read stories from both databases, or from neither"
        return REPLICA if on_replica else DEFAULT_DB_ALIAS


def test_an_anonymous_readers_story_page_is_read_from_the_replica(with_replica, story, client):
    with Served() as served:
        response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "湖州市总工会开展送清凉" in response.content.decode()
    assert served.by == REPLICA
    assert PIN_COOKIE not in response.cookies  # the page stays cacheable


def test_a_logged_in_editor_reads_the_primary_while_a_reader_reads_the_replica(
    with_replica, story, editor_client, huzhou
):
    reader = Client()
    with Served() as editors:
        assert editor_client.get(story.get_absolute_url()).status_code == 200
    with Served() as readers:
        assert reader.get(story.get_absolute_url()).status_code == 200

    assert editors.by == DEFAULT_DB_ALIAS
    assert readers.by == REPLICA


def test_the_browser_that_published_reads_the_primary_for_the_pin_time(with_replica, staff, client_for, settings):
    story = make_article(headline="嘉兴职工技能大赛开幕", status=Article.Status.FINAL_REVIEW, published_at=None)
    chief = client_for(staff.chief)

    response = chief.post(transition_url(story, "approve"), {"comment": "同意"})

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_published
    pin = response.cookies[PIN_COOKIE]
    assert pin["max-age"] == settings.REPLICA_PIN_SECONDS == 15
    assert pin["httponly"]
    # Logged out (no session cookie), the same browser still carries the pin: its next
    # page is read from the primary, while another reader's comes from the replica.
    same_browser, other_reader = Client(), Client()
    same_browser.cookies[PIN_COOKIE] = pin.value
    with Served() as pinned:
        assert same_browser.get(story.get_absolute_url()).status_code == 200
    with Served() as unpinned:
        assert other_reader.get(story.get_absolute_url()).status_code == 200
    assert pinned.by == DEFAULT_DB_ALIAS
    assert unpinned.by == REPLICA


def test_a_pinned_browser_is_not_answered_from_the_page_cache(with_replica, story, settings):
    settings.PAGE_CACHE = True
    browser = Client()
    browser.get(story.get_absolute_url())  # stored: a page the replica may have rendered before a save
    browser.cookies[PIN_COOKIE] = "1"  # …which this browser then made

    with Served() as served:
        response = browser.get(story.get_absolute_url())

    assert response.status_code == 200
    assert served.by == DEFAULT_DB_ALIAS  # made afresh, from the primary


def test_a_view_counted_for_an_anonymous_reader_pins_nobody(with_replica, story, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }  # counted in the database
    reader = Client()
    headers = {"HTTP_ORIGIN": "http://testserver", "HTTP_USER_AGENT": "Mozilla/5.0 (iPhone) MicroMessenger/8.0"}

    response = reader.post(reverse("readership:count"), {"story": story.pk}, **headers)

    assert response.status_code == 204
    assert DailyViews.objects.get(article=story).views == 1
    assert PIN_COOKIE not in response.cookies  # their next page still comes from the replica (and the page cache)


def test_a_request_that_only_reads_pins_nobody(with_replica, story, editor_client):
    assert PIN_COOKIE not in editor_client.get("/admin/").cookies
    assert PIN_COOKIE not in Client().get(story.get_absolute_url()).cookies


def test_a_replica_lagging_beyond_the_bound_is_skipped_until_it_catches_up(with_replica, story, client, monkeypatch):
    lag = SimpleNamespace(seconds=30.0)
    monkeypatch.setattr(replica, "lag_seconds", lambda connection: lag.seconds)

    with Served() as behind:
        response = client.get(story.get_absolute_url())
    lag.seconds = 4.0
    with Served() as caught_up:
        client.get(story.get_absolute_url())

    assert response.status_code == 200 and "湖州市总工会开展送清凉" in response.content.decode()
    assert behind.by == DEFAULT_DB_ALIAS
    assert caught_up.by == REPLICA


def test_a_replica_that_is_down_is_skipped_and_the_reader_gets_the_page(with_replica, story, client, caplog):
    with_replica(**unreachable())

    with caplog.at_level(logging.WARNING, logger="unionnews.db.replica"):
        response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "湖州市总工会开展送清凉" in response.content.decode()
    assert replica.health.state == "down"
    assert "只读副本暂停使用" in caplog.text


def test_healthz_passes_with_the_replica_down_and_says_so(with_replica, story, client, django_assert_num_queries):
    with_replica(**unreachable())
    client.get(story.get_absolute_url())

    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200 and response.content == b"ok"
    assert response["X-Read-Replica"] == "down"


def test_a_replica_that_is_down_is_asked_again_only_after_the_retry_time(with_replica, story, client, settings):
    settings.REPLICA_RETRY_SECONDS = 60
    with_replica(**unreachable())
    client.get(story.get_absolute_url())
    asked = replica.health.checked_at

    with_replica()  # back up, but nobody asks before a minute has passed
    with Served() as served:
        assert client.get(story.get_absolute_url()).status_code == 200

    assert replica.health.checked_at == asked
    assert served.by == DEFAULT_DB_ALIAS


def test_a_replica_failing_in_the_middle_of_a_page_is_left_and_the_page_made_from_the_primary(
    with_replica, story, settings
):
    settings.REPLICA_CHECK_SECONDS = 3600
    replica.health.check()  # up a moment ago…
    assert replica.health.state == "ok"
    with_replica(**unreachable())  # …and gone now
    reader = Client(raise_request_exception=False)  # as a browser: the error page, not the exception

    response = reader.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "湖州市总工会开展送清凉" in response.content.decode()
    assert replica.health.state == "down"


def test_reads_in_a_transaction_on_the_primary_and_outside_requests_use_the_primary(with_replica, story):
    router = ReplicaRouter()
    assert router.db_for_read(Article) == DEFAULT_DB_ALIAS  # a command, a test, a thread of its own
    token = replica._request.set(RequestState(reader=True))
    try:
        with transaction.atomic():
            assert Article.objects.get(pk=story.pk)._state.db == DEFAULT_DB_ALIAS
        assert Article.objects.get(pk=story.pk)._state.db == REPLICA
        assert router.db_for_write(Article) == DEFAULT_DB_ALIAS
    finally:
        replica._request.reset(token)


def test_migrations_run_on_the_primary_only(with_replica):
    router = ReplicaRouter()
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "articles")
    assert not router.allow_migrate(REPLICA, "articles")


class FakeReplica:
    vendor = "postgresql"

    def __init__(self, row):
        self.row = row

    def ensure_connection(self):
        pass

    def cursor(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql):
        self.sql = sql

    def fetchone(self):
        return self.row


@pytest.mark.parametrize(
    ("in_recovery", "caught_up", "since_replay", "lag"),
    [
        (True, False, 12.5, 12.5),  # behind: the time since the last replayed transaction
        (True, True, 3600.0, 0.0),  # an idle primary: nothing to replay for an hour, no lag
        (True, False, None, math.inf),  # has replayed nothing yet
        (False, None, None, 0.0),  # promoted: it is a primary
    ],
)
def test_the_lag_counts_only_what_the_replica_has_not_replayed(in_recovery, caught_up, since_replay, lag):
    assert replica.lag_seconds(FakeReplica((in_recovery, caught_up, since_replay))) == lag


def test_the_lag_query_runs_on_postgresql(with_replica):
    if connections[REPLICA].vendor != "postgresql":
        pytest.skip("the lag query is PostgreSQL's; SQLite has no replicas")
    assert replica.lag_seconds(connections[REPLICA]) == 0.0  # the test database is a primary


def test_a_page_read_from_the_replica_just_after_a_change_is_cached_only_until_it_must_have_caught_up(settings):
    settings.REPLICA_MAX_LAG_SECONDS = 5
    fresh, settled = SimpleNamespace(), SimpleNamespace()

    replica.shorten_page_cache(SimpleNamespace(page_cache_since=time.time() - 1), fresh)
    replica.shorten_page_cache(SimpleNamespace(page_cache_since=time.time() - 60), settled)

    assert fresh.page_cache_seconds <= 4
    assert not hasattr(settled, "page_cache_seconds")


def test_without_a_replica_a_write_pins_nobody(staff, client_for, monkeypatch):
    monkeypatch.delitem(connections.settings, REPLICA)
    story = make_article(status=Article.Status.FINAL_REVIEW, published_at=None)

    response = client_for(staff.chief).post(transition_url(story, "approve"), {"comment": "同意"})

    assert response.status_code == 302
    assert PIN_COOKIE not in response.cookies
