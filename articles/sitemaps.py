"""Sitemap sections of stories (by month), recent news, unions, tags and e-paper pages.

A story's lastmod is its last change readers could see: revised_at (an editor's
update of the live story, or a published correction), else published_at; never
updated_at, which every workflow save moves. Unions, tags and print pages carry
no lastmod: "the newest story about a union" means a scan of the union's subtree
links (and of the tag links for tags), too dear for a crawler's hint.
"""

import re
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from articles import tagging
from articles.models import Article, Photo, PrintPage
from unionnews import sitemaps
from unionnews.sitemaps import Entry, ListSection, NewsItem, Part, Section
from unions.models import Union

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def story_formatter():
    """A function (pk, published_at) -> the story's path, as Article.get_absolute_url() gives it."""
    template = sitemaps.path_format("articles:detail", year=918273, month=918274, day=918275, pk=918276645)
    zone = timezone.get_current_timezone()

    def story_path(pk, published_at):
        day = published_at.astimezone(zone)
        return template.format(year=day.year, month=day.month, day=day.day, pk=pk)

    return story_path


def story_entries(stories, photos=(), news=False):
    """[Entry] for (pk, published_at, revised_at, headline) rows; `photos` (article_id, display) rows."""
    story_path = story_formatter()
    url = Photo._meta.get_field("display").storage.url
    images = {}
    for article_id, display in photos:
        images.setdefault(article_id, []).append(url(display))
    return [
        Entry(
            story_path(pk, published_at),
            revised_at or published_at,
            tuple(images.get(pk, ())),
            NewsItem(headline, published_at) if news else None,
        )
        for pk, published_at, revised_at, headline in stories
    ]


class StorySitemap(Section):
    """Published stories, one part per month of publication (site time), oldest first within it."""

    name = "articles"

    def parts(self):
        months = (
            Article.objects.published()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("pk"), lastmod=Max(Coalesce("revised_at", "published_at")))
            .order_by("month")
        )
        return [
            Part(f"{timezone.localtime(row['month']):%Y-%m}", sitemaps.pages_for(row["count"]), row["lastmod"])
            for row in months
        ]

    def entries(self, key, page):
        match = MONTH.fullmatch(key)
        if not match or not 1900 <= int(match[1]) < 9999:
            return None
        year, month = int(match[1]), int(match[2])
        zone = timezone.get_current_timezone()
        start = datetime(year, month, 1, tzinfo=zone)
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
        stories = (
            Article.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .order_by("published_at", "pk")
        )
        window = sitemaps.page_slice(page)
        rows = list(stories.values_list("pk", "published_at", "revised_at", "headline")[window])
        if not rows:
            return None  # a month without stories, or a page past its last
        photos = (
            Photo.objects.filter(article__in=stories.values("pk")[window])
            .exclude(display="")
            .order_by("article_id", "position", "pk")
            .values_list("article_id", "display")
        )
        return story_entries(rows, photos)


class NewsSitemap(Section):
    """Google News: stories published in the last SITEMAP_NEWS_HOURS hours, newest first, at most 1,000."""

    name = "news"
    limit = 1000  # Google News reads no more

    def parts(self):
        return [Part("", 1)]

    def entries(self, key, page):
        if key or page != 1:
            return None
        since = timezone.now() - timedelta(hours=settings.SITEMAP_NEWS_HOURS)
        stories = (
            Article.objects.published()
            .filter(published_at__gte=since)
            .order_by("-published_at", "-pk")
            .values_list("pk", "published_at", "revised_at", "headline")[: self.limit]
        )
        return story_entries(stories, news=True)


class UnionSitemap(ListSection):
    name = "unions"

    def summary(self):
        return Union.objects.count(), None

    def rows(self, window):
        template = sitemaps.path_format("unions:detail", slug="sitemapmarker")
        slugs = Union.objects.order_by("path").values_list("slug", flat=True)[window]
        return [Entry(template.format(slug=slug)) for slug in slugs]


class TagSitemap(ListSection):
    """Only tags a reader can open: those on at least one published story."""

    name = "tags"

    def summary(self):
        return tagging.public_tags().count(), None

    def rows(self, window):
        template = sitemaps.path_format("tags:detail", slug="sitemapmarker")
        slugs = tagging.public_tags().order_by("pk").values_list("slug", flat=True)[window]
        return [Entry(template.format(slug=sitemaps.quote_slug(slug))) for slug in slugs]


class EpaperSitemap(ListSection):
    """Print pages readers may open, oldest edition first."""

    name = "epaper"

    def summary(self):
        return PrintPage.objects.for_readers().count(), None

    def rows(self, window):
        template = sitemaps.path_format("epaper:page", date=date(9999, 12, 31), number=918273)
        pages = PrintPage.objects.for_readers().order_by("edition_date", "number").values_list("edition_date", "number")
        return [Entry(template.format(date=day.isoformat(), number=number)) for day, number in pages[window]]
