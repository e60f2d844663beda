from django.contrib.sitemaps import Sitemap

from articles.events.models import Event


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("-starts_at", "-pk")

    def lastmod(self, event):
        return event.updated_at
