"""阅读量: readers' views counted by the story page's beacon, per story per day, without
cookies; bots, editors and repeat visits left out; the home page's 热门 and the admin's column."""

import os
from datetime import timedelta
from io import StringIO

import pytest
import redis
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import workflow
from articles.models import Article
from articles.readership import counting
from articles.readership.models import DailyViews
from tests.builders import NOON, change_url, make_article, make_draft, make_staff
from unionnews.accounts import roles

pytestmark = pytest.mark.django_db

URL = reverse("readership:count")
HOME = reverse("home")
LIST_URL = reverse("admin:articles_article_changelist")
READER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0"
# What Chromium's sendBeacon sends along with the story id.
BEACON = {
    "HTTP_ORIGIN": "http://testserver",
    "HTTP_SEC_FETCH_SITE": "same-origin",
    "HTTP_SEC_FETCH_MODE": "no-cors",
    "HTTP_SEC_FETCH_DEST": "empty",
}


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Visitor windows and the 热门 ranking live in the cache: each test starts without them.
    A process-local cache whatever REDIS_URL says, so windows end when the clock moves on;
    the Redis tests below ask for Redis themselves (redis_cache)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches["default"].clear()
    yield
    caches["default"].clear()


def beacon(client, story, *, agent=READER, address="203.0.113.7", **headers):
    story = story.pk if isinstance(story, Article) else story
    return client.post(URL, {"story": story}, HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **{**BEACON, **headers})


def views(story):
    """The story's views in the database, after the flush that runs from cron with Redis."""
    counting.flush()
    return sum(DailyViews.objects.filter(article=story).values_list("views", flat=True))


# Counting.


def test_a_reader_is_counted_once_per_visit_window_and_again_after_it(clock, client):
    story = make_article()

    first = beacon(client, story)
    beacon(client, story)  # a reload

    assert first.status_code == 204
    assert views(story) == 1
    clock.shift(timedelta(minutes=31))
    beacon(client, story)
    assert views(story) == 2
    assert DailyViews.objects.get(article=story).day == counting.today()


def test_two_readers_behind_different_addresses_or_browsers_both_count(clock, client):
    story = make_article()

    beacon(client, story, address="203.0.113.7")
    beacon(client, story, address="198.51.100.20")
    beacon(client, story, address="203.0.113.7", agent=PHONE)  # a colleague in the same office

    assert views(story) == 3


def test_the_answer_sets_no_cookie_and_stores_no_address(clock, client):
    story = make_article()

    response = beacon(client, story)

    assert response.status_code == 204 and response.content == b""
    assert not response.cookies
    assert views(story) == 1
    assert "203.0.113.7" not in repr(list(DailyViews.objects.values()))


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ],
)
def test_bots_are_not_counted(clock, client, agent):
    story = make_article()

    assert beacon(client, story, agent=agent).status_code == 204
    assert views(story) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": ""},  # a script posting by itself sends no Origin
        {"HTTP_ORIGIN": "https://elsewhere.example"},  # another site's page
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_DEST": "document"},  # a form submitted in a window, not a beacon
    ],
)
def test_a_request_without_the_beacons_headers_is_not_counted(clock, client, headers):
    story = make_article()

    assert beacon(client, story, **headers).status_code == 204
    assert views(story) == 0


@pytest.mark.parametrize("header", ["HTTP_DNT", "HTTP_SEC_GPC"])
def test_a_browser_asking_not_to_be_tracked_is_not_counted(clock, client, header):
    story = make_article()

    beacon(client, story, **{header: "1"})

    assert views(story) == 0


def test_a_logged_in_editor_is_not_counted_while_a_reader_is(clock, editor_client):
    story = make_article()
    reader = Client()

    editor_answer = beacon(editor_client, story, address="203.0.113.7")
    beacon(reader, story, address="198.51.100.20")

    assert editor_answer.status_code == 204
    assert not editor_answer.cookies
    assert views(story) == 1


@pytest.mark.parametrize("status", ["draft", "scheduled", "withdrawn"])
def test_stories_readers_cannot_see_are_not_counted(clock, client, status):
    if status == "draft":
        story = make_draft()
    elif status == "scheduled":
        story = make_article(published_at=NOON + timedelta(hours=2))
    else:
        story = make_article()
        workflow.withdraw(story, make_staff("zongbian", roles.CHIEF), "事实有误")

    assert beacon(client, story).status_code == 204
    assert views(story) == 0


@pytest.mark.parametrize("story", ["", "abc", "0", "-3", "1e3", "12 ", "９", "9" * 40])
def test_a_malformed_story_id_is_refused_without_an_error(clock, client, story):
    response = beacon(client, story)

    assert response.status_code == 400
    counting.flush()
    assert DailyViews.objects.count() == 0


