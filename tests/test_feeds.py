import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import NOON, make_article

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
