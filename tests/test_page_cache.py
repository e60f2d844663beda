"""The page cache (unionnews/pagecache): readers get cached pages, and never a stale one.

A cached answer is recognised by its ETag (the uncached stack sends none) and by costing
no query. Each test client is a worker of its own (its own middleware, so its own store
of pages); they share the generation file and, with REDIS_URL, Redis.
"""

import gzip
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from articles.models import Article
from tests.admin import postdata
from tests.admin.forms import form_data
from tests.builders import NOON, change_url, make_article, make_draft, make_event, make_page
from unionnews.pagecache import generation
from unionnews.pagecache.middleware import PageCacheMiddleware

Status = Article.Status
READER_PAGES = ["/", "/articles/", "/unions/huzhou/", "/tags/工会/", "/feed/", "/sitemap-news.xml"]


def fetch(client, url, **headers):
    """(response, queries it cost)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def cached(client, url, **headers):
    """The page as the cache answers it: it must be a hit."""
    response, queries = fetch(client, url, **headers)
    assert response.status_code in (200, 304), url
    assert "ETag" in response and queries == 0, f"{url} was not served from the cache"
    return response


def text(response):
    return response.content.decode()


@pytest.fixture(autouse=True)
def pages_kept_for_a_week(settings):
    """Longer than any test's clock travels: only the generation can explain a change."""
    settings.PAGE_CACHE_SECONDS = 7 * 24 * 3600


@pytest.fixture
def reader(db):
    return Client()


@pytest.fixture
def story(huzhou, clock):
    return make_article(headline="湖州市总工会召开全委会", unions=[huzhou], tags=["工会"])


def transition(client, article, action, **data):
    response = client.post(reverse("admin:articles_article_transition", args=[article.pk, action]), data)
    assert response.status_code == 302
    return response


def shows(client, url, article):
    """Whether the page at `url` shows `article` (a sitemap by its address, other pages by headline)."""
    article = Article.objects.get(pk=article.pk)
    page = text(client.get(url))
    return article.get_absolute_url() in page if url.startswith("/sitemap") else article.headline in page


def warm(client, urls=READER_PAGES):
    """Read each page twice, so it is in the cache (the second read is a hit)."""
    for url in urls:
        assert client.get(url).status_code == 200, url
        cached(client, url)


def test_a_second_read_is_answered_from_the_cache_without_a_query(story, reader):
    first, queries = fetch(reader, "/")

    assert first.status_code == 200 and queries > 0
    again = cached(reader, "/")
    assert text(again) == text(first)
    assert again["Cache-Control"] == "max-age=0, must-revalidate"


def test_a_cached_page_carries_the_security_headers_of_the_full_stack(story, reader):
    full = reader.get("/")
    hit = cached(reader, "/")

    for header in [
        "Content-Security-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Content-Type",
    ]:
        assert hit[header] == full[header], header
    assert "nonce-" not in hit["Content-Security-Policy"]
    assert "Set-Cookie" not in hit and not hit.cookies


def test_a_story_an_editor_signs_off_shows_on_every_list_at_the_readers_next_request(
    staff, client_for, huzhou, reader, clock
):
    make_article(headline="已有的稿件", unions=[huzhou], tags=["工会"])
    article = make_draft(headline="全省职工技能大赛开幕", unions=[huzhou], tags=["工会"], status=Status.FINAL_REVIEW)
    warm(reader)

    transition(client_for(staff.chief), article, "approve")

    for url in READER_PAGES:
        assert shows(reader, url, article), url
    assert reader.get(Article.objects.get(pk=article.pk).get_absolute_url()).status_code == 200


def test_an_edit_of_a_live_story_through_the_admin_shows_at_once(staff, client_for, story, reader):
    warm(reader, ["/", story.get_absolute_url(), "/feed/"])
    chief = client_for(staff.chief)
    data = form_data(chief.get(change_url(story)))

    response = chief.post(change_url(story), {**data, "_continue": "1", "headline": "湖州市总工会召开十一届全委会"})

    assert response.status_code == 302
    for url in ["/", story.get_absolute_url(), "/feed/"]:
        assert "湖州市总工会召开十一届全委会" in text(reader.get(url)), url