def test_an_unknown_story_and_a_missing_field_are_answered_quietly(clock, client):
    assert beacon(client, 987654321).status_code == 204
    assert client.post(URL, HTTP_USER_AGENT=READER, **BEACON).status_code == 400
    assert client.get(URL).status_code == 405
    counting.flush()
    assert DailyViews.objects.count() == 0


def test_a_cache_that_is_down_loses_the_view_quietly(clock, client, monkeypatch, caplog):
    story = make_article()

    def down(*args, **kwargs):
        raise ConnectionError("Redis unreachable")

    monkeypatch.setattr(counting, "record", down)

    assert beacon(client, story).status_code == 204
    assert "无法计数" in caplog.text


def test_a_cached_story_page_is_the_same_for_every_reader_and_each_is_counted(clock):
    story = make_article(headline="湖州职工篮球联赛鸣哨开赛")
    first_reader, second_reader = Client(), Client()

    first = first_reader.get(story.get_absolute_url())
    second = second_reader.get(story.get_absolute_url())

    assert first.status_code == second.status_code == 200
    assert first["ETag"] == second["ETag"] and first.content == second.content  # one page, from the cache
    assert not first.cookies and not second.cookies
    assert f'data-story="{story.pk}"' in second.text and f'data-url="{URL}"' in second.text
    beacon(first_reader, story, address="203.0.113.7")
    beacon(second_reader, story, address="198.51.100.20")
    assert views(story) == 2


def test_a_preview_sends_no_beacon(editor_client):
    draft = make_draft()

    response = editor_client.get(reverse("admin:articles_article_preview", args=[draft.pk]))

    assert response.status_code == 200
    assert "readership.js" not in response.text


def test_concurrent_days_and_stories_keep_separate_rows(clock, client):
    story, other = make_article(), make_article(headline="嘉兴市总工会召开半年度会议")

    beacon(client, story)
    beacon(client, other)
    clock.shift(timedelta(days=1))
    beacon(client, story)
    counting.flush()

    assert sorted(DailyViews.objects.values_list("article_id", "day", "views")) == sorted(
        [
            (story.pk, NOON.date(), 1),
            (other.pk, NOON.date(), 1),
            (story.pk, NOON.date() + timedelta(days=1), 1),
        ]
    )


def test_per_story_totals_for_a_period_are_one_grouping(clock):
    story, other = make_article(), make_article(headline="嘉兴市总工会召开半年度会议")
    DailyViews.add(story.pk, NOON.date(), 3)
    DailyViews.add(story.pk, NOON.date() - timedelta(days=1), 4)
    DailyViews.add(other.pk, NOON.date() - timedelta(days=30), 9)

    with CaptureQueriesContext(connection) as queries:
        rows = list(DailyViews.objects.between(NOON.date() - timedelta(days=6), NOON.date()).per_story())

    assert len(queries) == 1
    assert rows == [{"article": story.pk, "views": 7}]


# Redis: views wait in a per-day hash until flush_views writes them to the database.


@pytest.fixture
def redis_cache(settings):
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis unreachable at {url}: {error}")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "test"}
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def test_with_redis_views_wait_there_until_the_flush_writes_them(clock, client, redis_cache):
    story, other = make_article(), make_article(headline="嘉兴市总工会召开半年度会议")

    beacon(client, story, address="203.0.113.7")
    beacon(client, story, address="198.51.100.20")
    beacon(client, story, address="198.51.100.20")  # the same reader again
    beacon(client, other)

    assert DailyViews.objects.count() == 0
    call_command("flush_views", stdout=StringIO())
    assert views(story) == 2 and views(other) == 1

    beacon(client, story, address="192.0.2.1")
    call_command("flush_views", stdout=StringIO())
    call_command("flush_views", stdout=StringIO())  # nothing left: nothing added twice
    assert views(story) == 3 and views(other) == 1


