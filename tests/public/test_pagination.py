"""Every paginated list answers 404 to a malformed or out-of-range ?page=, never a guess."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import NOON, make_article, make_event, make_page
from unionnews import pagination

LISTS = ["/articles/", "/unions/huzhou/", "/tags/工ba/", "/events/", "/events/?when=past"]


@pytest.fixture
def one_page_of_everything(huzhou):
    make_article(unions=[huzhou], tags=["工BA"], pages=[make_page(1)])
    make_event(unions=[huzhou])


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "", "99999", "2"])
def test_bad_or_missing_page_numbers_are_not_found(client, one_page_of_everything, url, page):
    joiner = "&" if "?" in url else "?"
    assert client.get(f"{url}{joiner}page={page}").status_code == 404


@pytest.mark.parametrize("url", LISTS)
def test_first_page_can_be_asked_for_explicitly(client, one_page_of_everything, url):
    joiner = "&" if "?" in url else "?"
    assert client.get(f"{url}{joiner}page=1").status_code == 200


def test_pagination_links_keep_the_event_filters(client):
    for index in range(21):
        make_event(slug=f"competition-{index}")
    html = client.get("/events/?kind=competition").content.decode()
    assert 'href="?kind=competition&amp;page=2"' in html


def test_readers_page_back_no_further_than_the_last_allowed_page_and_are_told_where_to_look(client, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGE", 2)
    for index in range(45):
        make_article(headline=f"第{index}篇", published_at=NOON - timedelta(hours=index))

    last = client.get("/articles/?page=2").content.decode()

    assert "第20篇" in last and 'rel="next"' not in last
    assert "更早的内容请使用" in last
    assert client.get("/articles/?page=3").status_code == 404


def test_a_list_pages_without_counting_its_stories(client):
    for index in range(25):
        make_article(headline=f"第{index}篇", published_at=NOON - timedelta(hours=index))

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/articles/?page=2").content.decode()

    assert "第24篇" in html and 'rel="prev"' in html and 'rel="next"' not in html
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]
