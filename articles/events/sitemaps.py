from django.db.models import Count, Max

from articles.events.models import Event
from unionnews import sitemaps
from unionnews.sitemaps import Entry, ListSection


class EventSitemap(ListSection):
    """Published events, oldest first; lastmod is the event's last save (events have no review flow)."""

    name = "events"

    def summary(self):
        summary = Event.objects.published().aggregate(count=Count("pk"), lastmod=Max("updated_at"))
        return summary["count"], summary["lastmod"]

    def rows(self, window):
        template = sitemaps.path_format("events:detail", slug="sitemapmarker")
        events = Event.objects.published().order_by("pk").values_list("slug", "updated_at")[window]
        return [
            Entry(template.format(slug=sitemaps.quote_slug(slug)), sitemaps.w3c(updated_at))
            for slug, updated_at in events
        ]
