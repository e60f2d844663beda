"""When readers' pages change by themselves, with nothing saved: the next such moment.

Pages stored under a generation are good until then; the first request after it bumps
the generation (unionnews.pagecache.middleware). A few indexed MIN queries, run once per
generation, never per request. Whatever reads the clock to decide what readers see
must be answered here:

- Article.objects.published(): a signed-off story appears at its published_at.
- Event.objects.upcoming()/past() and Event.is_over: an event moves to the past just
  after it ends (ends_at, or starts_at when it has no end).
- PrintPage.objects.issued(): a print page appears on its edition date (local midnight).
"""

import logging
import math
import time as clock_time
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import connections
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.events.models import Event
from articles.models import Article, PrintPage
from unionnews.pagecache import generation

logger = logging.getLogger(__name__)

AFTER = timedelta(microseconds=1)
# This process's answers: generation → (asked at, next change), both Unix times.
_known = {}


def known(current):
    """(asked at, next change) for the generation `current`, or None if the database cannot say.

    From this process's memo, the shared cache, or the database. It is asked before
    anything is rendered under the generation here, so it covers every page rendered
    since `asked at`; a page rendered before that is not trusted. A worker that bumps
    asks at once (learn), so the others usually find the answer waiting.
    """
    answer = _known.get(current)
    if answer is None:
        shared = generation.shared_cache()
        answer = shared.get(_key(current)) if shared is not None else None
        answer = learn(current) if answer is None else _remember(current, answer)
    return answer


def learn(current):
    """Ask the database for the next change under the generation `current`, and tell the other workers."""
    asked = clock_time.time()
    limited = [conn for conn in connections.all() if hasattr(conn, "time_limit")]
    saved = [conn.time_limit for conn in limited]
    for conn in limited:
        conn.time_limit = settings.DATABASE_READER_TIMEOUT or None
    try:
        answer = (asked, next_change())
    except Exception:
        logger.exception("页面缓存：无法查询下一次定时变化")
        return None
    finally:
        for conn, seconds in zip(limited, saved):
            conn.time_limit = seconds
    shared = generation.shared_cache()
    if shared is not None and not shared.add(_key(current), answer, timeout=2 * settings.PAGE_CACHE_SECONDS):
        answer = shared.get(_key(current)) or answer  # another worker asked first: the earlier answer holds
    return _remember(current, answer)


def _key(current):
    return f"pagecache:next:{current}"


def _remember(current, answer):
    if len(_known) > 64:
        _known.clear()
    _known[current] = answer = tuple(answer)
    return answer


def next_change():
    """The next moment (a Unix timestamp) a public page changes by the clock alone, or math.inf."""
    moments = []
    story = Article.objects.scheduled().aggregate(at=Min("published_at"))["at"]
    if story is not None:
        moments.append(story)
    event_end = Event.objects.published().upcoming().aggregate(at=Min(Coalesce("ends_at", "starts_at")))["at"]
    if event_end is not None:
        moments.append(event_end + AFTER)
    # The opposite of PrintPage.objects.issued(): editions still to come.
    edition = PrintPage.objects.filter(edition_date__gt=timezone.localdate()).aggregate(on=Min("edition_date"))["on"]
    if edition is not None:
        moments.append(timezone.make_aware(datetime.combine(edition, time.min)))
    return min(moment.timestamp() for moment in moments) if moments else math.inf
