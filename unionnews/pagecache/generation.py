"""The generation: one number for the state of everything readers can see.

Every page is stored under the generation read when its request began; a bump makes
every stored page unreachable at once, on every worker and host, without listing URLs.

- With a shared cache (REDIS_URL): a key in it, read with one GET per request, bumped
  with INCR. A missing key (Redis restarted or evicted it) starts again from the
  clock in microseconds, above any number used before, so old pages cannot come back.
- Without one: a small file of PAGE_CACHE_GENERATION_FILE, shared by the workers
  (and management commands) of one host. A bump appends a byte; the generation is the
  file's (modification time, size), so a stat() reads it in microseconds and a
  recreated file cannot repeat an old value.
"""

import fcntl
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

KEY = "pagecache:generation"


def shared_cache():
    """caches["default"] when every worker and host shares it (Redis), else None."""
    cache = caches["default"]
    return None if isinstance(cache, (LocMemCache, DummyCache)) else cache


def store():
    cache = shared_cache()
    return CacheGeneration(cache) if cache is not None else FileGeneration()


class CacheGeneration:
    def __init__(self, cache):
        self.cache = cache

    def read(self):
        value = self.cache.get(KEY)
        if value is None:
            self.cache.add(KEY, time.time_ns() // 1000, timeout=None)
            value = self.cache.get(KEY)
        return str(value)

    def bump(self):
        try:
            self.cache.incr(KEY)
        except ValueError:  # the key is gone: any fresh start is a new generation
            self.cache.add(KEY, time.time_ns() // 1000, timeout=None)

    def bump_from(self, generation):
        """Bump unless someone already bumped `generation` (many workers notice the same moment)."""
        if self.cache.add(f"pagecache:bumped:{generation}", 1, timeout=86400):
            self.bump()


class FileGeneration:
    @property
    def path(self):
        # Read each time, so a worker built once (the tests' live server) follows the setting.
        return Path(settings.PAGE_CACHE_GENERATION_FILE)

    def read(self):
        try:
            status = os.stat(settings.PAGE_CACHE_GENERATION_FILE)
        except FileNotFoundError:
            self.bump()
            status = os.stat(self.path)
        return f"{status.st_mtime_ns:x}.{status.st_size:x}"

    def bump(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, b".")
        finally:
            os.close(fd)

    def bump_from(self, generation):
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if self.read() == generation:
                os.write(fd, b".")
        finally:
            os.close(fd)  # releases the lock
