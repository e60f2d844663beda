from django.conf import settings
from django.shortcuts import get_object_or_404

from articles.campaigns.models import Campaign
from articles.feeds import LatestArticlesFeed, StoryAtom
from unionnews.siteurl import absolute


class CampaignFeed(LatestArticlesFeed):
    """A published campaign's stories, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Campaign.objects.published().for_rules(), slug=slug)

    def title(self, campaign):
        return f"{settings.SITE_NAME} · 专题：{campaign.title}"

    def link(self, campaign):
        return absolute(self.base, campaign.get_absolute_url())

    def description(self, campaign):
        return f"专题“{campaign.title}”的最新稿件"

    def stories(self, campaign):
        return campaign.published_stories()


class CampaignAtomFeed(CampaignFeed):
    feed_type = StoryAtom

    def subtitle(self, campaign):
        return self.description(campaign)
