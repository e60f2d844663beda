from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles import tagging
from articles.models import Article, PrintPage
from unions.models import Union


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Article.objects.published().newest_first()

    def lastmod(self, article):
        return article.updated_at


class UnionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Union.objects.order_by("path")


class TagSitemap(Sitemap):
    """Only tags a reader can open: those on at least one published story."""

    changefreq = "daily"

    def items(self):
        return tagging.public_tags().order_by("name")

    def location(self, tag):
        return reverse("tags:detail", kwargs={"slug": tag.slug})


class EpaperSitemap(Sitemap):
    changefreq = "never"

    def items(self):
        return PrintPage.objects.for_readers().order_by("-edition_date", "number")
