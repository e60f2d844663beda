"""Telling a CDN in front of the site to drop the pages a story change made stale.

Off unless CDN_PURGE_URL is set. When a story goes live, a live story is edited, or
a story that was live is withdrawn or deleted, one POST goes to CDN_PURGE_URL after
the transaction commits:

    POST CDN_PURGE_URL
    Content-Type: application/json
    Authorization: Bearer CDN_PURGE_TOKEN      (only when the token is set)

    {"urls": ["https://news.example.org/articles/2025/6/12/7/", "https://news.example.org/", ...]}

The URLs are the story's page and the pages that list it: the home page, the story
list and the site's feeds, its unions' pages and feeds (up to the province), its
tags' pages and feeds. They start with SITE_URL (paths alone when it is unset). Any
2xx answer is success. A background thread sends it, CDN_PURGE_TRIES times at most
(waiting CDN_PURGE_BACKOFF seconds, then twice that, …), so the editor's request
never waits for the CDN nor fails with it; a purge that never got through is logged.
Not purged: a scheduled story at its time (nothing is saved then; signing it off
purges nothing, as readers cannot see it yet), and the pages of a union or tag an edit
took away from a story, 专题 and e-paper pages. For those the CDN's own expiry of pages
is the bound.
"""

import json
import logging
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles import signals as story_signals
from articles.models import Article
from unions.models import Union

logger = logging.getLogger(__name__)

Status = Article.Status
TIMEOUT_SECONDS = 5


def was_or_is_live(article):
    """Readers see it, or saw it until this change (withdrawn or deleted after going live)."""
    if article.published_at is None or article.published_at > timezone.now():
        return False
    return article.status in (Status.PUBLISHED, Status.WITHDRAWN, Status.DELETED)


def story_urls(article):
    """The story's page and the pages listing it, as paths. Three queries."""
    paths = [article.get_absolute_url(), reverse("home"), reverse("articles:list")]
    paths += [reverse("feed"), reverse("feed-atom")]
    unions = list(article.unions.values_list("path", flat=True))
    above = {path[:end] for path in unions for end in range(Union.steplen, len(path) + 1, Union.steplen)}
    for slug in Union.objects.filter(path__in=above).order_by("path").values_list("slug", flat=True):
        paths += [reverse(f"unions:{name}", kwargs={"slug": slug}) for name in ("detail", "feed", "feed-atom")]
    for slug in article.tags.order_by("slug").values_list("slug", flat=True):
        paths += [reverse(f"tags:{name}", kwargs={"slug": slug}) for name in ("detail", "feed", "feed-atom")]
    return [settings.SITE_URL + path for path in dict.fromkeys(paths)]


def send(urls):
    """POST the URLs to CDN_PURGE_URL, trying again after a failure; True once it got through."""
    body = json.dumps({"urls": urls}).encode()
    headers = {"Content-Type": "application/json"}
    if settings.CDN_PURGE_TOKEN:
        headers["Authorization"] = f"Bearer {settings.CDN_PURGE_TOKEN}"
    for attempt in range(1, settings.CDN_PURGE_TRIES + 1):
        request = urllib.request.Request(settings.CDN_PURGE_URL, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):
                return True  # urlopen raises for anything but 2xx (redirects are followed)
        except (OSError, ValueError) as exc:  # URLError and HTTPError are OSErrors
            failure = exc
            if isinstance(exc, urllib.error.HTTPError):
                exc.close()  # it holds the answer's connection
        if attempt < settings.CDN_PURGE_TRIES:
            time.sleep(settings.CDN_PURGE_BACKOFF * 2 ** (attempt - 1))
    logger.error("CDN 刷新失败（已试 %d 次）：%s；%s", settings.CDN_PURGE_TRIES, failure, urls[0])
    return False


def purge_in_background(urls):
    thread = threading.Thread(target=send, args=(urls,), name="cdn-purge", daemon=True)
    thread.start()
    return thread


class Purge:
    """The on_commit callback for one set of URLs (so a transaction sends each set once)."""

    def __init__(self, urls):
        self.urls = urls

    def __call__(self):
        purge_in_background(self.urls)


def story_changed(sender, article, changed=True, **kwargs):
    if not settings.CDN_PURGE_URL or not changed or not was_or_is_live(article):
        return
    try:
        urls = story_urls(article)  # now, while the transaction can read the story's relations
    except Exception:
        # The editor's save goes on; the CDN keeps its pages until they expire.
        logger.exception("CDN 刷新：无法列出稿件 %s 的页面", article.pk)
        return
    pending = transaction.get_connection().run_on_commit
    if not any(isinstance(entry[1], Purge) and entry[1].urls == urls for entry in pending):
        transaction.on_commit(Purge(urls), robust=True)


def connect():
    story_signals.story_saved.connect(story_changed, dispatch_uid="pagecache.cdn.story_saved")
    story_signals.status_changed.connect(story_changed, dispatch_uid="pagecache.cdn.status_changed")
