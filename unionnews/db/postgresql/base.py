"""PostgreSQL with time limits on every call a web request makes.

`unionnews.outages.database_time_limits` sets `time_limit` (seconds) on the
connection for the length of a request: shorter for readers, longer under
/admin/. Management commands set none, so long jobs (migrations, bulk imports)
are not cut short. With a limit set:

- the server ends any statement after `time_limit` (statement_timeout), and
- the client gives up `DATABASE_HANG_GRACE` seconds later if the server has not
  answered at all (see unionnews.db.deadlines), so a hung server costs a
  request seconds, not a worker.

The SET that carries the limit to the server goes through the driver directly:
it is session state, not one of the page's queries, and is sent only when the
limit changes.
"""

from contextlib import nullcontext

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base

from unionnews.db.deadlines import watchdog

UNKNOWN = object()  # after a rollback, which may have taken back a SET


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_limit = None
        self._server_limit = UNKNOWN  # the session's statement_timeout in seconds, 0 for none
        self.execute_wrappers.append(self._within_time_limit)

    def _deadline(self, seconds=None):
        seconds = self.time_limit if seconds is None else seconds
        if seconds is None or self.connection is None or self.connection.closed:
            return nullcontext()
        return watchdog.guard(self.connection.fileno(), seconds + settings.DATABASE_HANG_GRACE)

    def _within_time_limit(self, execute, sql, params, many, context):
        if self._server_limit != (self.time_limit or 0):
            self._set_server_limit(self.time_limit or 0)
        with self._deadline():
            return execute(sql, params, many, context)

    def _set_server_limit(self, seconds):
        if self.connection.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
            return  # the statement will fail anyway; SET would too
        with self.wrap_database_errors, self._deadline():
            self.connection.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        self._server_limit = seconds

    def get_new_connection(self, conn_params):
        self._server_limit = 0
        return super().get_new_connection(conn_params)

    def init_connection_state(self):
        with self._deadline(settings.DATABASE_CONNECT_TIMEOUT):
            super().init_connection_state()

    def is_usable(self):
        with self._deadline(settings.DATABASE_CONNECT_TIMEOUT):
            return super().is_usable()

    def _commit(self):
        with self._deadline():
            return super()._commit()

    def _rollback(self):
        # A rolled-back transaction takes back a SET made inside it.
        self._server_limit = UNKNOWN
        with self._deadline():
            return super()._rollback()

    def _savepoint_rollback(self, sid):
        self._server_limit = UNKNOWN
        return super()._savepoint_rollback(sid)
