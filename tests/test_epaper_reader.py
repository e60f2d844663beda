"""数字报 as readers see it: the latest edition and the calendar, a page's image with its
story areas as links, PDF downloads, and the page cache following editors' changes."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from articles.epaper.models import SCREEN_WIDTH, THUMB_WIDTH, ZOOM_WIDTH, StoryArea
from articles.models import Article
from tests.builders import NOON, make_article, make_editor, make_page
from tests.epaper_builders import FAKE_PDF, make_area, make_edition_file, make_page_file


@pytest.fixture(autouse=True)
def readers_visit_an_hour_after_noon(an_hour_after_noon):
    """Every page here is read at the shared clock of tests/conftest.py (NOON is 2025-06-12 12:00)."""


def story_on(page, headline, **fields):
    return make_article(headline=headline, pages=[page], **fields)


def area_links(html):
    """{href: [rect attribute strings]} of the story areas over the page image."""
    svg = re.search(r'<svg class="sheet-areas".*?</svg>', html, re.S)
    if not svg:
        return {}
    return {
        href: re.findall(r"<rect ([^>]*)/>", body)
        for href, body in re.findall(r'<a href="([^"]+)" class="area"[^>]*>(.*?)</a>', svg.group(0), re.S)
    }


@pytest.fixture
def front():
    """Page 1 of 2025-06-12 with its image: a story in two rectangles (it wraps around a photo), and one in one."""
    page = make_page(1, name="要闻")
    meeting = story_on(page, "全省工会宣传工作会议召开")
    league = story_on(page, "湖州首届“工BA”圆满收官")
    make_page_file(page)
    make_area(page, meeting, [40, 60, 800, 300], [40, 300, 400, 560], order=1)
    make_area(page, league, [420, 300, 800, 560], order=2)
    return page


# --- The index and its calendar ------------------------------------------------------------


def test_index_shows_the_latest_edition_as_page_images_the_first_larger(client, front):
    inside = make_page(2, name="地方新闻")
    story_on(inside, "南浔区总工会开展送清凉活动")
    older = make_page(1, edition_date=NOON.date() - timedelta(days=1))
    story_on(older, "昨天的稿件")

    html = client.get(reverse("epaper:index")).text

    latest = html[html.index("最新一期") : html.index("往期数字报")]
    assert "2025年6月12日" in latest and older.get_absolute_url() not in latest
    lead = re.search(r'<li class="lead-sheet">.*?</li>', latest, re.S).group(0)
    assert front.get_absolute_url() in lead and "<b>第1版</b> 要闻" in lead
    assert f"{front.file.screen.url} {SCREEN_WIDTH}w" in lead and f'width="{SCREEN_WIDTH}" height="1414"' in lead
    # The second page has no image yet: its number stands in for it, with its name and link.
    assert f'<a href="{inside.get_absolute_url()}">' in latest and "<b>第2版</b> 地方新闻" in latest
    assert 'class="sheet-placeholder"' in latest


def test_calendar_links_each_day_with_an_edition_to_its_first_page_and_moves_between_months(client):
    today = make_page(1)
    story_on(today, "今天的稿件")
    # On 6月3日 page 1 holds only a draft: the day links to page 2, the first a reader can open.
    draft_front, june_third = make_page(1, edition_date=date(2025, 6, 3)), make_page(2, edition_date=date(2025, 6, 3))
    story_on(draft_front, "待审稿", status=Article.Status.DRAFT)
    story_on(june_third, "六月三日的稿件")
    march = make_page(1, edition_date=date(2025, 3, 8))
    story_on(march, "三月的稿件")

    html = client.get(reverse("epaper:index")).text

    calendar = html[html.index('<table class="calendar">') : html.index("</table>")]
    assert "<caption>2025年6月</caption>" in calendar
    assert f'<a href="{june_third.get_absolute_url()}" aria-label="2025年6月3日数字报">3</a>' in calendar
    assert f'<a href="{today.get_absolute_url()}" aria-label="2025年6月12日数字报">12</a>' in calendar
    assert "<span>4</span>" in calendar  # a day without an edition is no link
    # June 2025 starts on a Sunday: six empty cells before it in a Monday-first week.
    assert calendar.count("<td></td>") >= 6
    # Months without editions are skipped: back from June goes to March; nothing after June.
    assert '<a href="/epaper/2025-03/" rel="prev">« 2025年3月</a>' in html
    assert 'rel="next"' not in html[html.index('class="calendar-nav"') :]

    march_html = client.get("/epaper/2025-03/").text
    assert "<caption>2025年3月</caption>" in march_html
    assert f'<a href="{march.get_absolute_url()}" aria-label="2025年3月8日数字报">8</a>' in march_html
    assert '<a href="/epaper/2025-06/" rel="next">2025年6月 »</a>' in march_html
    assert f'<a href="{reverse("epaper:index")}">最新一期</a>' in march_html
    # A past month's page is its calendar, first on a phone's screen; the latest edition is
    # the 最新一期 link away, and June's page (the latest month) shows it above the calendar.
    assert "latest-edition" not in march_html and today.get_absolute_url() not in march_html
    june_html = client.get("/epaper/2025-06/").text
    assert today.get_absolute_url() in june_html[: june_html.index("往期数字报")]


@pytest.mark.parametrize(
    "url",
    [
        "/epaper/2025-13/",
        "/epaper/2025-00/",
        "/epaper/1899-12/",
        "/epaper/2025-05/",
        "/epaper/2025-6/",
        "/epaper/6-2025/",
    ],
)
def test_a_malformed_or_empty_month_is_not_found(client, front, url):
    response = client.get(url)
    assert response.status_code == 404


def test_a_page_number_spelled_with_a_zero_is_sent_to_the_page_s_one_address(client, front):
    padded = front.get_absolute_url().rstrip("/").rsplit("/", 1)[0] + f"/0{front.number}/"
    response = client.get(padded)
    assert response.status_code == 301 and response["Location"] == front.get_absolute_url()


def test_without_editions_the_index_says_so_and_points_to_the_stories(client):
    response = client.get(reverse("epaper:index"))
    assert response.status_code == 200
    assert "还没有出版的数字报" in response.text and reverse("articles:list") in response.text
    assert client.get("/epaper/2025-06/").status_code == 404


def test_index_offers_the_whole_edition_as_a_pdf_with_its_size(client, front):
    edition = make_edition_file(front.edition_date)
    html = client.get(reverse("epaper:index")).text
    assert f'<a href="{edition.pdf.url}" download>下载本期全部版面（PDF，{len(FAKE_PDF) * 3}\xa0字节）</a>' in html


# --- A page with its image -----------------------------------------------------------------


def test_page_image_is_sized_for_the_screen_without_layout_shift(client, front):
    html = client.get(front.get_absolute_url()).text
    image = re.search(r'<img src="[^"]*screen[^"]*" srcset="([^"]+)" sizes="[^"]+" width="(\d+)" height="(\d+)"', html)
    srcset, width, height = image.groups()
    assert srcset.split(", ") == [
        f"{front.file.thumb.url} {THUMB_WIDTH}w",
        f"{front.file.screen.url} {SCREEN_WIDTH}w",
        f"{front.file.zoom.url} {ZOOM_WIDTH}w",
    ]
    # The page's own aspect (842 × 1191 points) at screen width.
    assert (int(width), int(height)) == (SCREEN_WIDTH, round(SCREEN_WIDTH * 1191 / 842))


def test_story_areas_are_links_over_the_image_and_a_story_in_two_rectangles_is_one_link(client, front):
    html = client.get(front.get_absolute_url()).text
    meeting = Article.objects.get(headline="全省工会宣传工作会议召开")
    league = Article.objects.get(headline="湖州首届“工BA”圆满收官")

    assert 'viewBox="0 0 842 1191"' in html  # the areas' coordinates are the page's points
    assert area_links(html) == {
        meeting.get_absolute_url(): [
            'x="40" y="60" width="760" height="240"',
            'x="40" y="300" width="360" height="260"',
        ],
        league.get_absolute_url(): ['x="420" y="300" width="380" height="260"'],
    }
    assert "<title>全省工会宣传工作会议召开</title>" in html  # the link's name for screen readers


def test_the_list_of_the_pages_stories_follows_the_image(client, front):
    html = client.get(front.get_absolute_url()).text
    stories = html[html.index('<h2 class="section-title">本版稿件') :]
    assert html.index("<svg") < html.index('<h2 class="section-title">本版稿件')
    assert stories.index("全省工会宣传工作会议召开") < stories.index("湖州首届“工BA”圆满收官")


def test_areas_of_stories_readers_cannot_open_are_not_links(client, front):
    draft = story_on(front, "待审的版面稿", status=Article.Status.DRAFT)
    scheduled = story_on(front, "明天才发布的稿件", published_at=NOON + timedelta(days=1))
    make_area(front, draft, [40, 600, 400, 900])
    make_area(front, scheduled, [420, 600, 800, 900])
    make_area(front, None, [40, 900, 800, 1100], headline="广告")

    html = client.get(front.get_absolute_url()).text

    assert len(area_links(html)) == 2
    for hidden in ("待审的版面稿", "明天才发布的稿件", "广告"):
        assert hidden not in html
    assert draft.get_absolute_url() not in html and scheduled.get_absolute_url() not in html


def test_boxes_outside_the_page_are_clipped_and_malformed_ones_dropped(client, front):
    StoryArea.objects.filter(headline="湖州首届“工BA”圆满收官").update(
        boxes=[[700, 1100, 900, 1300], [10, 10, 10, 50], "nonsense", [1, 2, 3]]
    )
    league = Article.objects.get(headline="湖州首届“工BA”圆满收官")
    links = area_links(client.get(front.get_absolute_url()).text)
    assert links[league.get_absolute_url()] == ['x="700" y="1100" width="142" height="91"']


def test_page_offers_its_pdf_and_the_editions_with_sizes(client, front):
    edition = make_edition_file(front.edition_date)
    html = client.get(front.get_absolute_url()).text
    assert f'<a href="{front.file.pdf.url}" download>下载本版 PDF（{len(FAKE_PDF)}\xa0字节）</a>' in html
    assert f'<a href="{edition.pdf.url}" download>下载本期全部版面 PDF（{len(FAKE_PDF) * 3}\xa0字节）</a>' in html


def test_page_without_an_edition_pdf_offers_only_its_own(client, front):
    html = client.get(front.get_absolute_url()).text
    assert "下载本版 PDF" in html and "下载本期全部版面" not in html


def test_strip_of_thumbnails_and_previous_and_next_page(client, front):
    inside = make_page(2, name="地方新闻")
    story_on(inside, "南浔区总工会开展送清凉活动")
    make_page_file(inside)
    hidden = make_page(3, name="职工文化")
    story_on(hidden, "还没审的稿", status=Article.Status.DRAFT)

    front_html = client.get(front.get_absolute_url()).text
    strip = re.search(r'<nav class="sheet-strip".*?</nav>', front_html, re.S).group(0)
    assert f'<a href="{front.get_absolute_url()}" aria-current="page"><img src="{front.file.thumb.url}"' in strip
    assert f'<a href="{inside.get_absolute_url()}"><img src="{inside.file.thumb.url}"' in strip
    assert hidden.get_absolute_url() not in front_html
    assert f'<a href="{inside.get_absolute_url()}" rel="next">下一版（第2版）»</a>' in front_html
    assert 'rel="prev"' not in front_html

    inside_html = client.get(inside.get_absolute_url()).text
    assert f'<a href="{front.get_absolute_url()}" rel="prev">« 上一版（第1版）</a>' in inside_html
    assert 'rel="next"' not in inside_html


def test_a_page_without_its_image_stays_a_list_of_stories(client):
    page = make_page(1, name="要闻")
    story = story_on(page, "全省工会宣传工作会议召开")
    html = client.get(page.get_absolute_url()).text
    assert "<svg" not in html and "下载本版" not in html
    assert story.get_absolute_url() in html


@pytest.mark.parametrize(
    "url", ["/epaper/2025-06-12/2/", "/epaper/2025-06-11/1/", "/epaper/2025-02-30/1/", "/epaper/2025-06-12/0/"]
)
def test_missing_pages_and_impossible_dates_are_not_found(client, front, url):
    assert client.get(url).status_code == 404


def test_a_missing_pdf_file_does_not_break_the_page(client, front):
    front.file.pdf.storage.delete(front.file.pdf.name)
    response = client.get(front.get_absolute_url())
    assert response.status_code == 200
    assert "下载本版 PDF</a>" in response.text  # still offered, without a size


# --- The article page ----------------------------------------------------------------------


def test_the_story_links_back_to_the_page_it_was_printed_on(client, front, settings):
    meeting = Article.objects.get(headline="全省工会宣传工作会议召开")
    html = client.get(meeting.get_absolute_url()).text
    assert f'<a href="{front.get_absolute_url()}">刊于2025年6月12日《{settings.SITE_NAME}》第1版 要闻</a>' in html


# --- Queries and the page cache ------------------------------------------------------------


def test_page_with_image_costs_a_fixed_number_of_queries(client, front, settings, django_assert_num_queries):
    settings.PAGE_CACHE = False
    client.get(front.get_absolute_url())  # warm per-process caches
    with django_assert_num_queries(7):
        client.get(front.get_absolute_url())
    for index in range(6):
        story = story_on(front, f"更多稿件{index}", tags=["工会"], photos=1)
        make_area(front, story, [40, 600 + index * 50, 800, 640 + index * 50], [40, 20, 60, 40])
    make_page_file(story_on(make_page(2), "第二版稿件").placements.get().page)
    make_edition_file(front.edition_date)
    with django_assert_num_queries(7):
        response = client.get(front.get_absolute_url())
    assert len(area_links(response.text)) == 8


def test_index_costs_a_fixed_number_of_queries(client, front, settings, django_assert_num_queries):
    settings.PAGE_CACHE = False
    client.get(reverse("epaper:index"))
    with django_assert_num_queries(4):
        client.get(reverse("epaper:index"))
    for days in range(1, 40, 3):
        page = make_page(1, edition_date=NOON.date() - timedelta(days=days))
        story_on(page, f"往期稿件{days}")
        make_page_file(page)
    inside = make_page(2)
    story_on(inside, "第二版")
    make_page_file(inside)
    make_edition_file(front.edition_date)
    with django_assert_num_queries(4):
        client.get(reverse("epaper:index"))


def test_an_editors_change_to_an_area_reaches_readers_at_once(client, client_for, front):
    """The page cache holds the page for readers; an editor's correction of an area shows at once."""
    editor = client_for(make_editor())
    league = Article.objects.get(headline="湖州首届“工BA”圆满收官")
    before = area_links(client.get(front.get_absolute_url()).text)
    assert before[league.get_absolute_url()] == ['x="420" y="300" width="380" height="260"']

    area = StoryArea.objects.get(article=league)
    area.boxes = [[420, 300, 800, 700]]
    area.corrected = True
    area.save()  # as the admin's form saves it

    for visitor in (client, editor):
        assert area_links(visitor.get(front.get_absolute_url()).text)[league.get_absolute_url()] == [
            'x="420" y="300" width="380" height="400"'
        ]

    area.delete()
    assert league.get_absolute_url() not in area_links(client.get(front.get_absolute_url()).text)


