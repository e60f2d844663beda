from django.db.models import Count, Max

from articles.campaigns.models import Campaign
from unionnews import sitemaps
from unionnews.sitemaps import Entry, ListSection


class CampaignSitemap(ListSection):
    """Published campaigns, oldest first; lastmod is the campaign's last save."""

    name = "topics"

    def summary(self):
        summary = Campaign.objects.published().aggregate(count=Count("pk"), lastmod=Max("updated_at"))
        return summary["count"], summary["lastmod"]

    def rows(self, window):
        template = sitemaps.path_format("campaigns:detail", slug="sitemapmarker")
        campaigns = Campaign.objects.published().order_by("pk").values_list("slug", "updated_at")[window]
        return [
            Entry(template.format(slug=sitemaps.quote_slug(slug)), sitemaps.w3c(updated_at))
            for slug, updated_at in campaigns
        ]
