"""Whatever a reader (or a crawler) types into the address bar, the answer is
a 4xx page, never a server error."""

import pytest

from tests.builders import make_article, make_event, make_page

HUGE = "9" * 40

MALFORMED = [
    f"/articles/2025/6/12/{HUGE}/",
    "/articles/0/0/0/0/",
    f"/articles/?page={HUGE}",
    "/articles/?page=-1",
    "/articles/?page=1.5",
    "/articles/?page=%00",
    f"/unions/{'x' * 5000}/",
    "/unions/huzhou/?page=abc",
    "/tags/%E5%B7%A5%E4%BC%9A%00/",
    f"/tags/{'工' * 3000}/",
    f"/events/?year={HUGE}",
    "/events/?year=abc&kind=%00",
    "/events/?when=tomorrow",
    f"/events/{'赛' * 3000}/",
    "/epaper/9999-99-99/1/",
    "/epaper/2025-02-30/1/",
    f"/epaper/2025-06-12/{HUGE}/",
    "/epaper/2025-06-12/0/",
    "/epaper/2025-13/",
    "/epaper/2025-00/",
    "/epaper/0999-06/",
    "/epaper/2025-6/",
    "/epaper/2024-06/",
    "/sitemap.xml?p=abc",
    f"/sitemap.xml?p={HUGE}",
]


@pytest.mark.parametrize("url", MALFORMED)
def test_malformed_url_is_answered_with_a_client_error(client, huzhou, url):
    make_article(unions=[huzhou], tags=["工会"], pages=[make_page(1)])
    make_event()

    response = client.get(url)

    assert 400 <= response.status_code < 500, response.status_code


@pytest.mark.parametrize("date", [f"{HUGE}/1/1", "2025/13/45", "0/0/0"])
def test_impossible_date_in_an_article_url_redirects_to_the_real_one(client, date):
    article = make_article()

    response = client.get(f"/articles/{date}/{article.pk}/")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
