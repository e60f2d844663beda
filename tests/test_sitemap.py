"""The sitemap index and its files: every page readers may open, in files of bounded size,
each URL with its last change readers could see."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
import time_machine

from articles import editing, workflow
from articles.models import Article
from tests.builders import NOON, SHANGHAI, make_article, make_event, make_page

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SITE = "https://news.example.org"
# Readers visit an hour after NOON (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("an_hour_after_noon")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def get_xml(client, url):
    """The parsed XML at `url` (absolute on SITE or a path), which must answer 200."""
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def index(client):
    """{file URL: its lastmod or None} as /sitemap.xml lists them."""
    root = get_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return {
        entry.findtext("s:loc", namespaces=NS): entry.findtext("s:lastmod", namespaces=NS)
        for entry in root.findall("s:sitemap", NS)
    }


def urls_in(client, file_url):
    """{page URL: its <url> element} of one sitemap file."""
    root = get_xml(client, file_url)
    assert root.tag == f"{{{NS['s']}}}urlset"
    return {url.findtext("s:loc", namespaces=NS): url for url in root.findall("s:url", NS)}


def every_url(client):
    found = {}
    for file_url in index(client):
        found.update(urls_in(client, file_url))
    return found


def month_file(key):
    return f"{SITE}/sitemap-articles-{key}.xml"


def lastmod_of(client, story):
    url = urls_in(client, month_file(f"{story.published_at.astimezone(SHANGHAI):%Y-%m}"))[
        SITE + story.get_absolute_url()
    ]
    return datetime.fromisoformat(url.findtext("s:lastmod", namespaces=NS))


def test_sitemap_lists_published_stories_events_unions_tags_and_pages(client, huzhou):
    page = make_page(1)
    story = make_article(tags=["工BA"], pages=[page])
    event = make_event()

    urls = every_url(client)

    for path in (
        story.get_absolute_url(),
        event.get_absolute_url(),
        huzhou.get_absolute_url(),
        "/tags/%E5%B7%A5ba/",
        page.get_absolute_url(),
    ):
        assert SITE + path in urls


def test_sitemap_leaves_out_what_readers_cannot_open(client):
    draft = make_article(status="draft", tags=["内部"])
    scheduled = make_article(published_at=NOON + timedelta(days=1), tags=["明日"])
    withdrawn = make_article(status="withdrawn", published_at=NOON - timedelta(days=1))
    deleted = make_article(status="deleted", status_before_delete="published", published_at=NOON - timedelta(days=2))
    draft_event = make_event(status="draft", slug="draft-event")
    tomorrow = make_page(1, edition_date=NOON.date() + timedelta(days=1))

    urls = every_url(client)

    for hidden in (draft, scheduled, withdrawn, deleted, draft_event, tomorrow):
        assert SITE + hidden.get_absolute_url() not in urls
    assert not any("/tags/" in url or "/articles/" in url for url in urls)


def test_the_index_lists_each_month_with_stories_and_its_newest_change(client):
    make_article(published_at=datetime(2025, 4, 30, 23, 30, tzinfo=SHANGHAI))  # April in Zhejiang, not in UTC
    make_article(published_at=datetime(2025, 6, 2, 9, 0, tzinfo=SHANGHAI))
    make_article(
        published_at=datetime(2025, 6, 1, 9, 0, tzinfo=SHANGHAI),
        revised_at=datetime(2025, 6, 10, 8, 0, tzinfo=SHANGHAI),
    )
    make_article(status="draft", published_at=datetime(2025, 3, 3, 9, 0, tzinfo=SHANGHAI))

    files = index(client)

    months = {url: lastmod for url, lastmod in files.items() if "/sitemap-articles-" in url}
    assert months == {
        month_file("2025-04"): "2025-04-30T23:30:00+08:00",
        month_file("2025-06"): "2025-06-10T08:00:00+08:00",
    }
    assert {f"{SITE}/sitemap-{name}.xml" for name in ["news", "unions"]} <= files.keys()


def test_an_editors_update_moves_the_storys_lastmod_and_a_workflow_save_does_not(client, staff, huzhou):
    story = make_article(unions=[huzhou], published_at=NOON - timedelta(days=2))
    assert lastmod_of(client, story) == story.published_at

    with time_machine.travel(NOON + timedelta(hours=2), tick=False):
        workflow.delete(story, staff.chief)
        workflow.restore_from_trash(Article.objects.get(pk=story.pk), staff.chief)
        assert Article.objects.get(pk=story.pk).updated_at == NOON + timedelta(hours=2)
        assert lastmod_of(client, story) == story.published_at

    with time_machine.travel(NOON + timedelta(hours=3), tick=False):
        editing.save(Article.objects.get(pk=story.pk), staff.deputy, {"headline": "湖州市总工会召开十届三次全委会"})
        assert lastmod_of(client, story) == NOON + timedelta(hours=3)
        assert index(client)[month_file("2025-06")] == "2025-06-12T15:00:00+08:00"


def test_a_published_correction_moves_the_storys_lastmod(client, staff, huzhou):
    story = make_article(unions=[huzhou])

    with time_machine.travel(NOON + timedelta(hours=4), tick=False):
        workflow.correct(story, staff.deputy, "原稿中“第十届”应为“第十一届”。")
        assert lastmod_of(client, story) == NOON + timedelta(hours=4)


def test_a_month_with_more_stories_than_a_file_holds_continues_on_further_pages(client, settings):
    settings.SITEMAP_URLS_PER_FILE = 2
    stories = [make_article(published_at=NOON - timedelta(days=day)) for day in range(5)]

    files = [url for url in index(client) if url.startswith(month_file("2025-06"))]

    assert files == [month_file("2025-06"), f"{month_file('2025-06')}?p=2", f"{month_file('2025-06')}?p=3"]
    per_file = [urls_in(client, url) for url in files]
    assert [len(urls) for urls in per_file] == [2, 2, 1]
    assert set().union(*per_file) == {SITE + story.get_absolute_url() for story in stories}
    assert client.get("/sitemap-articles-2025-06.xml?p=4").status_code == 404


def test_other_sections_are_split_at_the_limit_too(client, settings):
    settings.SITEMAP_URLS_PER_FILE = 50
    files = [url for url in index(client) if "/sitemap-unions.xml" in url]

    assert len(files) >= 3  # the shipped union tree has more than 100 unions
    assert all(len(urls_in(client, url)) <= 50 for url in files)


def test_a_scheduled_story_appears_at_its_time(client):
    tomorrow = make_article(published_at=NOON + timedelta(days=1))
    next_month = make_article(published_at=datetime(2025, 7, 1, 8, 0, tzinfo=SHANGHAI))
    make_article(published_at=NOON - timedelta(days=1))

    assert SITE + tomorrow.get_absolute_url() not in urls_in(client, month_file("2025-06"))
    assert month_file("2025-07") not in index(client)
    assert client.get("/sitemap-articles-2025-07.xml").status_code == 404

    with time_machine.travel(NOON + timedelta(days=1, minutes=1), tick=False):
        assert SITE + tomorrow.get_absolute_url() in urls_in(client, month_file("2025-06"))
        assert month_file("2025-07") not in index(client)

    with time_machine.travel(datetime(2025, 7, 1, 8, 1, tzinfo=SHANGHAI), tick=False):
        assert index(client)[month_file("2025-07")] == "2025-07-01T08:00:00+08:00"
        assert SITE + next_month.get_absolute_url() in urls_in(client, month_file("2025-07"))


def test_the_news_sitemap_holds_the_stories_of_the_last_48_hours(client, settings):
    settings.SITE_NAME = "工人日报"
    now = NOON + timedelta(hours=1)
    fresh = make_article(headline="职工<书屋>&驿站开放", published_at=now - timedelta(hours=1))
    older = make_article(published_at=now - timedelta(hours=47))
    stale = make_article(published_at=now - timedelta(hours=49))
    make_article(published_at=now + timedelta(hours=1))  # scheduled

    response = client.get("/sitemap-news.xml")
    urls = urls_in(client, f"{SITE}/sitemap-news.xml")

    assert f'xmlns:news="{NS["news"]}"' in response.text
    assert list(urls) == [SITE + fresh.get_absolute_url(), SITE + older.get_absolute_url()]
    assert SITE + stale.get_absolute_url() not in urls
    news = urls[SITE + fresh.get_absolute_url()].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "工人日报"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "zh-cn"
    assert news.findtext("news:publication_date", namespaces=NS) == "2025-06-12T12:00:00+08:00"
    assert news.findtext("news:title", namespaces=NS) == "职工<书屋>&驿站开放"
    assert f"{SITE}/sitemap-news.xml" in index(client)


def test_stories_with_photos_list_their_display_images(client):
    with_photos = make_article(photos=2)
    without = make_article(published_at=NOON - timedelta(hours=1))

    urls = urls_in(client, month_file("2025-06"))

    images = [loc.text for loc in urls[SITE + with_photos.get_absolute_url()].findall("image:image/image:loc", NS)]
    assert images == [SITE + photo.display.url for photo in with_photos.photos.order_by("position")]
    assert urls[SITE + without.get_absolute_url()].find("image:image", NS) is None


def stories_with_everything(count, start=0):
    event = make_event(slug=f"event-{start}")
    for number in range(start, start + count):
        make_article(
            published_at=NOON - timedelta(hours=number),
            tags=[f"标签{number}"],
            photos=1 if number < start + 2 else 0,
            pages=[make_page(number + 1)],
            events=[event],
        )


def test_the_index_and_a_month_take_the_same_queries_for_3_and_30_stories(client, django_assert_num_queries):
    stories_with_everything(3)
    with django_assert_num_queries(7):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):
        client.get("/sitemap-articles-2025-06.xml")

    stories_with_everything(27, start=3)
    with django_assert_num_queries(7):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):
        assert len(urls_in(client, month_file("2025-06"))) == 30


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-articles-2025-13.xml",
        "/sitemap-articles-2025-6.xml",
        "/sitemap-articles-0000-01.xml",
        "/sitemap-articles-9999-12.xml",
        "/sitemap-articles-2024-01.xml",  # a month without stories
        "/sitemap-articles.xml",
        "/sitemap-articles-2025-06.xml?p=0",
        "/sitemap-articles-2025-06.xml?p=2",
        "/sitemap-articles-2025-06.xml?p=abc",
        "/sitemap-articles-2025-06.xml?p=%EF%BC%92",  # a full-width 2
        "/sitemap-articles-2025-06.xml?p=99999999999999999999",
        "/sitemap-unions.xml?p=9",
        "/sitemap-unions-2025-06.xml",
        "/sitemap-unions-.xml",
        "/sitemap-news-x.xml",
        "/sitemap-nothing.xml",
        "/sitemap.xml?p=2",
    ],
)
def test_malformed_or_empty_sitemap_files_are_not_found(client, url):
    make_article()

    assert client.get(url).status_code == 404
