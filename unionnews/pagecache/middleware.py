"""PageCacheMiddleware: anonymous GET/HEAD of public pages from the cache.

First in settings.MIDDLEWARE, so a hit costs one generation read (a stat() of a small
file, or one Redis GET), one dict lookup and building the response: none of the
other middleware, no session, no database. A miss runs the whole stack and stores
its answer, with the headers the stack set (CSP, HSTS, X-Frame-Options, …), when
nothing in it belongs to one visitor. README.md, "Page cache".
"""

import gzip
import hashlib
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import GZipMiddleware
from django.utils.http import http_date, parse_etags, parse_http_date_safe, urlencode

from unionnews.db import replica
from unionnews.pagecache import clock, generation

logger = logging.getLogger(__name__)

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
REVALIDATE = "max-age=0, must-revalidate"  # never stale: browsers ask again, and get a 304
# Set by the cache on the way out; everything else the stack sent is kept as it was.
OWN_HEADERS = {"content-length", "date", "etag", "last-modified", "cache-control", "expires", "set-cookie"}
PERSONAL = re.compile(r"\b(private|no-store|no-cache)\b", re.IGNORECASE)
# Pages the middleware never stores or answers: the admin (and its previews), uploads, static files.
DEFAULT_SKIP = ("/admin/", "/media/", "/static/", "/healthz")
# The query parameters public pages read: pagination, the sitemap's pages, the fields of
# the search and events forms (tests/test_page_cache.py checks the forms against it).
# Only these make a page's key: a link shared with ?from=singlemessage or ?utm_source=…
# is served the page stored without them, and made-up parameters cannot fill the cache.
QUERY_KEYS = frozenset({"page", "p", "q", "union", "tag", "event", "since", "until", "when", "kind", "year"})


class Page(NamedTuple):
    body: bytes
    headers: tuple  # (name, value) pairs as the stack sent them, less OWN_HEADERS
    etag: str
    modified: float  # when its rendering began (Last-Modified)
    seconds: float  # how long it is kept: PAGE_CACHE_SECONDS, or less if the view said so


class LocalPages:
    """This process's pages: least recently used first out, bounded in bytes."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.pages = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()  # runserver serves requests in threads

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        cost = len(page.body) + 512
        if cost > self.max_bytes // 8:
            return  # one huge page must not push out everything else; the shared cache has it
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old.body) + 512
            self.pages[key] = page
            self.size += cost
            while self.size > self.max_bytes:
                _, evicted = self.pages.popitem(last=False)
                self.size -= len(evicted.body) + 512

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.size = 0


_fingerprint = None


def code_fingerprint():
    """A hash of what renders pages besides the data: templates, code, static file names,
    and the settings pages print. A deploy changes it, so pages of the old release stored
    in Redis are never served by the new one. Computed once per process (a few ms)."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.blake2b(digest_size=8)
        base = settings.BASE_DIR
        files = [base / "templates", base / "unionnews", base / "articles", base / "unions"]
        for root in files:
            for path in sorted(root.rglob("*")):
                if path.suffix in {".py", ".html", ".txt", ".xml"} and path.is_file():
                    digest.update(str(path.relative_to(base)).encode())
                    digest.update(path.read_bytes())
        manifest = settings.STATIC_ROOT / "staticfiles.json"
        if manifest.is_file():
            digest.update(manifest.read_bytes())
        digest.update(repr([settings.SITE_NAME, settings.SITE_URL, settings.MEDIA_URL, settings.STATIC_URL]).encode())
        _fingerprint = digest.hexdigest()
    return _fingerprint


