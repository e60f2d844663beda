"""What a shared link shows (OpenGraph, Twitter cards) and the feeds a page advertises, on every public page kind."""

from html.parser import HTMLParser

import pytest

from tests.builders import make_article, make_event, make_page

HOST = "http://testserver"  # SITE_URL is unset in tests: absolute URLs are on the request's host


class Head(HTMLParser):
    """The <meta property|name=… content=…> and <link rel="alternate"> tags of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.feeds, self.canonical = {}, [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], attrs.get("content"))
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.feeds.append((attrs["type"], attrs["href"]))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def pages(huzhou):
    with_photo = make_article(headline="有图的稿件", unions=[huzhou], tags=["工BA"], photos=1, pages=[make_page(1)])
    without_photo = make_article(headline="无图的稿件", unions=[huzhou])
    event = make_event(unions=[huzhou])
    return {
        "home": "/",
        "all stories": "/articles/",
        "story with a photo": with_photo.get_absolute_url(),
        "story without a photo": without_photo.get_absolute_url(),
        "unions": "/unions/",
        "union": huzhou.get_absolute_url(),
        "tag": "/tags/工ba/",
        "events": "/events/",
        "event": event.get_absolute_url(),
        "e-paper": "/epaper/",
        "e-paper page": "/epaper/2025-06-12/1/",
        "search": "/search/?q=工会",
    }


def test_every_public_page_has_complete_open_graph_and_a_twitter_card(client, pages):
    for name, url in pages.items():
        page = head(client, url)
        meta = page.meta
        assert meta["og:site_name"] == "工会新闻", name
        assert meta["og:locale"] == "zh_CN", name
        assert meta["og:type"] in {"website", "article"}, name
        assert meta["og:title"], name
        assert meta["og:description"], name
        assert meta["og:url"] == page.canonical and page.canonical.startswith(HOST + "/"), name
        assert meta["og:image"].startswith(HOST + "/"), name
        assert meta["twitter:card"] in {"summary", "summary_large_image"}, name


def test_a_story_with_a_photo_is_shared_with_it_large(client, pages):
    meta = head(client, pages["story with a photo"]).meta
    assert meta["og:type"] == "article"
    assert meta["og:image"].startswith(HOST + "/media/photos/renditions/")
    assert meta["og:image:width"] and meta["og:image:height"]
    assert meta["og:image:alt"] == "图片说明1"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["article:modified_time"] == "2025-06-12T12:00:00+08:00"


def test_a_page_without_a_photo_is_shared_with_the_site_image_and_a_small_card(client, pages):
    for name in ["story without a photo", "union", "event", "home"]:
        meta = head(client, pages[name]).meta
        assert meta["og:image"] == HOST + "/static/img/share.png", name
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630"), name
        assert meta["twitter:card"] == "summary", name
        assert meta["twitter:image"] == HOST + "/static/img/logo.png", name


def test_union_and_e_paper_pages_describe_themselves(client, pages, huzhou):
    assert head(client, pages["union"]).meta["og:description"].startswith("湖州市总工会")
    epaper = head(client, pages["e-paper page"]).meta
    assert "2025年6月12日 第1版（要闻）" in epaper["og:description"]
    assert "数字报" in head(client, pages["e-paper"]).meta["og:description"]


def test_every_page_advertises_the_site_feeds_and_union_and_tag_pages_their_own(client, pages):
    site_feeds = [("application/atom+xml", "/feed/atom/"), ("application/rss+xml", "/feed/")]
    for name, url in pages.items():
        assert head(client, url).feeds[:2] == site_feeds, name
    assert head(client, pages["union"]).feeds[2:] == [
        ("application/atom+xml", "/unions/huzhou/feed/atom/"),
        ("application/rss+xml", "/unions/huzhou/feed/"),
    ]
    tag_feeds = head(client, pages["tag"]).feeds[2:]
    assert [kind for kind, _ in tag_feeds] == ["application/atom+xml", "application/rss+xml"]
    for _, href in site_feeds + tag_feeds:
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"].split(";")[0] in {"application/atom+xml", "application/rss+xml"}, href
