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

import math
from datetime import datetime, time, timedelta

from django.db.models import Min
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.events.models import Event
from articles.models import Article, PrintPage

AFTER = timedelta(microseconds=1)


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
