import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Correction
from tests.builders import NOON, make_article, make_contributor

ATOM = "{http://www.w3.org/2005/Atom}"
# Readers visit an hour after NOON (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("an_hour_after_noon")


def rss_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return [item.findtext("title") for item in channel.findall("item")]


def test_rss_feed_lists_published_stories_newest_first(client):
    make_article(headline="较早的稿件", published_at=NOON - timedelta(days=1))
    story = make_article(headline="最新的稿件", tags=["工BA"])
    make_article(headline="草稿", status="draft")
    make_article(headline="定时发布", published_at=NOON + timedelta(days=1))
    response = client.get(reverse("feed"))
    assert rss_titles(response) == ["最新的稿件", "较早的稿件"]
    item = ET.fromstring(response.content).find("channel/item")
    assert item.findtext("link").endswith(story.get_absolute_url())
    assert item.findtext("category") == "工BA"
    assert item.findtext("pubDate") == "Thu, 12 Jun 2025 04:00:00 +0000"  # NOON in Zhejiang


def test_rss_feed_stops_at_thirty_stories(client):
    for minute in range(31):
        make_article(headline=f"稿件{minute}", published_at=NOON - timedelta(minutes=minute))
    titles = rss_titles(client.get(reverse("feed")))
    assert len(titles) == 30
    assert "稿件30" not in titles


def test_atom_feed_lists_the_same_stories(client):
    make_article(headline="最新的稿件")
    make_article(headline="草稿", status="draft")
    response = client.get(reverse("feed-atom"))
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == ["最新的稿件"]


def test_union_feed_covers_the_union_and_its_counties(client, huzhou, nanxun, jiaxing):
    make_article(headline="湖州市总工会召开全委会", unions=[huzhou])
    make_article(headline="南浔区总工会开展送清凉", unions=[nanxun], published_at=NOON - timedelta(hours=1))
    make_article(headline="嘉兴市总工会召开半年度会议", unions=[jiaxing])
    make_article(headline="湖州草稿", unions=[huzhou], status="draft")
    titles = rss_titles(client.get(reverse("unions:feed", kwargs={"slug": "huzhou"})))
    assert titles == ["湖州市总工会召开全委会", "南浔区总工会开展送清凉"]


def test_tag_feed_works_with_a_chinese_slug(client):
    make_article(headline="学习贯彻全会精神", tags=["学习贯彻"])
    make_article(headline="无关稿件", tags=["劳动保护"])
    url = reverse("tags:feed", kwargs={"slug": "学习贯彻"})
    assert rss_titles(client.get(url)) == ["学习贯彻全会精神"]


def test_feeds_of_unknown_unions_and_tags_are_not_found(client):
    assert client.get("/unions/atlantis/feed/").status_code == 404
    assert client.get("/tags/不存在/feed/").status_code == 404


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/unions/huzhou/feed/", "/tags/工ba/feed/"])
def test_feed_queries_do_not_grow_with_stories(client, huzhou, nanxun, url, django_assert_max_num_queries):
    make_article(unions=[huzhou], tags=["工BA"], photos=1)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(url).status_code == 200
    for _ in range(6):
        make_article(unions=[huzhou, nanxun], tags=["工BA", "学习贯彻"], photos=2)
    with django_assert_max_num_queries(len(baseline)):
        client.get(url)


FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/unions/huzhou/feed/",
    "/unions/huzhou/feed/atom/",
    "/tags/工ba/feed/",
    "/tags/工ba/feed/atom/",
]


def read_feed(client, url):
    """The feed at `url` as feedparser reads it, which must find nothing malformed (bozo)."""
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return parsed


@pytest.mark.parametrize("url", FEEDS)
def test_feed_readers_get_authors_the_lead_photo_and_the_full_story(client, huzhou, url):
    make_article(
        headline="湖州首届“工BA”圆满收官",
        unions=[huzhou],
        tags=["工BA"],
        photos=2,
        credits=[(make_contributor("寿慧桢"), "reporter"), (make_contributor("李四"), "correspondent")],
        body="<p>决赛在湖州市体育中心举行。</p><script>alert(1)</script><p>长兴队夺冠。</p>",
    )
    parsed = read_feed(client, url)
    entry = parsed.entries[0]
    assert entry.title == "湖州首届“工BA”圆满收官"
    assert entry.author == "寿慧桢、李四"
    assert entry.link.startswith("http://testserver/articles/2025/6/12/")
    photo = entry.media_content[0]
    assert photo["url"].startswith("http://testserver/media/photos/renditions/")
    assert photo["medium"] == "image"
    assert int(photo["width"]) > 0 and int(photo["height"]) > 0
    content = entry.content[0]
    assert content["type"] == "text/html"
    assert "<p>决赛在湖州市体育中心举行。</p>" in content["value"]
    assert "<p>长兴队夺冠。</p>" in content["value"]
    assert "script" not in content["value"] and "alert" not in content["value"]  # sanitised, as the page shows it


def test_only_the_newest_twenty_items_carry_the_full_story(client):
    for minute in range(25):
        make_article(
            headline=f"稿件{minute}", published_at=NOON - timedelta(minutes=minute), body=f"<p>第{minute}篇的全文。</p>"
        )
    entries = read_feed(client, "/feed/atom/").entries
    assert len(entries) == 25
    assert [bool(entry.get("content")) for entry in entries] == [True] * 20 + [False] * 5
    assert "第0篇的全文" in entries[0].content[0]["value"]
    assert entries[24].title == "稿件24" and entries[24].summary  # the summary stays


def test_a_roundups_full_story_holds_every_unions_part_and_its_corrections(client, huzhou, jiaxing):
    story = make_article(
        headline="各市总工会学习贯彻全会精神",
        body="<p>全省各地工会迅速行动。</p>",
        segments=[(huzhou, "<p>湖州召开专题会议。</p>"), (jiaxing, "<p>嘉兴开展宣讲。</p>")],
    )
    Correction.objects.create(article=story, at=NOON + timedelta(minutes=10), text="原稿中会议日期有误，已更正。")
    value = read_feed(client, "/feed/").entries[0].content[0]["value"]
    assert value.index("全省各地工会迅速行动") < value.index("湖州召开专题会议") < value.index("嘉兴开展宣讲")
    assert '<a href="http://testserver/unions/huzhou/">湖州市总工会</a>' in value
    assert "原稿中会议日期有误，已更正。" in value


def test_an_items_update_time_is_its_last_change_readers_saw(client, settings):
    settings.PAGE_CACHE = False  # the feed is read twice, around a change made with update()
    story = make_article()
    Article.objects.filter(pk=story.pk).update(updated_at=NOON + timedelta(days=30))
    assert read_feed(client, "/feed/atom/").entries[0].updated == "2025-06-12T04:00:00+00:00"  # NOON
    Article.objects.filter(pk=story.pk).update(revised_at=NOON + timedelta(minutes=45))
    assert read_feed(client, "/feed/atom/").entries[0].updated == "2025-06-12T04:45:00+00:00"


def test_a_story_nobody_is_credited_with_names_no_author(client):
    make_article(photos=0)
    entry = read_feed(client, "/feed/").entries[0]
    assert "author" not in entry
    assert "media_content" not in entry
