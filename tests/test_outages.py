"""A database that is down, hung or too slow: readers and editors get a 503 "稍后再试" quickly,
and the site recovers by itself."""

import socket
import time
from contextlib import contextmanager

import pytest
from django.db import OperationalError, close_old_connections, connection
from django.test import Client

from tests import builders
from tests.tcp_proxy import DatabaseProxy
from unionnews.db.deadlines import watchdog

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="outages of the production database (PostgreSQL) only"
)


class ServerClient(Client):
    """A client whose requests end as a real server's do.

    The test client skips the request_started/finished handlers that close a
    broken connection (they would close a test's transaction; these tests have
    none); a server runs them. A browser gets the error page rather than the
    view's exception.
    """

    def __init__(self):
        super().__init__(raise_request_exception=False)

    def request(self, **request):
        close_old_connections()
        try:
            return super().request(**request)
        finally:
            close_old_connections()


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


def assert_try_again_later(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "请稍后再试" in response.content.decode()


@contextmanager
def failing_queries(error):
    def fail(execute, sql, params, many, context):
        raise error

    with connection.execute_wrapper(fail):
        yield


def test_a_database_outage_is_a_503_with_retry_after(db, reader):
    with failing_queries(OperationalError("server closed the connection unexpectedly")):
        response = reader.get("/")
    assert_try_again_later(response)


def test_a_fault_in_the_code_stays_a_plain_500(db, reader):
    with failing_queries(ValueError("a bug")):
        response = reader.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_missing_table_is_a_fault_not_an_outage(db, reader):
    # SQLite files schema mistakes under OperationalError too.
    with failing_queries(OperationalError("no such table: articles_article")):
        response = reader.get("/")
    assert response.status_code == 500


def test_an_editor_saving_during_an_outage_is_told_to_try_again(db, staff):
    editor = Client(raise_request_exception=False)
    editor.force_login(staff.section_editor)
    with failing_queries(OperationalError("could not connect to server")):
        response = editor.get("/admin/articles/article/")
    assert_try_again_later(response)
    assert "后退" in response.content.decode()


@contextmanager
def through(proxy):
    """Point the default connection at `proxy` for the length of the block."""
    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=proxy.port)
    try:
        yield
    finally:
        proxy.restore()
        connection.close()
        connection.settings_dict.update(saved)
        proxy.close()


@pytest.fixture
def proxy(settings):
    # What an outage does to a page rendered for the request. (A page the readers' cache
    # holds is still served while the database is away: nothing can have changed it.)
    settings.PAGE_CACHE = False
    settings.DATABASE_CONNECT_TIMEOUT = 1
    settings.DATABASE_READER_TIMEOUT = 1
    settings.DATABASE_HANG_GRACE = 1
    connection.settings_dict["OPTIONS"]["connect_timeout"] = 1
    database = DatabaseProxy(connection.settings_dict["HOST"] or "127.0.0.1", connection.settings_dict["PORT"] or 5432)
    try:
        with through(database):
            yield database
    finally:
        connection.settings_dict["OPTIONS"]["connect_timeout"] = 5


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stopped_database_gives_503_and_the_site_recovers_without_restart(proxy):
    reader = ServerClient()
    story = builders.make_article(headline="停电前的稿件")
    assert reader.get(story.get_absolute_url()).status_code == 200

    proxy.go_down()
    assert_try_again_later(reader.get(story.get_absolute_url()))
    assert_try_again_later(reader.get("/"))

    proxy.restore()
    assert reader.get(story.get_absolute_url()).status_code == 200


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hung_database_gives_503_within_the_time_limit(proxy):
    reader = ServerClient()
    story = builders.make_article(headline="数据库停止响应")
    assert reader.get(story.get_absolute_url()).status_code == 200

    proxy.freeze()
    started = time.monotonic()
    assert_try_again_later(reader.get(story.get_absolute_url()))
    # At most the health check (1 s + 1 s grace) and a reconnection (psycopg waits at
    # least 2 s): seconds, not the 30 s after which gunicorn kills a worker.
    assert time.monotonic() - started < 5.5
    started = time.monotonic()
    assert_try_again_later(reader.get("/"))  # a new connection: the connect timeout
    assert time.monotonic() - started < 3.5

    proxy.restore()
    assert reader.get(story.get_absolute_url()).status_code == 200


def sleeping(seconds):
    """Make the next statement take `seconds` longer on the server."""
    slept = False

    def sleep(execute, sql, params, many, context):
        nonlocal slept
        if not slept:
            slept = True
            execute(f"SELECT pg_sleep({seconds})", None, False, context)
        return execute(sql, params, many, context)

    return connection.execute_wrapper(sleep)


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_slow_statement_is_ended_by_the_server_after_the_reader_limit(settings):
    settings.PAGE_CACHE = False  # a page rendered for this request, as in proxy()
    reader = ServerClient()
    settings.DATABASE_READER_TIMEOUT = 1
    started = time.monotonic()
    with sleeping(5):
        response = reader.get("/")
    assert_try_again_later(response)
    assert time.monotonic() - started < 2.5


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_admin_has_a_longer_limit_than_readers(settings, staff):
    settings.DATABASE_READER_TIMEOUT = 1
    settings.DATABASE_ADMIN_TIMEOUT = 3
    editor = Client(raise_request_exception=False)
    editor.force_login(staff.section_editor)
    with sleeping(1.5):
        response = editor.get("/admin/articles/article/", {"q": "任何"})
    assert response.status_code == 200


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_work_outside_a_request_has_no_time_limit(settings):
    reader = ServerClient()
    settings.DATABASE_READER_TIMEOUT = 1
    reader.get("/")  # a request sets and then lifts its limit
    with sleeping(1.5), connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # a management command's long statement is not cut short


def test_a_call_past_its_deadline_has_its_connection_shut_down():
    """What the backend relies on when a server stops answering mid-statement."""
    ours, server = socket.socketpair()
    with ours, server:
        started = time.monotonic()
        with watchdog.guard(ours.fileno(), 0.3):
            answer = ours.recv(1)  # the server never answers
        assert answer == b""
        assert 0.3 <= time.monotonic() - started < 2


def test_a_call_that_returns_in_time_is_left_alone():
    ours, server = socket.socketpair()
    with ours, server:
        with watchdog.guard(ours.fileno(), 0.2):
            server.sendall(b"R")
            assert ours.recv(1) == b"R"
        time.sleep(0.4)
        server.sendall(b"!")
        assert ours.recv(1) == b"!"  # still connected after the deadline passed


@pytest.fixture
def redis_down(settings):
    """Nothing listens on port 1: every cache call would fail to connect.

    (Django's test signals drop the cache objects made from the old setting.)"""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }


def test_readers_and_logins_keep_working_while_redis_is_down(redis_down, huzhou, reader):
    story = builders.make_article(headline="缓存停了照样看", unions=[huzhou])
    assert reader.get("/").status_code == 200
    assert reader.get(story.get_absolute_url()).status_code == 200
    assert reader.get(huzhou.get_absolute_url()).status_code == 200

    builders.make_editor()
    response = reader.post("/admin/login/?next=/admin/", {"username": "bianji", "password": builders.PASSWORD})
    assert response.status_code == 302
    assert reader.get("/admin/articles/article/").status_code == 200