def test_a_new_page_image_or_edition_pdf_reaches_readers_at_once(client):
    page = make_page(1, name="要闻")
    story_on(page, "全省工会宣传工作会议召开")
    assert "<svg" not in client.get(page.get_absolute_url()).text
    # Without any page image the edition is a list of its pages, not of empty frames.
    index = client.get(reverse("epaper:index")).text
    assert "sheet-placeholder" not in index and "<b>第1版</b> 要闻" in index

    make_page_file(page)
    make_area(page, Article.objects.get(), [40, 60, 800, 300])

    assert len(area_links(client.get(page.get_absolute_url()).text)) == 1
    assert page.file.screen.url in client.get(reverse("epaper:index")).text
    assert "下载本期全部版面" not in client.get(page.get_absolute_url()).text

    make_edition_file(page.edition_date)

    assert "下载本期全部版面" in client.get(page.get_absolute_url()).text
    assert "下载本期全部版面" in client.get(reverse("epaper:index")).text


def test_the_app_serving_media_itself_serves_the_page_images_and_pdfs(client, front, settings):
    settings.SERVE_MEDIA = True
    for field in (front.file.thumb, front.file.screen, front.file.zoom, front.file.pdf):
        response = client.get(field.url)
        assert response.status_code == 200, field.url
        assert b"".join(response.streaming_content if response.streaming else [response.content])
