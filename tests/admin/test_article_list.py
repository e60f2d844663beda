"""The story list: columns, filters, search and its query budget."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Credit
from tests.builders import NOON, make_article, make_contributor, make_page, make_union

LIST_URL = reverse("admin:articles_article_changelist")


def listed(response):
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_list_shows_kicker_headline_status_lead_union_and_pages(editor_client, huzhou):
    make_article(
        kicker="学习贯彻党的二十届三中全会精神",
        headline="推动全会精神深入人心",
        unions=[huzhou],
        pages=[make_page(1), make_page(2)],
    )

    response = editor_client.get(LIST_URL)

    assert "学习贯彻党的二十届三中全会精神" in response.text
    assert "推动全会精神深入人心" in response.text
    assert "2025-06-12 第1版，2025-06-12 第2版" in response.text
    assert '<td class="field-lead_union">湖州</td>' in response.text


def test_scheduled_story_is_marked_as_such(editor_client):
    make_article(published_at=NOON.replace(year=2099))

    assert "定时发布" in editor_client.get(LIST_URL).text


def test_union_filter_lists_city_and_county_stories_once(editor_client, huzhou, nanxun, jiaxing):
    city = make_article(headline="湖州市总工会召开全委会", unions=[huzhou])
    county = make_article(headline="南浔区总工会开展送清凉", unions=[nanxun])
    both = make_article(headline="湖州南浔联合开展技能竞赛", unions=[huzhou, nanxun])
    make_article(headline="嘉兴市总工会召开半年度会议", unions=[jiaxing])

    response = editor_client.get(LIST_URL, {"union": "huzhou"})

    assert sorted(a.pk for a in listed(response)) == sorted([city.pk, county.pk, both.pk])
    assert "?union=nanxun" in response.text  # the city's counties open in the sidebar


def test_union_filter_sidebar_keeps_counties_closed_until_their_city_is_chosen(editor_client, huzhou):
    make_union(huzhou, slug="huzhou-factory", name="湖州某厂工会")

    response = editor_client.get(LIST_URL)

    assert "?union=huzhou" in response.text
    assert "?union=nanxun" not in response.text
    assert "?union=huzhou-factory" not in response.text


def test_union_filter_on_an_enterprise_union_opens_its_city(editor_client, nanxun):
    factory = make_union(nanxun, slug="nanxun-factory", name="南浔某厂工会")
    story = make_article(unions=[factory])

    response = editor_client.get(LIST_URL, {"union": "nanxun-factory"})

    assert listed(response) == [story]
    assert "?union=deqing" in response.text


def test_unknown_filter_values_send_the_editor_back_to_the_full_list(editor_client):
    for query in [{"union": "atlantis"}, {"edition": "yesterday"}, {"contributor": "abc"}]:
        response = editor_client.get(LIST_URL, query)
        assert response.status_code == 302
        assert response.url.endswith("?e=1")


def test_tag_filter_shows_stories_with_that_tag(editor_client):
    gongba = make_article(headline="工BA决赛", tags=["工BA", "体育"])
    make_article(headline="全委会", tags=["会议"])

    response = editor_client.get(LIST_URL, {"tag": "工ba"})

    assert listed(response) == [gongba]


def test_edition_filter_shows_stories_printed_that_day_once(editor_client):
    day = NOON.date()
    jumping = make_article(headline="跨版稿件", pages=[make_page(1, day), make_page(2, day)])
    make_article(headline="前一天的稿件", pages=[make_page(1, day.replace(day=11))])
    make_article(headline="网络稿件")

    response = editor_client.get(LIST_URL, {"edition": "2025-06-12"})

    assert listed(response) == [jumping]
    assert "?edition=2025-06-11" in response.text


def test_contributor_filter_shows_their_stories_once(editor_client):
    reporter, other = make_contributor("羊晓江"), make_contributor("李四")
    theirs = make_article(
        headline="记者兼摄影", credits=[(reporter, Credit.Role.REPORTER), (reporter, Credit.Role.PHOTOGRAPHER)]
    )
    make_article(headline="别人的稿件", credits=[(other, Credit.Role.REPORTER)])

    response = editor_client.get(LIST_URL, {"contributor": reporter.pk})

    assert listed(response) == [theirs]


def test_search_finds_headline_kicker_subheadline_and_body(editor_client):
    by_headline = make_article(headline="南浔区总工会开展送清凉")
    by_kicker = make_article(headline="甲", kicker="送清凉在行动")
    by_subheadline = make_article(headline="乙", subheadline="一线职工送清凉")
    by_body = make_article(headline="丙", body="<p>高温下为户外劳动者送清凉。</p>")
    make_article(headline="丁", body="<p>全委会</p>")

    response = editor_client.get(LIST_URL, {"q": "送清凉"})

    assert sorted(a.pk for a in listed(response)) == sorted(
        [by_headline.pk, by_kicker.pk, by_subheadline.pk, by_body.pk]
    )


def test_list_queries_do_not_grow_with_rows(editor_client, huzhou, nanxun, django_assert_max_num_queries):
    page = make_page(1)
    make_article(unions=[huzhou], pages=[page], tags=["工会"])
    with CaptureQueriesContext(connection) as baseline:
        assert editor_client.get(LIST_URL).status_code == 200
    reporter = make_contributor()
    for number in range(2, 8):
        make_article(
            unions=[huzhou, nanxun],
            tags=["工会", f"标签{number}"],
            pages=[make_page(number)],
            credits=[(reporter, Credit.Role.REPORTER)],
            photos=1,
        )

    with django_assert_max_num_queries(len(baseline)):
        response = editor_client.get(LIST_URL)

    assert len(listed(response)) == 7


def test_bulk_publish_and_unpublish_actions_are_gone(editor_client):
    draft = make_article(status=Article.Status.DRAFT)
    story = make_article()

    for action, pk in [("publish", draft.pk), ("unpublish", story.pk)]:
        editor_client.post(LIST_URL, {"action": action, "_selected_action": [pk]})

    draft.refresh_from_db()
    story.refresh_from_db()
    assert (draft.status, story.status) == (Article.Status.DRAFT, Article.Status.PUBLISHED)
    choices = editor_client.get(LIST_URL).context["action_form"].fields["action"].choices
    assert [name for name, _ in choices if name] == ["delete_selected"]  # checked story by story


def test_filters_work_with_facet_counts_shown(editor_client, huzhou, nanxun):
    reporter = make_contributor()
    make_article(unions=[nanxun], tags=["工BA"], pages=[make_page(1)], credits=[(reporter, Credit.Role.REPORTER)])

    response = editor_client.get(LIST_URL, {"_facets": "True", "union": "huzhou"})

    assert response.status_code == 200
    assert "南浔 (1)" in response.text
    assert "工BA (1)" in response.text
