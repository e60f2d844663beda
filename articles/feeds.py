"""The RSS and Atom feeds: the site's, each union's and each tag's.

An item carries the story's summary, its authors (credits), its lead photo as Media RSS
(media:content) and, for the newest FULL_CONTENT items, the whole story as the site
shows it (content:encoded in RSS, <content> in Atom). Every URL in a feed is absolute
by the site's one rule (unionnews.siteurl).
"""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles import tagging
from articles.models import Article, Correction, Credit, Photo, Segment
from unionnews.siteurl import absolute, site_url
from unionnews.text import xml_safe
from unions.models import Union

ITEMS = 30
FULL_CONTENT = 20  # the newest items carry the whole story; older ones only their summary
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def add_media(handler, item):
    """<media:content> for the item's photo, {"url", "width", "height"} in item["photo"]."""
    photo = item.get("photo")
    if photo:
        attributes = {"url": photo["url"], "medium": "image", "type": "image/jpeg"}
        if photo["width"] and photo["height"]:
            attributes.update(width=str(photo["width"]), height=str(photo["height"]))
        handler.addQuickElement("media:content", None, attributes)


class StoryRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        add_media(handler, item)


class StoryAtom(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        add_media(handler, item)


class LatestArticlesFeed(Feed):
    feed_type = StoryRss
    title = f"{settings.SITE_NAME} · 最新稿件"
    description = "工会新闻最新发布的稿件"
    language = "zh-cn"

    def __call__(self, request, *args, **kwargs):
        # The URLconf holds one instance for all requests: what a request decides goes on a copy.
        feed = copy.copy(self)
        feed.base = site_url(request)
        feed.path = request.path
        return super(LatestArticlesFeed, feed).__call__(request, *args, **kwargs)

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

    def link(self):
        return absolute(self.base, reverse("articles:list"))

    def feed_url(self):
        return absolute(self.base, self.path)

    def stories(self, obj):
        """The feed's stories, newest first (a QuerySet, not yet sliced)."""
        return Article.objects.published().newest_first()

    def items(self, obj):
        """The newest ITEMS stories with what their items show.

        Four queries for stories with no corrections or roundup segments: a relation is
        read only when a story has rows in it (flags, as on the article page). The
        newest FULL_CONTENT are marked `in_full`; only their segments are read.
        """
        stories = list(
            self.stories(obj)
            .annotate(
                has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))),
                has_segments=Exists(Segment.objects.filter(article=OuterRef("pk"))),
            )
            .prefetch_related(
                "tags",
                Prefetch("photos", queryset=Photo.objects.order_by("position", "pk")),
                Prefetch("credits", queryset=Credit.objects.select_related("contributor").order_by("position", "pk")),
            )[:ITEMS]
        )
        for index, story in enumerate(stories):
            story.in_full = index < FULL_CONTENT
        corrections = Correction.objects.order_by("at", "pk")
        segments = Segment.objects.select_related("union").order_by("position", "pk")
        prefetch_related_objects(
            [s for s in stories if s.has_corrections], Prefetch("corrections", queryset=corrections)
        )
        prefetch_related_objects(
            [s for s in stories if s.in_full and s.has_segments], Prefetch("segments", queryset=segments)
        )
        return stories

    def item_corrections(self, item):
        return item.corrections.all() if item.has_corrections else []

    def item_title(self, item):
        return item.headline

    def item_link(self, item):
        return absolute(self.base, item.get_absolute_url())

    def item_description(self, item):
        corrections = [
            f"【更正 {timezone.localtime(c.at):%Y-%m-%d %H:%M}】{c.text}" for c in self.item_corrections(item)
        ]
        return "\n".join([item.teaser(200), *corrections])

    def item_author_name(self, item):
        """The credited people (记者, 通讯员 …), or None: the feed then names no author."""
        return "、".join(credit.contributor.name for credit in item.credits.all()) or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_visible_change

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item):
        photo = item.lead_photo
        sizes = photo.jpeg_sizes() if photo else []
        extra = {}
        if sizes:
            url, width, height = sizes[0]
            extra["photo"] = {"url": absolute(self.base, url), "width": width, "height": height}
        if item.in_full:
            extra["content"] = render_to_string(
                "articles/feed_content.html",
                {
                    "article": item,
                    "segments": item.segments.all() if item.has_segments else [],
                    "corrections": self.item_corrections(item),
                    "SITE_URL": self.base,
                },
            )
        return extra


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = StoryAtom
    subtitle = LatestArticlesFeed.description


class UnionFeed(LatestArticlesFeed):
    """Stories about a union and every union below it."""

    def get_object(self, request, slug):
        return get_object_or_404(Union, slug=slug)

    def title(self, union):
        return f"{settings.SITE_NAME} · {union.name}"

    def link(self, union):
        return absolute(self.base, union.get_absolute_url())

    def description(self, union):
        return f"{union.name}及所属工会的最新稿件"

    def stories(self, union):
        return Article.objects.published().listed_under(union)


class UnionAtomFeed(UnionFeed):
    feed_type = StoryAtom

    def subtitle(self, union):
        return self.description(union)


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        # A tag only drafts carry is not public: its feed is a 404, like its page.
        return get_object_or_404(tagging.public_tags(), slug=slug)

    def title(self, tag):
        return f"{settings.SITE_NAME} · {tag.name}"

    def link(self, tag):
        return absolute(self.base, reverse("tags:detail", kwargs={"slug": tag.slug}))

    def description(self, tag):
        return f"标签“{tag.name}”的最新稿件"

    def stories(self, tag):
        return Article.objects.published().tagged(tag).newest_first()


class TagAtomFeed(TagFeed):
    feed_type = StoryAtom

    def subtitle(self, tag):
        return self.description(tag)


def _xml_safe_values(fields):
    """A feed's or item's fields with their strings, and the strings in their lists (categories), XML-safe."""
    return {
        name: [xml_safe(entry) for entry in value] if isinstance(value, (list, tuple)) else xml_safe(value)
        for name, value in fields.items()
    }