def test_a_correction_shows_under_the_story_and_in_the_feed_at_once(staff, client_for, story, reader):
    warm(reader, [story.get_absolute_url(), "/feed/"])

    transition(client_for(staff.deputy), story, "correct", comment="原稿中“第十届”应为“第十一届”。")

    assert "原稿中“第十届”应为“第十一届”。" in text(reader.get(story.get_absolute_url()))
    assert "原稿中“第十届”应为“第十一届”。" in text(reader.get("/feed/"))


def test_a_withdrawn_story_is_gone_from_every_page_at_once(staff, client_for, story, reader):
    warm(reader, [*READER_PAGES, story.get_absolute_url()])

    transition(client_for(staff.chief), story, "withdraw", comment="数据有误")

    assert reader.get(story.get_absolute_url()).status_code == 410
    for url in READER_PAGES:
        assert not shows(reader, url, story), url


def test_a_renamed_union_shows_on_its_page_at_once(story, huzhou, reader):
    warm(reader, ["/unions/huzhou/", "/unions/"])

    huzhou.name = "湖州市总工会（新）"
    huzhou.save()

    assert "湖州市总工会（新）" in text(reader.get("/unions/huzhou/"))
    assert "湖州市总工会（新）" in text(reader.get("/unions/"))


def test_a_renamed_tag_shows_on_its_page_at_once(story, reader):
    warm(reader, ["/tags/工会/", story.get_absolute_url()])

    tag = Tag.objects.get(slug="工会")
    tag.name = "工会工作"
    tag.save()

    assert "工会工作" in text(reader.get("/tags/工会/"))
    assert "工会工作" in text(reader.get(story.get_absolute_url()))


def test_an_event_an_editor_adds_shows_on_the_events_and_home_pages_at_once(editor_client, story, reader):
    warm(reader, ["/events/", "/"])

    response = editor_client.post(reverse("admin:events_event_add"), postdata.event(title="湖州市第二届职工运动会"))

    assert response.status_code == 302
    assert "湖州市第二届职工运动会" in text(reader.get("/events/"))
    assert "湖州市第二届职工运动会" in text(reader.get("/"))


def test_a_print_page_renamed_shows_in_the_epaper_at_once(story, reader):
    page = make_page(name="要闻")
    story.placements.create(page=page, part=1)
    warm(reader, ["/epaper/"])

    page.name = "综合新闻"
    page.save()

    assert "综合新闻" in text(reader.get("/epaper/"))


def test_a_scheduled_story_appears_on_every_list_at_its_time_with_nothing_saved(huzhou, clock, settings):
    # The home page is otherwise kept only READERSHIP_POPULAR_SECONDS (its 热门 list).
    settings.READERSHIP_POPULAR_SECONDS = settings.PAGE_CACHE_SECONDS
    make_article(headline="已有的稿件", unions=[huzhou], tags=["工会"])
    later = make_article(
        headline="全省职工技能大赛明日开幕", unions=[huzhou], tags=["工会"], published_at=NOON + timedelta(hours=2)
    )
    one, another = Client(), Client()  # two workers
    clock.shift(timedelta(hours=1))
    warm(one)
    warm(another)

    clock.shift(timedelta(minutes=59, seconds=59))
    for url in READER_PAGES:
        cached(one, url)
        assert not shows(one, url, later), url

    clock.shift(timedelta(seconds=1))
    for worker in (one, another):
        for url in READER_PAGES:
            assert shows(worker, url, later), url
        assert worker.get(later.get_absolute_url()).status_code == 200


def test_an_event_moves_from_upcoming_to_past_when_it_ends(story, reader, clock):
    make_event(title="湖州市职工象棋赛", starts_at=NOON - timedelta(days=1), ends_at=NOON + timedelta(hours=3))
    warm(reader, ["/events/", "/events/?when=past", "/"])

    clock.shift(timedelta(hours=3, seconds=1))

    assert "湖州市职工象棋赛" not in text(reader.get("/events/"))
    assert "湖州市职工象棋赛" in text(reader.get("/events/?when=past"))
    assert "湖州市职工象棋赛" not in text(reader.get("/"))


