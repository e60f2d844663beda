"""When the database is down, hung or overloaded: a 503 with Retry-After, and recovery without a restart.

Django turns any uncaught exception into handler500. A database that cannot be
reached or did not answer in time is not a fault of the page: the reader gets
"稍后再试" with status 503 and Retry-After, which tells proxies and crawlers the
outage is temporary. Django reconnects on the next request by itself
(CONN_HEALTH_CHECKS), so nothing has to be restarted.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse

RETRY_AFTER_SECONDS = 30


def is_outage(exc):
    """True for an error of the database's operation: unreachable, disconnected, timed out, locked.

    OperationalError is the DB-API's class for these; SQLite also files schema
    mistakes under it ("no such table"), which are faults, not outages.
    """
    if isinstance(exc, InterfaceError):
        return True
    return isinstance(exc, OperationalError) and not str(exc).startswith("no such ")


def server_error(request):
    """handler500: 503 for a database outage, Django's plain 500 page for anything else.

    Neither page touches the database: both render without a request context.
    """
    if is_outage(sys.exc_info()[1]):
        page = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


def database_time_limits(get_response):
    """Give each request's database calls a time limit: short for readers, longer in the admin.

    Only the PostgreSQL backend (unionnews.db.postgresql) acts on it; see there.
    """
    admin_prefix = reverse("admin:index")

    def middleware(request):
        if request.path.startswith(admin_prefix):
            seconds = settings.DATABASE_ADMIN_TIMEOUT
        else:
            seconds = settings.DATABASE_READER_TIMEOUT
        limited = [conn for conn in connections.all() if hasattr(conn, "time_limit")]
        for conn in limited:
            conn.time_limit = seconds or None
        try:
            return get_response(request)
        finally:
            for conn in limited:
                conn.time_limit = None

    return middleware
