"""A client-side deadline for database calls, for when the server stops answering.

PostgreSQL's own statement_timeout ends a slow query, but a server that hangs
(stopped, swapped out, a dead network path) answers nothing: the kernel still
acknowledges the bytes, so the worker waits for a reply that never comes until
the process manager kills it. A call made under `guard(fd, seconds)` that has
not returned by then has its socket shut down; the driver then raises at once
("server closed the connection"), the request gets its 503 and the worker lives.

One watchdog thread per process keeps the deadlines; a call costs a lock and a
dictionary entry, and the thread wakes about once per deadline, not per call.
"""

import os
import socket
import threading
import time
from contextlib import contextmanager


class Watchdog:
    def __init__(self):
        self._cond = threading.Condition()
        self._due = {}  # token -> (monotonic deadline, socket fd)
        self._wakes_at = None  # when the thread will next look, None if idle
        self._pid = None
        self.fired = 0

    @contextmanager
    def guard(self, fd, seconds):
        token = object()
        deadline = time.monotonic() + seconds
        with self._cond:
            self._start_in_this_process()
            self._due[token] = (deadline, fd)
            if self._wakes_at is None or deadline < self._wakes_at:
                self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                self._due.pop(token, None)

    def _start_in_this_process(self):
        # A forked worker (gunicorn) has the parent's lock state but not its thread.
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._wakes_at = None
            threading.Thread(target=self._watch, name="db-deadlines", daemon=True).start()

    def _watch(self):
        with self._cond:
            while True:
                now = time.monotonic()
                for token, (deadline, fd) in list(self._due.items()):
                    if deadline <= now:
                        del self._due[token]
                        self.fired += 1
                        _shut_down(fd)
                self._wakes_at = min((deadline for deadline, _ in self._due.values()), default=None)
                self._cond.wait(None if self._wakes_at is None else self._wakes_at - now)


def _shut_down(fd):
    """End the connection on `fd` for both sides: a blocked read returns at once."""
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return  # already closed
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()


watchdog = Watchdog()
