"""Sitemaps that stay small and fast however large the archive grows.

/sitemap.xml is a sitemap index (sitemaps.org protocol) listing section files:
/sitemap-<name>.xml, or /sitemap-<name>-<key>.xml for a section split by key
(stories by month: /sitemap-articles-2024-05.xml). A file holds at most
settings.SITEMAP_URLS_PER_FILE URLs; a larger part continues on ?p=2, ?p=3 ….

The apps define their sections (articles.sitemaps, articles.events.sitemaps) and
unionnews.urls gathers them. A section answers two questions, each in a fixed
number of queries reading plain values, never model instances:
parts() for the index and entries() for one file. The XML is written here, as
strings: Django's sitemap framework builds an object and a template context per
URL, which took seconds and hundreds of megabytes for 50,000 stories.

Every URL is absolute by the site's one rule (unionnews.siteurl), like canonical links,
robots.txt and feeds: on settings.SITE_URL, or the request's host when it is unset.
"""

from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from unionnews.siteurl import absolute, site_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


class NewsItem(NamedTuple):
    """What Google News reads about a story (<news:news>)."""

    title: str
    published: str  # a W3C datetime, e.g. w3c(published_at)


class Entry(NamedTuple):
    """One <url>: a path on the site, its last change readers could see, its photos.

    A tuple with the time already written out: a file makes up to 10,000 of them.
    """

    path: str
    lastmod: str = ""  # a W3C datetime (w3c()), or "" to say nothing
    images: tuple = ()  # URLs (paths on the site or absolute)
    news: NewsItem | None = None


@dataclass(frozen=True)
class Part:
    """One file of a section as the index lists it: its key ("" or e.g. "2024-05"),
    how many files of at most SITEMAP_URLS_PER_FILE URLs it takes, and its newest lastmod."""

    key: str
    pages: int
    lastmod: object = None


def per_file():
    return settings.SITEMAP_URLS_PER_FILE


def pages_for(count):
    """Files needed for `count` URLs (at least one, so an empty section is still a valid file)."""
    return max(1, -(-count // per_file()))


def page_slice(page):
    """The slice of a section's ordered URLs that file number `page` (from 1) holds."""
    start = (page - 1) * per_file()
    return slice(start, start + per_file())


class Section:
    """A sitemap section. Subclasses set `name` and define parts() and entries()."""

    name = ""

    def parts(self):
        """[Part] for the index; parts with nothing in them are left out."""
        raise NotImplementedError

    def entries(self, key, page):
        """[Entry] of file `page` (from 1) of part `key`, or None when there is no such file."""
        raise NotImplementedError


class ListSection(Section):
    """A section of one ordered list in a single part, split into files of SITEMAP_URLS_PER_FILE.

    Subclasses define summary() -> (count, newest lastmod or None) and rows(a slice) -> [Entry].
    The first file answers even when the list is empty; a file beyond the last is a 404.
    """

    def summary(self):
        raise NotImplementedError

    def rows(self, window):
        raise NotImplementedError

    def parts(self):
        count, lastmod = self.summary()
        return [Part("", pages_for(count), lastmod)] if count else []

    def entries(self, key, page):
        if key:
            return None
        entries = self.rows(page_slice(page))
        return entries if entries or page == 1 else None


def path_format(viewname, **markers):
    """reverse(viewname, kwargs=...) as a str.format() template, for thousands of links:
    reverse() costs about 50 µs a call, half a second for a file of 10,000.

    `markers` gives each URL argument a value that cannot occur elsewhere in the path
    (e.g. pk=918273645); the arguments are then formatted the way their converters
    write them (str() of an int or an ISO date; quote_slug() for a Unicode slug).
    """
    path = reverse(viewname, kwargs=markers)
    for name, value in markers.items():
        text = str(value)
        if path.count(text) != 1:
            raise ValueError(f"marker {text!r} must occur exactly once in {path!r}")
        path = path.replace(text, "{" + name + "}")
    return path


def quote_slug(slug):
    """A slug as reverse() writes it into a path (non-ASCII characters percent-encoded)."""
    return quote(slug, safe=RFC3986_SUBDELIMS + "/~:@")


def w3c(moment):
    """A W3C datetime in the site's time zone, to the second: 2025-06-12T12:00:00+08:00."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def render_index(sections, base):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    template = absolute(base, path_format("sitemap-section", name="sitemapmarker"))
    for section in sections:
        for part in section.parts():
            url = template.format(name=f"{section.name}-{part.key}" if part.key else section.name)
            lastmod = f"<lastmod>{w3c(part.lastmod)}</lastmod>" if part.lastmod else ""
            for page in range(1, part.pages + 1):
                loc = f"{url}?p={page}" if page > 1 else url
                lines.append(f"<sitemap><loc>{escape(loc)}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>\n")
    return "\n".join(lines)


def render_urlset(entries, base):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:image="{IMAGE_NS}" xmlns:news="{NEWS_NS}">',
    ]
    name = escape(settings.SITE_NAME)
    for entry in entries:
        parts = [f"<url><loc>{escape(base + entry.path)}</loc>"]
        if entry.lastmod:
            parts.append(f"<lastmod>{entry.lastmod}</lastmod>")
        if entry.news:
            parts.append(
                "<news:news><news:publication>"
                f"<news:name>{name}</news:name><news:language>{settings.SITEMAP_NEWS_LANGUAGE}</news:language>"
                "</news:publication>"
                f"<news:publication_date>{entry.news.published}</news:publication_date>"
                f"<news:title>{escape(entry.news.title)}</news:title></news:news>"
            )
        parts.extend(
            f"<image:image><image:loc>{escape(absolute(base, url))}</image:loc></image:image>" for url in entry.images
        )
        parts.append("</url>")
        lines.append("".join(parts))
    lines.append("</urlset>\n")
    return "\n".join(lines)


def xml_response(text):
    response = HttpResponse(text, content_type="application/xml; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, noarchive"  # the files are for crawlers, not search results
    return response


def page_number(request):
    """The ?p= of a file (1 without it); 404 unless a plain number from 1 to 999999."""
    page = request.GET.get("p", "1")
    if not (page.isascii() and page.isdigit() and len(page) <= 6 and int(page) >= 1):
        raise Http404("没有这个站点地图。")
    return int(page)


def index(request, sections):
    """/sitemap.xml: the index of every section's files. It is one file: ?p=2 is a 404."""
    if page_number(request) != 1:
        raise Http404("没有这个站点地图。")
    return xml_response(render_index(sections.values(), site_url(request)))


def section(request, sections, name):
    """/sitemap-<name>[-<key>].xml[?p=N]: one file of a section; 404 for anything else."""
    section_name, dash, key = name.partition("-")
    page = page_number(request)
    found = sections.get(section_name)
    if found is None or (dash and not key):
        raise Http404("没有这个站点地图。")
    entries = found.entries(key, page)
    if entries is None:
        raise Http404("没有这个站点地图。")
    return xml_response(render_urlset(entries, site_url(request)))
