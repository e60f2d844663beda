"""The story admin's costs do not grow with the archive: fixed query counts, counts that
stop at a cap (or are estimated), a date drill-down and a desk that read a bounded part."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.admin import changelist, filters, workflow_views
from articles.models import Article, Credit
from articles.search import admin as search_admin
from articles.search import query as search_query
from tests.builders import NOON, change_url, make_article, make_contributor, make_draft, make_page

LIST_URL = reverse("admin:articles_article_changelist")
DESK_URL = reverse("admin:articles_article_desk")


def make_stories(count, huzhou, nanxun, reporter):
    """`count` published stories about 湖州 and 南浔, tagged 工会, with a byline and a print page."""
    for number in range(count):
        make_article(
            headline=f"湖州工会第{number}期职工技能竞赛",
            unions=[huzhou, nanxun],
            tags=["工会", f"标签{number % 7}"],
            credits=[(reporter, Credit.Role.REPORTER)],
            pages=[make_page(1, NOON.date() - timedelta(days=Article.objects.count()))],
            published_at=NOON.replace(year=2020 + number % 5),
        )


def queries_for(client, url, query=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query",
    [{}, {"union": "huzhou"}, {"q": "工会"}, {"tag": "工会"}, {"published_at__year": "2022"}],
    ids=["plain", "union", "search", "tag", "year"],
)
def test_story_list_queries_do_not_grow_with_the_archive(editor_client, huzhou, nanxun, query):
    reporter = make_contributor()
    make_stories(3, huzhou, nanxun, reporter)
    queries_for(editor_client, LIST_URL, query)  # the first also fills per-process caches (search statistics)
    with_three = queries_for(editor_client, LIST_URL, query)

    make_stories(27, huzhou, nanxun, reporter)

    assert queries_for(editor_client, LIST_URL, query) == with_three


def test_change_form_queries_do_not_grow_with_the_archive_or_the_story_rows(editor_client, huzhou, nanxun, jiaxing):
    reporter, photographer = make_contributor("羊晓江"), make_contributor("李四")
    small = make_article(unions=[huzhou], credits=[(reporter, Credit.Role.REPORTER)], pages=[make_page(5)])
    queries_for(editor_client, change_url(small))  # the first opening records the editor's presence
    with_one_row_each = queries_for(editor_client, change_url(small))

    make_stories(27, huzhou, nanxun, reporter)
    large = make_article(
        unions=[huzhou, nanxun, jiaxing],
        credits=[(reporter, Credit.Role.REPORTER), (photographer, Credit.Role.PHOTOGRAPHER)],
        pages=[make_page(6), make_page(7)],
    )

    queries_for(editor_client, change_url(large))
    assert queries_for(editor_client, change_url(small)) == with_one_row_each
    assert queries_for(editor_client, change_url(large)) == with_one_row_each
    assert "南浔" in editor_client.get(change_url(large)).text  # the rows' chosen unions still show


def test_filtered_list_counts_up_to_the_cap_and_says_so(editor_client, huzhou, nanxun, monkeypatch):
    monkeypatch.setattr(changelist, "COUNT_CAP", 5)
    make_stories(8, huzhou, nanxun, make_contributor())

    capped = editor_client.get(LIST_URL, {"union": "huzhou"})
    exact = editor_client.get(LIST_URL, {"union": "huzhou", "published_at__year": "2020"})

    assert capped.context["cl"].paginator.count_text == "5 篇以上"
    assert "5 篇以上" in capped.text
    assert len(capped.context["cl"].result_list) == 8  # the cap bounds the count, not the list
    assert exact.context["cl"].paginator.count_text == "2 篇"


def test_page_links_work_beyond_the_cap(editor_client, huzhou, nanxun, monkeypatch):
    monkeypatch.setattr(changelist, "COUNT_CAP", 3)
    story_admin = editor_client.get(LIST_URL).context["cl"].model_admin
    monkeypatch.setattr(story_admin, "list_per_page", 2)
    make_stories(9, huzhou, nanxun, make_contributor())

    first = editor_client.get(LIST_URL, {"union": "huzhou"})
    far = editor_client.get(LIST_URL, {"union": "huzhou", "p": "4"})
    last = editor_client.get(LIST_URL, {"union": "huzhou", "p": "5"})
    beyond = editor_client.get(LIST_URL, {"union": "huzhou", "p": "6"})

    assert "?p=2&amp;union=huzhou" in first.text and "3 篇以上" in first.text
    assert len(far.context["cl"].result_list) == 2
    assert "?p=5&amp;union=huzhou" in far.text  # counted on from the page shown
    assert len(last.context["cl"].result_list) == 1
    assert last.context["cl"].paginator.count_text == "9 篇"
    assert beyond.status_code == 302  # past the end: back to the list, as Django does


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
def test_whole_list_gives_the_planners_estimate_on_postgresql(editor_client, huzhou, nanxun, monkeypatch):
    monkeypatch.setattr(changelist, "COUNT_CAP", 5)
    make_stories(30, huzhou, nanxun, make_contributor())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")

    response = editor_client.get(LIST_URL)

    assert response.context["cl"].paginator.count_text == "约 30 篇"
    assert "约 30 篇" in response.text


def test_count_text_reads_in_chinese():
    paginator = changelist.CappedPaginator(Article.objects.none(), 50)
    paginator.count, paginator.is_estimated = 100_412, True
    assert paginator.count_text == "约 100,000 篇"
    paginator.count, paginator.is_estimated, paginator.is_capped = 10_001, False, True
    assert paginator.count_text == "10,000 篇以上"


def test_date_drill_down_offers_years_months_and_days_without_reading_the_list(editor_client, huzhou, nanxun):
    make_stories(3, huzhou, nanxun, make_contributor())

    years = editor_client.get(LIST_URL)
    months = editor_client.get(LIST_URL, {"published_at__year": "2021"})
    days = editor_client.get(LIST_URL, {"published_at__year": "2021", "published_at__month": "2"})

    assert "?published_at__year=2020" in years.text and "2024年" in years.text
    assert "2021年12月" in months.text and "全部日期" in months.text
    assert "2月28日" in days.text and "2月29日" not in days.text
    assert [a.headline for a in months.context["cl"].result_list] == ["湖州工会第1期职工技能竞赛"]


def test_tag_filter_lists_the_tags_of_the_newest_stories(editor_client, monkeypatch):
    monkeypatch.setattr(filters, "RECENT_STORIES", 2)
    make_article(tags=["旧话题"], published_at=NOON.replace(year=2020))
    make_article(tags=["工BA"])
    make_article(tags=["工BA", "送清凉"])

    response = editor_client.get(LIST_URL)

    assert "?tag=%E5%B7%A5ba" in response.text  # 工BA
    assert "送清凉" in response.text
    assert "旧话题" not in response.text


def test_correspondent_lists_and_finds_only_their_citys_stories(client_for, staff, huzhou, jiaxing):
    own = make_article(headline="湖州工会送清凉", unions=[huzhou])
    other = make_article(headline="嘉兴工会送清凉", unions=[jiaxing])
    correspondent, chief = client_for(staff.correspondent), client_for(staff.chief)

    for query in [{}, {"q": "送清凉"}, {"union": "jiaxing"}]:
        listed = correspondent.get(LIST_URL, query).context["cl"].result_list
        assert other not in listed
    assert list(correspondent.get(LIST_URL).context["cl"].result_list) == [own]
    assert correspondent.get(change_url(other)).status_code == 404
    assert correspondent.get(change_url(own)).status_code == 200
    assert set(chief.get(LIST_URL, {"q": "送清凉"}).context["cl"].result_list) == {own, other}


def test_desk_shows_a_bounded_number_of_stories_a_section(client_for, staff, monkeypatch):
    monkeypatch.setattr(workflow_views, "DESK_ROWS", 2)
    for number in range(3):
        make_draft(headline=f"待初审稿件{number}", status=Article.Status.FIRST_REVIEW)
    make_draft(headline="待复审稿件", status=Article.Status.SECOND_REVIEW)
    desk = client_for(staff.section_editor)

    response = desk.get(DESK_URL)
    with CaptureQueriesContext(connection) as queries:
        desk.get(DESK_URL)
    for number in range(3, 10):
        make_draft(headline=f"待初审稿件{number}", status=Article.Status.FIRST_REVIEW)

    assert "等我初审（2+）" in response.text and "我的草稿（0）" in response.text
    assert queries_for(desk, DESK_URL) == len(queries)


def test_search_lists_the_newest_matches_and_says_older_ones_were_left_out(editor_client, monkeypatch):
    monkeypatch.setattr(search_query, "MAX_RESULTS", 2)
    monkeypatch.setattr(search_admin, "MAX_RESULTS", 2)
    _oldest, older, newest = (
        make_article(headline=f"送清凉活动{year}", published_at=NOON.replace(year=year)) for year in [2021, 2022, 2023]
    )
    make_article(headline="全委会")

    response = editor_client.get(LIST_URL, {"q": "送清凉"})

    assert list(response.context["cl"].result_list) == [newest, older]
    assert "2 篇以上（列出最新的 2 篇）" in response.text


def test_correspondent_search_finds_their_story_behind_newer_ones_of_another_city(
    client_for, staff, huzhou, jiaxing, monkeypatch
):
    monkeypatch.setattr(search_query, "MAX_RESULTS", 1)
    monkeypatch.setattr(search_admin, "MAX_RESULTS", 1)
    own = make_article(headline="湖州工会送清凉", unions=[huzhou], published_at=NOON.replace(year=2021))
    newer = make_article(headline="嘉兴工会送清凉", unions=[jiaxing])
    correspondent, chief = client_for(staff.correspondent), client_for(staff.chief)

    theirs = correspondent.get(LIST_URL, {"q": "送清凉"})
    everyone = chief.get(LIST_URL, {"q": "送清凉"})

    assert list(theirs.context["cl"].result_list) == [own]
    assert list(everyone.context["cl"].result_list) == [newer]
    assert "1 篇以上（列出最新的 1 篇）" in everyone.text


def test_filtered_search_says_it_looked_among_the_newest_matches(editor_client, huzhou, jiaxing, monkeypatch):
    monkeypatch.setattr(search_query, "MAX_RESULTS", 2)
    monkeypatch.setattr(search_admin, "MAX_RESULTS", 2)
    _old, newer, _newest = (make_article(headline="工会送清凉", unions=[union]) for union in [jiaxing, jiaxing, huzhou])

    response = editor_client.get(LIST_URL, {"q": "送清凉", "union": "jiaxing"})

    assert list(response.context["cl"].result_list) == [newer]
    assert "1 篇（在最新的 2 篇匹配稿件中）" in response.text
