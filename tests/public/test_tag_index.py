"""/tags/: the tags readers can open, commonest first, counted over the newest published
stories, in one bounded query; linked from every page's footer."""

import re
from datetime import timedelta

from django.urls import reverse

from articles import tagging
from tests.builders import NOON, make_article


def listed(response):
    """[(name, count)] as the page shows them, in order."""
    return [
        (name, int(count))
        for name, count in re.findall(
            r'<li><a href="/tags/[^"]+/">([^<]+)</a> <span class="count">(\d+)篇</span>', response.text
        )
    ]


def test_the_tag_index_lists_published_stories_tags_commonest_first_with_counts(client):
    make_article(tags=["职工书屋", "工BA"])
    make_article(tags=["工BA", "劳动保护"], published_at=NOON - timedelta(hours=1))
    make_article(tags=["工BA", "劳动保护"], published_at=NOON - timedelta(hours=2))

    response = client.get("/tags/")

    assert response.status_code == 200
    assert listed(response) == [("工BA", 3), ("劳动保护", 2), ("职工书屋", 1)]
    assert '<a href="/tags/%E5%B7%A5ba/">工BA</a>' in response.text


def test_tags_only_drafts_or_scheduled_stories_carry_are_not_listed_and_not_counted(client):
    make_article(tags=["工BA"])
    make_article(status="draft", tags=["内部选题", "工BA"])
    make_article(published_at=NOON + timedelta(days=1), tags=["明日选题", "工BA"])

    response = client.get(reverse("tags:index"))

    assert listed(response) == [("工BA", 1)]
    assert "内部选题" not in response.text and "明日选题" not in response.text


def test_the_index_counts_only_the_newest_stories_and_shows_a_bounded_number_of_tags(client, monkeypatch, settings):
    settings.PAGE_CACHE = False  # the same URL is read twice with different limits
    monkeypatch.setattr(tagging, "TAG_INDEX_WINDOW", 2)
    monkeypatch.setattr(tagging, "TAG_INDEX_SIZE", 2)
    make_article(tags=["新", "甲"])
    make_article(tags=["新"], published_at=NOON - timedelta(hours=1))
    make_article(tags=["旧", "甲"], published_at=NOON - timedelta(days=30))

    assert listed(client.get(reverse("tags:index"))) == [("新", 2), ("甲", 1)]

    monkeypatch.setattr(tagging, "TAG_INDEX_SIZE", 1)
    assert listed(client.get(reverse("tags:index"))) == [("新", 2)]


def test_every_page_links_to_the_tag_index(client):
    make_article(tags=["工BA"])
    for url in (reverse("home"), reverse("tags:detail", kwargs={"slug": "工ba"})):
        assert f'href="{reverse("tags:index")}"' in client.get(url).text


def test_an_empty_index_says_so(client, db):
    assert "还没有标签" in client.get(reverse("tags:index")).text
