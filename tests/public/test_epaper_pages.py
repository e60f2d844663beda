from datetime import date, timedelta

from django.urls import reverse

from articles.models import Article
from tests.builders import NOON, make_article, make_editor, make_page


def published_page(number=1, **fields):
    """A print page carrying one published story, as readers see it."""
    page = make_page(number, **fields)
    make_article(headline=f"{page}的稿件", pages=[page])
    return page


def test_epaper_index_shows_the_latest_edition_and_links_the_earlier_one_in_the_calendar(client):
    front, inside = published_page(1, name="要闻"), published_page(2, name="地方新闻")
    earlier = published_page(1, edition_date=date(2025, 6, 5))
    html = client.get(reverse("epaper:index")).content.decode()
    latest = html[html.index("最新一期") : html.index("往期数字报")]
    assert "2025年6月12日" in latest
    assert latest.index("<b>第1版</b> 要闻") < latest.index("<b>第2版</b> 地方新闻")
    assert front.get_absolute_url() in latest and inside.get_absolute_url() in latest
    assert earlier.get_absolute_url() not in latest
    calendar = html[html.index("往期数字报") :]
    assert f'<a href="{earlier.get_absolute_url()}" aria-label="2025年6月5日数字报">5</a>' in calendar


def test_epaper_index_counts_only_published_stories(client):
    page = make_page(1)
    make_article(pages=[page])
    make_article(pages=[page], status="draft")
    response = client.get(reverse("epaper:index"))
    [(listed, _sheet)] = response.context["sheets"]
    assert (listed.edition_date, listed.story_count) == (NOON.date(), 1)
    assert '<span class="count">1篇</span>' in response.text


def test_future_editions_are_hidden(client):
    published_page(1)
    tomorrow = published_page(1, edition_date=NOON.date() + timedelta(days=1))
    assert "2025年6月13日" not in client.get(reverse("epaper:index")).content.decode()
    assert client.get(tomorrow.get_absolute_url()).status_code == 404


def test_page_shows_its_published_stories_in_order_and_the_other_pages(client):
    front, inside = make_page(1, name="要闻"), published_page(2, name="地方新闻")
    make_article(headline="全省工会宣传工作会议召开", pages=[front])
    make_article(headline="湖州首届“工BA”圆满收官", pages=[front])
    make_article(headline="未发布的版面稿", pages=[front], status="draft")
    response = client.get(front.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "第1版 要闻" in html
    assert html.index("全省工会宣传工作会议召开") < html.index("湖州首届“工BA”圆满收官")
    assert "未发布的版面稿" not in html
    assert f'<a href="{inside.get_absolute_url()}"><b>第2版</b> 地方新闻</a>' in html
    # The sidebar tells pages apart by number, name and how many stories each has online.
    sidebar = html[html.index('class="edition-pages"') :]
    assert (
        '<span class="page-number">第1版</span> <span class="page-name">要闻</span> <span class="count">2篇</span>'
        in sidebar
    )
    assert (
        '<span class="page-number">第2版</span> <span class="page-name">地方新闻</span> <span class="count">1篇</span>'
        in sidebar
    )


def test_story_jumping_pages_shows_jump_lines_on_both_pages(client):
    front, inside = make_page(1), make_page(2)
    make_article(headline="推动全会精神深入人心", pages=[front, inside])
    front_html = client.get(front.get_absolute_url()).content.decode()
    inside_html = client.get(inside.get_absolute_url()).content.decode()
    assert f'<a href="{inside.get_absolute_url()}">（下转第2版）</a>' in front_html
    assert f'<a href="{front.get_absolute_url()}">（上接第1版）</a>' in inside_html
    assert "下转" not in inside_html


def test_impossible_dates_and_missing_pages_are_not_found(client):
    published_page(1)
    assert client.get("/epaper/2025-02-30/1/").status_code == 404
    assert client.get("/epaper/2025-13-01/1/").status_code == 404
    assert client.get("/epaper/2025-06-12/9/").status_code == 404
    assert client.get("/epaper/2025-06-11/1/").status_code == 404
    assert client.get("/epaper/12-06-2025/1/").status_code == 404


def test_epaper_page_queries_do_not_grow_with_stories(
    client, queries_for, huzhou, nanxun, django_assert_max_num_queries
):
    front, inside = make_page(1), make_page(2)
    make_article(pages=[front, inside], unions=[huzhou], tags=["工BA"], photos=1)
    baseline = queries_for(front.get_absolute_url())
    make_page(3)
    for _ in range(5):
        make_article(pages=[front, inside], unions=[huzhou, nanxun], tags=["工BA", "学习贯彻"], photos=2)
    with django_assert_max_num_queries(baseline):
        client.get(front.get_absolute_url())


def test_epaper_index_queries_do_not_grow_with_editions(client, queries_for, django_assert_max_num_queries):
    make_article(pages=[make_page(1)])
    make_article(pages=[make_page(1, edition_date=NOON.date() - timedelta(days=40))])
    baseline = queries_for(reverse("epaper:index"))
    for days in range(1, 6):
        day = NOON.date() - timedelta(days=days)
        make_article(pages=[make_page(1, edition_date=day), make_page(2, edition_date=day)])
    make_article(pages=[make_page(3)])
    with django_assert_max_num_queries(baseline):
        client.get(reverse("epaper:index"))


def test_a_print_page_whose_stories_are_all_drafts_is_hidden_from_readers(client, client_for, db):
    front, imported = make_page(1, name="要闻"), make_page(2, name="地方新闻")
    make_article(headline="全省工会宣传工作会议召开", pages=[front])
    make_article(headline="待审的版面稿", pages=[imported], status="draft")
    only_drafts = make_page(1, edition_date=NOON.date() - timedelta(days=1))
    make_article(headline="前一天的草稿", pages=[only_drafts], status="draft")

    for visitor in (client, client_for(make_editor())):
        index = visitor.get(reverse("epaper:index"))
        assert [(page.edition_date, page.number) for page, sheet in index.context["sheets"]] == [(NOON.date(), 1)]
        assert only_drafts.get_absolute_url() not in index.text
        assert "0篇" not in index.text and "地方新闻" not in index.text
        assert visitor.get(imported.get_absolute_url()).status_code == 404
        assert visitor.get(only_drafts.get_absolute_url()).status_code == 404
        assert imported.get_absolute_url() not in visitor.get(front.get_absolute_url()).text

    sitemap = client.get("/sitemap-epaper.xml")
    assert front.get_absolute_url() in sitemap.text
    assert imported.get_absolute_url() not in sitemap.text
    assert only_drafts.get_absolute_url() not in sitemap.text


def test_a_print_page_appears_once_one_of_its_stories_is_published(client, db):
    page = make_page(2, name="地方新闻")
    story = make_article(headline="待审的版面稿", pages=[page], status="draft")
    assert client.get(page.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=story.pk).update(status=Article.Status.PUBLISHED, published_at=NOON)

    assert "待审的版面稿" in client.get(page.get_absolute_url()).text
    assert '<b>第2版</b> 地方新闻 <span class="count">1篇</span>' in client.get(reverse("epaper:index")).text
