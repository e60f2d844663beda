"""Sitemap sections of stories (by month), recent news, unions, tags and e-paper pages.

A story's lastmod is its last change readers could see: revised_at (an editor's
update of the live story, or a published correction), else published_at; never
updated_at, which every workflow save moves. Unions, tags and print pages carry
no lastmod: "the newest story about a union" means a scan of the union's subtree
links (and of the tag links for tags), too dear for a crawler's hint.
"""

import re
from collections.abc import Hashable
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.db.models import Count, Max, Min, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.encoding import filepath_to_uri

from articles import tagging
from articles.models import Article, Photo, PrintPage
from unionnews import sitemaps
from unionnews.sitemaps import Entry, ListSection, NewsItem, Part, Section
from unions.models import Union

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def story_entries(stories, photos=()):
    """[Entry] for (pk, published_at, revised_at) rows, or (…, headline) rows for Google News;
    `photos` are (article_id, display) rows.

    Each link is formatted from one reverse() and each time converted to the site's
    zone once (about 5 µs a story; reverse() alone costs 50 µs).
    """
    template = sitemaps.path_format("articles:detail", year=918273, month=918274, day=918275, pk=918276645)
    zone = timezone.get_current_timezone()
    url = media_url(Photo._meta.get_field("display").storage)
    images = {}
    for article_id, display in photos:
        images.setdefault(article_id, []).append(url(display))
    entries = []
    for pk, published_at, revised_at, *headline in stories:
        day = published_at.astimezone(zone)
        published = day.isoformat(timespec="seconds")
        entries.append(
            Entry(
                template.format(year=day.year, month=day.month, day=day.day, pk=pk),
                published if revised_at is None else sitemaps.w3c(revised_at),
                tuple(images.get(pk, ())),
                NewsItem(headline[0], published) if headline else None,
            )
        )
    return entries


def media_url(storage):
    """storage.url, without urljoin() per file where the storage is a folder served at base_url."""
    if isinstance(storage, FileSystemStorage):
        base = storage.base_url
        return lambda name: base + filepath_to_uri(name).lstrip("/")
    return storage.url


def month_start(year, month):
    return datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=timezone.get_current_timezone())


def months_between(first, last):
    """[(start, end)] of each month in the site's time zone from `first`'s to `last`'s."""
    first, last = timezone.localtime(first), timezone.localtime(last)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [
        (month_start(first.year, first.month + n), month_start(first.year, first.month + n + 1)) for n in range(count)
    ]


# Stand-ins for a month's key and bounds in the one compiled month query (month_summaries).
KEY, START, END = "sitemap-month", datetime(1901, 1, 1, tzinfo=UTC), datetime(1901, 2, 1, tzinfo=UTC)


def month_summaries(stories, months):
    """[(start, count, newest change)] of `stories` in each month (start, end) of `months`, in one query.

    Each month is an aggregate over a range of the index article_published_lastmod, read
    without the table's rows; the months are a UNION ALL of one statement that Django
    compiles once, with each month's bounds as parameters (compiling 120 querysets took
    longer than running them). Grouping by TruncMonth instead converts every row's time
    zone and sorts them all: 250-900 ms at 100,000 stories. SQLite takes up to 500 parts
    (SQLITE_MAX_COMPOUND_SELECT), i.e. an archive of 41 years; PostgreSQL has no limit.
    """
    one_month = (
        stories.filter(published_at__gte=START, published_at__lt=END)
        .values(key=Value(KEY))
        .annotate(count=Count("*"), lastmod=Max(Coalesce("revised_at", "published_at")))
    )
    sql, template = one_month.query.sql_with_params()
    field = Article._meta.get_field("published_at")
    stand_ins = {KEY: 0, field.get_db_prep_value(START, connection): 1, field.get_db_prep_value(END, connection): 2}
    slots = [stand_ins.get(value) if isinstance(value, Hashable) else None for value in template]
    params = []
    for start, end in months:
        month = (
            start.isoformat(),
            field.get_db_prep_value(start, connection),
            field.get_db_prep_value(end, connection),
        )
        params.extend(value if slot is None else month[slot] for value, slot in zip(template, slots, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([sql] * len(months)), params)
        rows = cursor.fetchall()
    return sorted((datetime.fromisoformat(key), count, as_datetime(lastmod)) for key, count, lastmod in rows)


def as_datetime(value):
    """An aware datetime from what the database returned for MAX() of a datetime (SQLite: a string in UTC)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value is not None and timezone.is_naive(value) else value


class StorySitemap(Section):
    """Published stories, one part per month of publication (site time), oldest first within it."""

    name = "articles"

    def parts(self):
        published = Article.objects.published().order_by()
        first = published.aggregate(first=Min("published_at"))["first"]
        if first is None:
            return []
        found = month_summaries(published, months_between(first, timezone.now()))
        return [Part(f"{start:%Y-%m}", sitemaps.pages_for(count), lastmod) for start, count, lastmod in found if count]

    def entries(self, key, page):
        match = MONTH.fullmatch(key)
        if not match or not 1900 <= int(match[1]) < 9999:
            return None
        year, month = int(match[1]), int(match[2])
        start, end = month_start(year, month), month_start(year, month + 1)
        stories = (
            Article.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .order_by("published_at", "pk")
        )
        window = sitemaps.page_slice(page)
        rows = list(stories.values_list("pk", "published_at", "revised_at")[window])
        if not rows:
            return None  # a month without stories, or a page past its last
        # The ids in hand, not a subquery: PostgreSQL probes the photos' article index for
        # them instead of hashing the subquery and reading every photo.
        photos = (
            Photo.objects.filter(article_id__in=[row[0] for row in rows])
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
        return story_entries(stories)


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