def test_a_print_page_appears_on_its_edition_date(story, reader, clock):
    page = make_page(name="明日要闻", edition_date=NOON.date() + timedelta(days=1))
    story.placements.create(page=page, part=1)
    warm(reader, ["/epaper/"])
    assert "明日要闻" not in text(cached(reader, "/epaper/"))

    clock.shift(timedelta(hours=12))  # midnight in Shanghai

    assert "明日要闻" in text(reader.get("/epaper/"))


def test_an_editor_with_a_session_neither_reads_nor_fills_the_cache(editor_client, story, reader):
    editors_first, queries = fetch(editor_client, "/")
    assert queries > 0 and "ETag" not in editors_first
    _, queries = fetch(reader, "/")
    assert queries > 0, "the reader got the page the editor rendered"
    cached(reader, "/")

    editors_next, queries = fetch(editor_client, "/")

    assert queries > 0 and "ETag" not in editors_next, "the editor got the readers' cached page"


def test_an_editors_preview_is_never_cached(staff, client_for, huzhou, reader):
    article = make_draft(headline="尚未发布的稿件", unions=[huzhou])
    url = reverse("admin:articles_article_preview", args=[article.pk])
    correspondent = client_for(staff.correspondent)

    assert "尚未发布的稿件" in text(correspondent.get(url))
    assert reader.get(url).status_code == 302  # to the login page, not a cached preview
    assert "ETag" not in correspondent.get(url)