def test_a_failed_flush_is_written_by_the_next_one(clock, client, redis_cache, monkeypatch):
    story = make_article()
    beacon(client, story)

    def database_down(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(DailyViews, "add", database_down)
    with pytest.raises(RuntimeError):
        counting.flush()
    monkeypatch.undo()
    assert not DailyViews.objects.exists()

    assert counting.flush() == 1
    assert views(story) == 1


# 热门 on the home page.


def read(story, times, day=None):
    DailyViews.add(story.pk, day or NOON.date(), times)


def popular_headlines(response):
    text = response.text
    if 'id="popular-title"' not in text:
        return None
    block = text.split('id="popular-title"', 1)[1].split("</ol>", 1)[0]
    return [line.split(">", 1)[1].split("</a", 1)[0] for line in block.split("<li>")[1:]]


def test_home_lists_the_most_read_published_stories_of_the_last_days(clock, client):
    first = make_article(headline="全省工会宣传工作会议召开")
    second = make_article(headline="湖州首届“工BA”圆满收官")
    third = make_article(headline="南浔区总工会开展送清凉活动")
    unread = make_article(headline="嘉兴市总工会召开半年度会议")
    old_favourite = make_article(headline="去年的热门稿件")
    draft = make_draft(headline="尚未发布的稿件")
    read(first, 40)
    read(second, 12, NOON.date() - timedelta(days=6))
    read(third, 3)
    read(old_favourite, 500, NOON.date() - timedelta(days=7))  # outside the seven days
    read(draft, 99)

    headlines = popular_headlines(client.get(HOME))

    assert headlines == ["全省工会宣传工作会议召开", "湖州首届“工BA”圆满收官", "南浔区总工会开展送清凉活动"]
    assert unread.headline not in headlines


def test_home_hides_the_popular_block_when_nobody_has_read_anything(clock, client):
    make_article()

    response = client.get(HOME)

    assert response.status_code == 200
    assert popular_headlines(response) is None and "热门" not in response.text


def test_a_withdrawn_story_leaves_the_popular_list_at_once(clock, client):
    story, other = make_article(headline="全省工会宣传工作会议召开"), make_article(headline="湖州首届“工BA”圆满收官")
    read(story, 10)
    read(other, 5)
    assert popular_headlines(client.get(HOME)) == [story.headline, other.headline]

    workflow.withdraw(story, make_staff("zongbian", roles.CHIEF), "事实有误")

    assert popular_headlines(client.get(HOME)) == [other.headline]


def test_the_cached_home_page_shows_new_popular_stories_within_minutes(clock, client, settings):
    story = make_article(headline="全省工会宣传工作会议召开")
    assert popular_headlines(client.get(HOME)) is None

    read(story, 5)
    assert popular_headlines(client.get(HOME)) is None  # the stored page, and the ranking, as they were
    clock.shift(timedelta(seconds=settings.READERSHIP_POPULAR_SECONDS + 1))

    assert popular_headlines(client.get(HOME)) == [story.headline]


def test_the_popular_list_costs_the_same_queries_for_one_story_or_five(clock, client, settings):
    settings.PAGE_CACHE = False
    stories = [make_article(headline=f"工会新闻第{number}篇") for number in range(5)]
    read(stories[0], 3)
    client.get(HOME)  # warm: per-process caches
    caches["default"].clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(HOME)
    one = len(queries)  # read now: the next request empties the connection's log
    for number, story in enumerate(stories[1:], start=1):
        read(story, 10 - number)
    caches["default"].clear()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)
    five = len(queries)

    assert len(popular_headlines(response)) == 5
    assert five == one
    # With the ranking in the cache, only the stories are read.
    with CaptureQueriesContext(connection) as queries:
        client.get(HOME)
    assert len(queries) == five - 1


# The admin.


def test_story_list_shows_each_storys_views_without_a_query_per_row(editor_client, django_assert_max_num_queries):
    story = make_article(headline="全省工会宣传工作会议召开")
    read(story, 7)
    read(story, 2, NOON.date() - timedelta(days=40))
    with CaptureQueriesContext(connection) as baseline:
        response = editor_client.get(LIST_URL)
    assert '<td class="field-views_column">9</td>' in response.text
    for number in range(5):
        read(make_article(headline=f"工会新闻第{number}篇"), number + 1)

    with django_assert_max_num_queries(len(baseline)):
        response = editor_client.get(LIST_URL)

    assert response.text.count('<td class="field-views_column">') == 6
    assert '<td class="field-views_column">0</td>' not in response.text


def test_story_list_sorts_by_views(editor_client):
    quiet, busy = make_article(headline="读者较少的稿件"), make_article(headline="读者很多的稿件")
    read(quiet, 1)
    read(busy, 30)

    response = editor_client.get(LIST_URL, {"o": "-8"})  # the column's number in list_display

    rows = [article.pk for article in response.context["cl"].result_list]
    assert rows == [busy.pk, quiet.pk]


def test_story_page_shows_the_total_and_the_last_seven_days(clock, editor_client):
    story = make_article()
    read(story, 4)
    read(story, 6, NOON.date() - timedelta(days=20))

    response = editor_client.get(change_url(story))

    assert response.status_code == 200
    assert "共 10 次，近 7 天 4 次" in response.text
