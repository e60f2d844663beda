"""Where a view goes: a per-day Redis hash when the cache is Redis, else the database.

With Redis a view costs one HINCRBY; `manage.py flush_views` (cron, every few minutes)
moves the hashes into DailyViews. Without Redis (`make run` on SQLite) each view is an
F() upsert straight into DailyViews, and there is nothing to flush.
"""

import hashlib
import logging
import uuid
from datetime import date
from zoneinfo import ZoneInfo

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.readership.models import DailyViews

logger = logging.getLogger(__name__)

PENDING = "readership:views:"  # + ISO day: a hash {article id: views}
FLUSHING = "readership:flushing:"  # + ISO day + ":" + a random token, while it is written out
# A day's hash outlives its day by this much if no flush ever runs (cron missing): bounded memory.
PENDING_SECONDS = 8 * 24 * 3600
FLUSH_LOCK = "readership:flush-lock"
FLUSH_LOCK_SECONDS = 600


def cache():
    return caches[settings.READERSHIP_CACHE]


def redis_client():
    """The raw Redis client of the cache, or None when the cache is not Redis."""
    backend = cache()
    if not isinstance(backend, RedisCache):
        return None
    return backend._cache.get_client(write=True)


def today():
    return timezone.localdate(timezone.now(), ZoneInfo(settings.TIME_ZONE))


def first_time(client_address, user_agent, article_id):
    """True once per reader (address and browser) and story per READERSHIP_VISITOR_MINUTES.

    The cache key is a keyed hash: neither the address nor the browser is stored anywhere,
    and the key is gone when the window ends."""
    seen = hashlib.blake2b(
        f"{client_address}\n{user_agent}\n{article_id}".encode(),
        key=settings.SECRET_KEY.encode()[:64],
        digest_size=16,
    ).hexdigest()
    return cache().add(f"readership:seen:{seen}", 1, timeout=settings.READERSHIP_VISITOR_MINUTES * 60)


def record(article_id):
    """Count one view of the story today."""
    day = today()
    client = redis_client()
    if client is None:
        DailyViews.add(article_id, day)
        return
    key = cache().make_key(PENDING + day.isoformat())
    with client.pipeline() as pipe:
        pipe.hincrby(key, str(article_id), 1)
        pipe.expire(key, PENDING_SECONDS)
        pipe.execute()


def flush():
    """Move the views waiting in Redis into DailyViews; the number of views moved.

    Each day's hash is renamed first, so views counted meanwhile go to a fresh hash, and
    deleted only once its rows are committed: a flush that fails (database down) leaves
    the renamed hash, and the next flush writes it out."""
    client = redis_client()
    if client is None:
        return 0
    # One flush at a time: two would both write out the same renamed hash.
    if not cache().add(FLUSH_LOCK, 1, timeout=FLUSH_LOCK_SECONDS):
        logger.warning("阅读量：另一次写入尚未结束，本次跳过")
        return 0
    try:
        return _flush(client)
    finally:
        cache().delete(FLUSH_LOCK)


def _flush(client):
    for key in client.scan_iter(match=cache().make_key(PENDING + "*"), count=100):
        day = key.decode().rsplit(":", 1)[1]
        try:
            client.rename(key, cache().make_key(f"{FLUSHING}{day}:{uuid.uuid4().hex}"))
        except redis.ResponseError:
            continue  # gone meanwhile: it expired
    moved = 0
    for key in client.scan_iter(match=cache().make_key(FLUSHING + "*"), count=100):
        day = date.fromisoformat(key.decode().split(FLUSHING, 1)[1].split(":", 1)[0])
        counts = {int(story): int(views) for story, views in client.hgetall(key).items()}
        existing = set(Article.objects.filter(pk__in=counts).values_list("pk", flat=True))
        with transaction.atomic():
            for story, views in counts.items():
                if story in existing:  # a story deleted since it was read has no row to add to
                    DailyViews.add(story, day, views)
        client.delete(key)
        moved += sum(counts.values())
    return moved
