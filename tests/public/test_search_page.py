"""/search/: finds every story holding the words, ranks, filters, highlights, survives bad input."""

import html
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from articles.models import Credit
from articles.search.query import Search
from tests.builders import NOON, make_article, make_contributor, make_event, make_union

SEARCH = reverse("search")


def found(response):
    assert response.status_code == 200
    return [hit.article.headline for hit in response.context["hits"]]


@pytest.fixture
def corpus(huzhou, nanxun):
    """Stories with the searched words in every searchable place, and ground truth per story."""
    reporter = make_contributor("沈丽娟")
    stories = {
        "越工驿站开张": make_article(
            headline="越工驿站开张", kicker="服务户外劳动者", body="<p>绍兴越城区的越工驿站正式开放。</p>"
        ),
        "班前十分钟": make_article(
            headline="安全生产", subheadline="班前十分钟成为常态", body="<p>车间里每天的<b>班前</b>十分钟。</p>"
        ),
        "职工BA": make_article(headline="篮球赛开赛", summary="职工BA联赛2024年赛季揭幕，MVP揭晓。"),
        "彩蝶": make_article(
            headline="文艺汇演", body="<p>节目精彩。</p>", photos=1, unions=[nanxun], tags=["南浔彩蝶队"]
        ),
        "署名": make_article(headline="技能比武", credits=[(reporter, Credit.Role.REPORTER)]),
        "分段": make_article(headline="各地综述", segments=[(huzhou, "<p>湖州开展金秋助学。</p>")]),
    }
    make_article(headline="越工驿站草稿", status="draft")
    fields = {
        headline: f"{story.search_document.title_text}\n{story.search_document.body_text}".lower().split("\n")
        for headline, story in stories.items()
    }
    return stories, fields


def holds(fields, query):
    """Ground truth: every term of the query is a substring of some field."""
    return all(any(term in field for field in fields) for term in query.lower().split())


def test_every_substring_query_finds_exactly_the_stories_holding_it(corpus):
    stories, fields = corpus
    queries = {
        "越工驿站",
        "班前十分钟",
        "工BA",
        "BA",
        "2024",
        "MVP",
        "南浔彩蝶队",
        "沈丽娟",
        "金秋",
        "图片说明1",
        "南浔",
        "工ba 2024",
        "MVP 职工",
    }
    for story_fields in fields.values():
        for field in story_fields:
            for start in range(len(field)):  # every substring of two to six characters
                for length in range(2, 7):
                    piece = field[start : start + length].strip()
                    if len(piece) >= 2:
                        queries.add(piece)
    assert len(queries) > 500
    for query in queries:
        truth = {stories[headline].pk for headline, story_fields in fields.items() if holds(story_fields, query)}
        if Search(query).is_too_short:
            continue  # e.g. "。本": one character of text, answered with a message
        assert set(Search(query).matching_ids()) == truth, query


def test_several_words_must_all_match(client, corpus):
    assert found(client.get(SEARCH, {"q": "越工驿站 绍兴"})) == ["越工驿站开张"]
    assert found(client.get(SEARCH, {"q": "越工驿站 嘉兴"})) == []


def test_drafts_are_not_found_by_readers(client, corpus):
    assert found(client.get(SEARCH, {"q": "越工驿站"})) == ["越工驿站开张"]


def test_headline_matches_rank_above_body_matches_then_newest_first(client):
    make_article(headline="旧的标题含工匠", published_at=NOON - timedelta(days=3))
    make_article(headline="正文提到", body="<p>劳模工匠。</p>", published_at=NOON)
    make_article(headline="新的标题含工匠", published_at=NOON - timedelta(days=1))

    assert found(client.get(SEARCH, {"q": "工匠"})) == ["新的标题含工匠", "旧的标题含工匠", "正文提到"]


def test_hits_show_a_snippet_with_the_match_marked(client):
    make_article(headline="越工驿站<开张>", body="<p>前文很长。绍兴的越工驿站正式开放，欢迎职工。</p>")

    response = client.get(SEARCH, {"q": "越工驿站"})

    assert "<mark>越工驿站</mark>正式开放" in response.text
    assert "越工驿站</mark>&lt;开张&gt;" in response.text


def test_results_are_paginated_and_the_query_stays_in_the_url(client):
    for hour in range(21):
        make_article(headline=f"工会新闻{hour}", published_at=NOON - timedelta(hours=hour))

    first = client.get(SEARCH, {"q": "工会"})
    second = client.get(SEARCH, {"q": "工会", "page": 2})

    assert len(found(first)) == 20
    assert found(second) == ["工会新闻20"]
    assert "?q=%E5%B7%A5%E4%BC%9A&amp;page=2" in first.text
    assert client.get(SEARCH, {"q": "工会", "page": 3}).status_code == 404