def test_a_conditional_request_with_the_etag_gets_304(story, reader):
    etag = reader.get("/")["ETag"]

    response = cached(reader, "/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag
    assert reader.get("/", HTTP_IF_NONE_MATCH='"another"').status_code == 200


def test_a_conditional_request_with_last_modified_gets_304(story, reader, clock):
    last_modified = reader.get("/")["Last-Modified"]

    assert cached(reader, "/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_an_unchanged_page_keeps_its_etag_across_an_unrelated_change(story, reader):
    etag = reader.get("/")["ETag"]

    make_draft(headline="还没审完的稿件")  # readers see nothing of it, but the generation moves on
    response, queries = fetch(reader, "/", HTTP_IF_NONE_MATCH=etag)

    assert queries > 0  # rendered again under the new generation
    assert response.status_code == 304


def test_a_change_shows_at_once_on_every_worker(story, reader):
    another = Client()
    warm(reader, ["/"])
    warm(another, ["/"])

    make_article(headline="湖州市总工会召开十一届全委会")

    assert "湖州市总工会召开十一届全委会" in text(reader.get("/"))
    assert "湖州市总工会召开十一届全委会" in text(another.get("/"))


def test_one_workers_render_serves_the_others_through_redis(story, reader):
    if generation.shared_cache() is None:
        pytest.skip("no shared cache (REDIS_URL unset): each worker renders its own pages")
    first = reader.get("/")

    hit = cached(Client(), "/")

    assert hit.content == first.content and hit["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", ["/", "/feed/", "/sitemap.xml"])
def test_html_feeds_and_sitemaps_are_sent_gzipped_to_clients_that_accept_it(story, reader, url):
    plain = reader.get(url)

    zipped = reader.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    again = cached(reader, url, HTTP_ACCEPT_ENCODING="gzip")

    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert again.content == zipped.content and again["Content-Encoding"] == "gzip"
    assert again["ETag"] != plain["ETag"]  # another representation
    assert "Content-Encoding" not in cached(reader, url)


def test_a_host_not_allowed_gets_400_never_a_cached_page(story, reader):
    warm(reader, ["/"])

    assert reader.get("/", HTTP_HOST="evil.example").status_code == 400


def test_head_is_answered_from_the_cache(story, reader):
    body = reader.get("/").content

    with CaptureQueriesContext(connection) as queries:
        response = reader.head("/")

    assert response.status_code == 200 and "ETag" in response and len(queries) == 0
    assert int(response["Content-Length"]) == len(body)


def test_the_admin_and_its_forms_still_work_behind_the_cache(editor_client, story):
    response = editor_client.get(change_url(story))

    assert response.status_code == 200 and "ETag" not in response
    assert "csrfmiddlewaretoken" in text(response)


# The rules, on a view of our own behind the middleware (a worker with nothing else).


class CountingView:
    def __init__(self, respond):
        self.respond = respond
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        return self.respond(request)


def served_twice(respond):
    """How many times the view ran for two identical anonymous GETs."""
    view = CountingView(respond)
    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/rules/"))
    return view.calls


def page_with_csrf_token(request):
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')


def page_setting_a_cookie(request):
    response = HttpResponse("<p>hello</p>")
    response.set_cookie("seen", "1")
    return response


def page_with_a_nonce(request):
    request._csp_nonce = "abc"
    return HttpResponse('<script nonce="abc"></script>')


@never_cache
def page_never_cached(request):
    return HttpResponse("<p>now</p>")


def page_not_found(request):
    return HttpResponse("<p>没有</p>", status=404)


@pytest.mark.django_db
def test_a_plain_page_is_rendered_once(clock):
    assert served_twice(lambda request: HttpResponse("<p>hello</p>")) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view", [page_with_csrf_token, page_setting_a_cookie, page_with_a_nonce, page_never_cached, page_not_found]
)
def test_answers_that_belong_to_one_visitor_or_are_not_pages_are_never_stored(view, clock):
    assert served_twice(view) == 2


@pytest.mark.django_db
def test_a_request_with_a_session_cookie_is_never_answered_from_the_cache(clock, settings):
    view = CountingView(lambda request: HttpResponse("<p>hello</p>"))
    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/rules/"))

    factory = RequestFactory()
    factory.cookies[settings.SESSION_COOKIE_NAME] = "abc"
    middleware(factory.get("/rules/"))

    assert view.calls == 2


def test_the_cache_can_be_turned_off(settings, story, reader):
    settings.PAGE_CACHE = False

    reader.get("/")
    response, queries = fetch(reader, "/")

    assert queries > 0 and "ETag" not in response


def bumps(before, after):
    """How many bumps lie between two generations (the file's size, or Redis's number)."""
    if "." in before:
        return int(after.split(".")[1], 16) - int(before.split(".")[1], 16)
    return int(after) - int(before)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # others after it need the migrated rows
def test_a_change_bumps_the_generation_once_and_only_after_its_commit(clock):
    store = generation.store()
    before = store.read()

    with transaction.atomic():
        make_article(headline="一次提交里的许多行", tags=["工会", "劳动保护"])  # a story, its tags, its search row
        assert store.read() == before, (
            "bumped before the commit: a reader could cache the old page under the new number"
        )

    assert bumps(before, store.read()) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # others after it need the migrated rows
def test_a_change_rolled_back_bumps_nothing(clock):
    store = generation.store()
    before = store.read()

    def save_then_fail():
        with transaction.atomic():
            make_article(headline="撤销的修改")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        save_then_fail()

    assert store.read() == before


def test_a_link_shared_with_tracking_parameters_is_served_the_cached_page(story, reader):
    page = reader.get("/")

    shared = cached(reader, "/?from=singlemessage&isappinstalled=0&utm_source=wechat")

    assert text(shared) == text(page)


def test_made_up_query_parameters_do_not_fill_the_cache(story, reader):
    reader.get("/articles/")
    for n in range(5):
        cached(reader, f"/articles/?x={n}")
    # A parameter pages read is still part of the address: page 2 is not page 1's answer.
    assert fetch(reader, "/articles/?page=2")[1] > 0


def test_the_order_of_query_parameters_does_not_split_a_page(story, reader):
    first = reader.get("/search/?q=全委会&union=&tag=")

    again = cached(reader, "/search/?tag=&union=&q=全委会")

    assert text(again) == text(first) and 'value="全委会"' in text(again)


def test_every_parameter_a_public_form_reads_makes_part_of_a_pages_address():
    from articles.events.forms import EventFilterForm
    from articles.search.forms import SearchForm
    from unionnews.pagecache.middleware import QUERY_KEYS

    for form in (SearchForm, EventFilterForm):
        assert set(form.base_fields) <= QUERY_KEYS, form.__name__
