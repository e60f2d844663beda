"""Reading from a PostgreSQL replica: anonymous readers only, the primary for everyone else.

With DATABASE_REPLICA_URL set, settings.py adds a "replica" database and this router.
`choose_database` (middleware, just after AuthenticationMiddleware) marks a request as a
reader's: GET/HEAD outside /admin/, no session cookie, no pin cookie, nobody logged in.
Only such a request reads the replica, and only while the replica is up and no more
than REPLICA_MAX_LAG_SECONDS behind; otherwise it reads the primary, without an error.
Everything else reads the primary: editors, management commands, tests, reads inside a
transaction.atomic block, and the next REPLICA_PIN_SECONDS of a browser whose logged-in
request wrote (the pin cookie), so nobody misses their own save, even after logging out. Writes and migrations go to
the primary only.

The replica's state is asked at most every REPLICA_CHECK_SECONDS per process (`health`);
a replica that cannot be reached is left alone for REPLICA_RETRY_SECONDS.
README.md, "Read replica".
"""

import logging
import math
import threading
import time
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "read_primary"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass
class RequestState:
    reader: bool  # a reader's request: it may read the replica
    alias: str | None = None  # where its reads went, once the first read decided
    wrote: bool = False


_request = ContextVar("replica_request", default=None)


def configured():
    return REPLICA in connections.settings


# The replica's state.


def lag_seconds(connection):
    """How far the replica is behind the primary, in seconds; 0 when it is caught up.

    An idle primary writes nothing, so the time since the last replayed transaction
    grows without any lag: a replica that is streaming and has replayed all it
    received counts as caught up. Not in recovery: it is a primary (promoted, or a
    test's mirror). Raises DatabaseError when the replica cannot be reached.
    """
    connection.ensure_connection()
    if connection.vendor != "postgresql":
        return 0.0  # a development or test setup: no replication to measure
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_is_in_recovery(),"
            " EXISTS (SELECT 1 FROM pg_stat_wal_receiver)"
            " AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(),"
            " extract(epoch FROM now() - pg_last_xact_replay_timestamp())"
        )
        in_recovery, caught_up, since_replay = cursor.fetchone()
    if not in_recovery or caught_up:
        return 0.0
    return math.inf if since_replay is None else max(0.0, float(since_replay))


class Health:
    """This process's view of the replica, asked again when it is older than a few seconds."""

    def __init__(self):
        self.lock = threading.Lock()
        self.checked_at = -math.inf  # time.monotonic()
        self.state = "unknown"  # "ok", "lagging", "down"

    def usable(self):
        now = time.monotonic()
        wait = settings.REPLICA_CHECK_SECONDS if self.state != "down" else settings.REPLICA_RETRY_SECONDS
        with self.lock:
            due = now - self.checked_at >= wait
            if due:
                self.checked_at = now  # one thread asks; the others go on with the last answer
        if due:
            self.check()
        return self.state == "ok"

    def check(self):
        """Ask the replica now (on this thread's connection); returns the new state."""
        connection = connections[REPLICA]
        try:
            lag = lag_seconds(connection)
        except DatabaseError as exc:
            self._become("down", f"unreachable: {exc}".strip())
            with suppress(DatabaseError):
                connection.close()  # the next read or check connects afresh
        else:
            if lag > settings.REPLICA_MAX_LAG_SECONDS:
                self._become("lagging", f"{lag:.1f} s behind")
            else:
                self._become("ok", "")
        self.checked_at = time.monotonic()
        return self.state

    def _become(self, state, detail):
        if state != self.state:
            if state == "ok":
                logger.info("只读副本恢复使用")
            else:
                logger.warning("只读副本暂停使用，读者改读主库：%s", detail)
        self.state = state


health = Health()


# Routing.


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _request.get()
        if state is None or not state.reader or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if state.alias is None:
            # Decided once per request, so one page reads one database.
            state.alias = REPLICA if health.usable() else DEFAULT_DB_ALIAS
        return state.alias

    def db_for_write(self, model, **hints):
        state = _request.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def is_reader(request):
    """GET or HEAD of a public page by someone not logged in and not pinned to the primary.

    request.user is read only when there is no session cookie, so it costs no query.
    """
    return (
        request.method in SAFE_METHODS
        and not request.path.startswith("/admin/")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
        and not request.user.is_authenticated
    )


def has_account(request):
    """Logged in, or was when the request began (a logout). Only they are pinned after a write:
    what an anonymous visitor writes (a view counted by the story page's beacon) is nothing
    they look for, and a pin would take them off the replica and the page cache."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or request.user.is_authenticated


def choose_database(get_response):
    """Mark a reader's request for the replica; pin to the primary a logged-in browser whose request wrote.

    If the replica fails in the middle of a reader's page (the 503 of unionnews.outages),
    it is asked at once; if it is gone, the page is made again from the primary.
    """

    def middleware(request):
        if not configured():
            return get_response(request)
        state = RequestState(reader=is_reader(request))
        token = _request.set(state)
        try:
            response = get_response(request)
            if response.status_code == 503 and state.alias == REPLICA and health.check() != "ok":
                logger.warning("只读副本在请求中出错，改从主库重做：%s", request.path)
                state.alias = DEFAULT_DB_ALIAS
                response = get_response(request)
            if state.alias == REPLICA:
                shorten_page_cache(request, response)
        finally:
            _request.reset(token)
        if state.wrote and has_account(request):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    return middleware


def shorten_page_cache(request, response):
    """A page read from the replica just after a change may miss it: keep it only briefly.

    The page cache (unionnews.pagecache) sets request.page_cache_since to when the
    current generation began; a page rendered within REPLICA_MAX_LAG_SECONDS of that
    is kept only until the replica must have caught up.
    """
    since = getattr(request, "page_cache_since", None)
    if since is None:
        return
    young = settings.REPLICA_MAX_LAG_SECONDS - (time.time() - since)
    if young > 0:
        response.page_cache_seconds = min(getattr(response, "page_cache_seconds", math.inf), max(1, math.ceil(young)))