def test_a_tag_filter_as_the_tag_is_shown_finds_its_stories(client):
    make_article(headline="工BA联赛开幕", tags=["工BA"])  # its slug is 工ba
    make_article(headline="读书会开幕")

    assert (
        found(client.get(SEARCH, {"q": "开幕", "tag": "工BA"}))
        == found(client.get(SEARCH, {"q": "开幕", "tag": "工ba"}))
        == ["工BA联赛开幕"]
    )


def test_filters_by_union_subtree_tag_event_and_dates(client, huzhou, nanxun, jiaxing):
    event = make_event()
    make_article(headline="南浔工会", unions=[nanxun], tags=["送清凉"], events=[event])
    make_article(headline="嘉兴工会", unions=[jiaxing], published_at=NOON - timedelta(days=10))

    assert found(client.get(SEARCH, {"q": "工会", "union": "huzhou"})) == ["南浔工会"]
    assert found(client.get(SEARCH, {"q": "工会", "tag": "送清凉"})) == ["南浔工会"]
    assert found(client.get(SEARCH, {"q": "工会", "event": event.slug})) == ["南浔工会"]
    window = {"since": date(2025, 6, 1).isoformat(), "until": date(2025, 6, 5).isoformat()}
    assert found(client.get(SEARCH, {"q": "工会", **window})) == ["嘉兴工会"]


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"union": "nowhere"}, "没有找到这个工会组织。"),
        ({"tag": "不存在"}, "没有找到这个标签的已发布稿件。"),
        ({"event": "no-such-event"}, "没有找到这个活动。"),
        ({"since": "2025-99-01"}, "起始日期不是有效的日期"),
        ({"since": "2025-06-10", "until": "2025-06-01"}, "起始日期不能晚于截止日期。"),
    ],
)
def test_an_invalid_filter_shows_the_form_again_saying_what_to_change(client, params, problem):
    make_article()
    response = client.get(SEARCH, {"q": "工会", **params})
    assert response.status_code == 400
    page = response.text
    assert problem in page
    assert 'name="q" value="工会"' in page  # what the reader typed is kept
    assert "搜索稿件" in page and "search-hit" not in page
    # One link takes every filter off and keeps the words.
    clear = re.search(r'<a href="([^"]*)">清除全部筛选条件</a>', page).group(1)
    assert client.get(html.unescape(clear)).status_code == 200
    assert html.unescape(clear) == "?q=%E5%B7%A5%E4%BC%9A"


def test_dates_in_the_wrong_order_keep_both_dates_in_the_form(client):
    response = client.get(SEARCH, {"q": "工会", "since": "2026-12-01", "until": "2026-01-01"})
    assert 'value="2026-12-01"' in response.text and 'value="2026-01-01"' in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "请输入要搜索的词语"),
        ("   ", "请输入要搜索的词语"),
        ("工", "请至少输入两个字"),
        ("&|!:*()'\"\\", "请至少输入两个字"),
        ("😀", "请至少输入两个字"),
    ],
)
def test_empty_or_too_short_queries_get_a_clear_message(client, query, message):
    make_article()
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert message in response.text


@pytest.mark.parametrize(
    "query",
    [
        "工" * 10_000,
        "工会 & | ! : * ( ) ' \" \\",
        "工会)(",
        "'工会'",
        '"工会" OR 1',
        "工会😀😀",
        "NEAR(工会",
        "工会*",
        "a" * 500 + " " + "b" * 500,
        " ".join(["工会"] * 50),
    ],
)
def test_hostile_queries_are_answered(client, query):
    make_article()
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200


def test_nul_byte_is_a_bad_request_with_a_message(client):
    response = client.get(SEARCH + "?q=%E5%B7%A5%00%E4%BC%9A")
    assert response.status_code == 400
    assert "无效字符" in response.text


def test_search_box_is_on_every_page(client):
    assert 'role="search"' in client.get(reverse("home")).text


def test_search_queries_do_not_grow_with_hits(client, queries_for, huzhou, django_assert_max_num_queries):
    make_article(headline="工会一", unions=[huzhou], tags=["工BA"], photos=1)
    baseline = queries_for(SEARCH + "?q=工会&union=huzhou")
    for number in range(6):
        make_article(headline=f"工会{number}", unions=[huzhou], tags=["工BA", "劳动竞赛"], photos=2)
    with django_assert_max_num_queries(baseline):
        client.get(SEARCH, {"q": "工会", "union": "huzhou"})


def test_the_union_menu_offers_regions_yet_a_link_may_name_any_union(client, nanxun):
    company = make_union(nanxun, slug="nanxun-silk", name="南浔丝绸企业工会")
    make_article(headline="丝绸企业工会开展技能比武", unions=[company])

    menu = client.get(SEARCH + "?q=技能比武").content.decode()
    filtered = client.get(SEARCH + "?q=技能比武&union=nanxun-silk")

    assert "湖州市总工会" in menu and "南浔丝绸企业工会" not in menu
    assert filtered.status_code == 200 and "丝绸企业工会开展" in filtered.content.decode()
    assert 'value="nanxun-silk" selected' in filtered.content.decode()
    assert "南浔区总工会" in filtered.content.decode()  # the counties of its city, to widen the search
