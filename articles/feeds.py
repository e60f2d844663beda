from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from articles import tagging
from articles.models import Article
from unionnews.text import xml_safe
from unions.models import Union

ITEMS = 30


class LatestArticlesFeed(Feed):
    title = f"{settings.SITE_NAME} · 最新稿件"
    link = reverse_lazy("articles:list")
    description = "工会新闻最新发布的稿件"
    language = "zh-cn"

    def get_feed(self, obj, request):
        """The feed with every string it carries made XML-safe (unionnews.text).

        Text is cleaned on save, but rows written before that, or with
        QuerySet.update(), may still hold control characters, and Django's feed
        writer refuses them with an exception: one such story, tag or union
        name would make the feed fail for every reader.
        """
        feed = super().get_feed(obj, request)
        feed.feed = _xml_safe_values(feed.feed)
        feed.items = [_xml_safe_values(item) for item in feed.items]
        return feed

    def items(self):
        return Article.objects.published().newest_first().for_listing().prefetch_related("corrections")[:ITEMS]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        corrections = [f"【更正 {timezone.localtime(c.at):%Y-%m-%d %H:%M}】{c.text}" for c in item.corrections.all()]
        return "\n".join([item.teaser(200), *corrections])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class UnionFeed(LatestArticlesFeed):
    """Stories about a union and every union below it."""

    def get_object(self, request, slug):
        return get_object_or_404(Union, slug=slug)

    def title(self, union):
        return f"{settings.SITE_NAME} · {union.name}"

    def link(self, union):
        return union.get_absolute_url()

    def description(self, union):
        return f"{union.name}及所属工会的最新稿件"

    def items(self, union):
        return Article.objects.published().listed_under(union).for_listing().prefetch_related("corrections")[:ITEMS]


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        # A tag only drafts carry is not public: its feed is a 404, like its page.
        return get_object_or_404(tagging.public_tags(), slug=slug)

    def title(self, tag):
        return f"{settings.SITE_NAME} · {tag.name}"

    def link(self, tag):
        return reverse("tags:detail", kwargs={"slug": tag.slug})

    def description(self, tag):
        return f"标签“{tag.name}”的最新稿件"

    def items(self, tag):
        return (
            Article.objects.published().tagged(tag).newest_first().for_listing().prefetch_related("corrections")[:ITEMS]
        )


def _xml_safe_values(fields):
    """A feed's or item's fields with their strings, and the strings in their lists (categories), XML-safe."""
    return {
        name: [xml_safe(entry) for entry in value] if isinstance(value, (list, tuple)) else xml_safe(value)
        for name, value in fields.items()
    }