class PageCacheMiddleware:
    def __init__(self, get_response):
        if not settings.PAGE_CACHE:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.local = LocalPages(settings.PAGE_CACHE_LOCAL_BYTES)
        self.shared = generation.shared_cache()
        self.generations = generation.store()
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.skip = tuple(getattr(settings, "PAGE_CACHE_SKIP_PREFIXES", DEFAULT_SKIP))
        # replica.PIN_COOKIE: a browser that just saved reads the primary, not a page the
        # replica rendered before the save arrived there.
        self.personal_cookies = {settings.SESSION_COOKIE_NAME, "messages", replica.PIN_COOKIE}
        self.fingerprint = code_fingerprint()
        self.query_keys = frozenset(getattr(settings, "PAGE_CACHE_QUERY_KEYS", QUERY_KEYS))

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(self.skip):
            return self.get_response(request)
        if not self.personal_cookies.isdisjoint(request.COOKIES):
            return self.get_response(request)  # logged in, a preview, just saved: never read nor fill
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django's own 400
        try:
            known = self.current_generation()
        except Exception:
            logger.exception("页面缓存：无法读取版本号，本次不用缓存")
            known = None
        if known is None:
            return self.get_response(request)
        current, since = known
        compressed = bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        key = (current, request.scheme, host, self.page_address(request), compressed)
        page = self.local.get(key)
        if page is None and self.shared is not None:
            page = self.shared_get(key)
            if page is not None:
                self.local.put(key, page)
        if page is not None and since <= page.modified and time.time() < page.modified + page.seconds:
            return self.answer(request, page)

        started = time.time()
        # A page read from a replica that may lag keeps itself briefly (unionnews.db.replica).
        request.page_cache_since = since
        response = self.get_response(request)
        if request.method != "GET" or not storable(request, response):
            return response
        # A page showing something no save changes (the home page's 热门) keeps it fresh itself.
        seconds = min(self.seconds, getattr(response, "page_cache_seconds", self.seconds))
        page = make_page(response, started, seconds)
        if page is None:
            return response
        self.local.put(key, page)
        if self.shared is not None:
            self.shared_set(key, page)
        return self.answer(request, page)

    def page_address(self, request):
        """The path, and the query parameters pages read, in a fixed order."""
        query = sorted((key, values) for key, values in request.GET.lists() if key in self.query_keys)
        return request.path + ("?" + urlencode(query, doseq=True) if query else "")

    # The generation and the clock.

    def current_generation(self):
        """(generation, since): the generation to key this request by, bumped first if the clock
        has passed its next change, and since when pages under it are trusted (clock.known).

        None when the next change cannot be learnt (the database is down): no cache this time.
        """
        current = self.generations.read()
        known = clock.known(current)
        if known is not None and time.time() >= known[1]:
            self.generations.bump_from(current)
            current = self.generations.read()
            known = clock.known(current)
        return None if known is None else (current, known[0])

    # The shared store (Redis).

    def shared_key(self, key):
        return "pagecache:page:" + hashlib.blake2b(repr((self.fingerprint, key)).encode(), digest_size=16).hexdigest()

    def shared_get(self, key):
        try:
            page = self.shared.get(self.shared_key(key))
        except Exception:
            logger.exception("页面缓存：共享缓存读取失败")
            return None
        return Page(*page) if page is not None else None

    def shared_set(self, key, page):
        try:
            self.shared.set(self.shared_key(key), tuple(page), timeout=math.ceil(page.seconds))
        except Exception:
            logger.exception("页面缓存：共享缓存写入失败")

    # Answers.

    def answer(self, request, page):
        if not_modified(request, page):
            response = HttpResponseNotModified()
            for name, value in page.headers:
                if name.lower() not in {"content-type", "content-encoding", "content-language"}:
                    response.headers[name] = value
        else:
            response = HttpResponse(page.body)
            for name, value in page.headers:
                response.headers[name] = value
            response.headers["Content-Length"] = str(len(page.body))
        response.headers["ETag"] = page.etag
        response.headers["Last-Modified"] = http_date(page.modified)
        response.headers["Cache-Control"] = REVALIDATE
        return response


def storable(request, response):
    """Nothing in the answer belongs to one visitor, and it is a whole page."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        # The page carries a CSRF token. CsrfViewMiddleware clears the flag once it has set
        # the cookie, so through the whole stack it is the Set-Cookie above that refuses it.
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str) or "nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a nonce must be new for every answer
    if PERSONAL.search(response.get("Cache-Control", "")):
        return False  # e.g. @never_cache
    if response.get("Content-Encoding", "gzip") != "gzip":
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def make_page(response, started, seconds):
    body = response.content
    encoded = response.get("Content-Encoding") == "gzip"
    # The ETag names the content, not its compressed bytes (which differ per answer: BREACH
    # padding), so an unchanged page re-rendered under a new generation still answers 304.
    identity = gzip.decompress(body) if encoded else body
    digest = hashlib.blake2b(identity, digest_size=12).hexdigest()
    headers = tuple((name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS)
    return Page(body, headers, f'"{digest}{"-gzip" if encoded else ""}"', started, seconds)


def not_modified(request, page):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:  # takes precedence over If-Modified-Since (RFC 9110 13.2.2)
        tags = [tag.removeprefix("W/") for tag in parse_etags(if_none_match)]
        return "*" in tags or page.etag in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and math.floor(page.modified) <= since


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH padding), for text only: HTML, feeds,
    sitemaps, robots.txt. Photos and other files are compressed already."""

    COMPRESSIBLE = ("text/", "application/xml", "application/rss+xml", "application/atom+xml", "application/json")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)
