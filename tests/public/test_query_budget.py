"""Every reader page costs at most 8 queries, and the same number at any size of archive.

Each page is read once small (a story of every shape) and again after many more stories,
unions' links, tags and events were added: the counts must be equal and within budget.
The article page is read for a story with tags, unions, credits, a photo, an event and a
print placement (a story with segments or corrections costs one query more for each).
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Contributor, Credit
from tests.builders import NOON, make_article, make_event, make_page, union

BUDGET = 8


@pytest.fixture
def world(db):
    huzhou, nanxun, jiaxing = union("huzhou"), union("nanxun"), union("jiaxing")
    event = make_event(unions=[huzhou])
    page = make_page(1)
    reporter = Contributor.objects.create(name="张三")
    story = make_article(
        headline="南浔区总工会开展送清凉活动",
        unions=[nanxun, jiaxing],
        tags=["工会", "送清凉"],
        photos=1,
        credits=[(reporter, Credit.Role.REPORTER)],
        events=[event],
        pages=[page],
        is_featured=True,
    )
    return {"story": story, "event": event, "page": page, "unions": (huzhou, nanxun, jiaxing), "reporter": reporter}


def grow(world, count, start=0):
    """More stories of the same shapes around the story, and more events."""
    huzhou, nanxun, jiaxing = world["unions"]
    for index in range(start, start + count):
        make_article(
            headline=f"工会新闻第{index}篇",
            unions=[(huzhou, "subject"), nanxun] if index % 2 else [jiaxing],
            tags=["工会", f"标签{index % 4}"],
            photos=index % 3 == 0,
            credits=[(world["reporter"], Credit.Role.REPORTER)],
            pages=[world["page"]] if index % 5 == 0 else [],
            events=[world["event"]] if index % 4 == 0 else [],
            is_featured=index % 6 == 0,
            published_at=NOON - timedelta(hours=index + 1),
        )
    for index in range(start, start + count // 4):
        make_event(slug=f"event-{index}", title=f"活动{index}", unions=[jiaxing])


def pages(world):
    story, event, page = world["story"], world["event"], world["page"]
    return {
        "home": reverse("home"),
        "article": story.get_absolute_url(),
        "list": reverse("articles:list"),
        "list page 2": reverse("articles:list") + "?page=2",
        "province": reverse("unions:detail", kwargs={"slug": "zhejiang"}),
        "city": reverse("unions:detail", kwargs={"slug": "huzhou"}),
        "county": reverse("unions:detail", kwargs={"slug": "nanxun"}),
        "tag": reverse("tags:detail", kwargs={"slug": "工会"}),
        "tags": reverse("tags:index"),
        "events": reverse("events:list"),
        "event": event.get_absolute_url(),
        "e-paper": reverse("epaper:index"),
        "e-paper page": page.get_absolute_url(),
        "feed": reverse("feed"),
        "union feed": reverse("unions:feed", kwargs={"slug": "huzhou"}),
        "tag feed": reverse("tags:feed", kwargs={"slug": "工会"}),
        "search": reverse("search") + "?q=工会",
    }


def counts(queries_for, urls):
    for url in urls.values():
        queries_for(url)  # warm: per-process caches (content types, search statistics)
    return {name: queries_for(url) for name, url in urls.items()}


def test_every_reader_page_keeps_its_query_count_within_budget_as_the_archive_grows(queries_for, world, settings):
    settings.PAGE_CACHE = False  # what rendering costs: the page cache would answer the second request
    grow(world, 22)  # two pages of the list
    small = counts(queries_for, pages(world))

    grow(world, 40, start=22)
    large = counts(queries_for, pages(world))

    assert large == small
    assert all(large.values())
    assert {name: count for name, count in large.items() if count > BUDGET} == {}
