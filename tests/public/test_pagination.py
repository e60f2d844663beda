"""Every paginated list answers 404 to a malformed or out-of-range ?page=, never a guess."""

import pytest

from tests.builders import make_article, make_event, make_page

LISTS = ["/articles/", "/unions/huzhou/", "/tags/工ba/", "/events/", "/events/?when=past", "/epaper/"]


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
