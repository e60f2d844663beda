from datetime import timedelta

from django.urls import reverse

from tests.builders import NOON, make_article, make_event, make_union, union


def test_union_index_shows_the_tree_with_counties_under_their_city(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("unions:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "浙江省总工会" in html
    huzhou_box = html[html.index("湖州市总工会") : html.index("绍兴市总工会")]
    assert "湖州市南浔区总工会" in huzhou_box and "德清县总工会" in huzhou_box
    assert "嘉兴市南湖区总工会" not in huzhou_box
    # 全国总工会 and 浙江省总工会 start open; each of the 11 cities folds its counties.
    assert html.count("<details") == 13
    assert html.count('<details class="tree-branch" open>') == 2


def test_union_index_nests_enterprise_unions_under_their_county(client, nanxun):
    make_union(nanxun, slug="caidie", name="南浔某纺织企业工会")
    html = client.get(reverse("unions:index")).content.decode()
    county = html.index("湖州市南浔区总工会")
    assert county < html.index("南浔某纺织企业工会") < html.index("德清县总工会")


def test_union_page_shows_breadcrumb_and_children(client, huzhou, nanxun):
    html = client.get(huzhou.get_absolute_url()).content.decode()
    breadcrumb = html[html.index('class="breadcrumb"') : html.index("</nav>", html.index('class="breadcrumb"'))]
    assert f'<a href="{union("zhejiang").get_absolute_url()}">' in breadcrumb
    assert f'href="{nanxun.get_absolute_url()}">南浔</a>' in html
    county_html = client.get(nanxun.get_absolute_url()).content.decode()
    assert f'<a href="{huzhou.get_absolute_url()}">湖州</a>' in county_html


def test_city_page_lists_news_of_the_city_and_its_counties_only(client, huzhou, nanxun, jiaxing):
    make_article(headline="湖州市总工会召开全委会", unions=[huzhou])
    make_article(headline="南浔区总工会开展送清凉", unions=[nanxun], published_at=NOON - timedelta(hours=1))
    make_article(headline="嘉兴市总工会召开半年度会议", unions=[jiaxing])
    make_article(headline="湖州草稿", unions=[huzhou], status="draft")
    response = client.get(huzhou.get_absolute_url())
    assert [a.headline for a in response.context["page_obj"]] == ["湖州市总工会召开全委会", "南浔区总工会开展送清凉"]
    assert "湖州草稿" not in response.content.decode()


def test_union_page_links_roundup_segments_to_their_place_in_the_roundup(client, huzhou, jiaxing):
    roundup = make_article(
        headline="各地工会学习全会精神", segments=[(jiaxing, "<p>嘉兴</p>"), (huzhou, "<p>湖州召开党组会议</p>")]
    )
    make_article(headline="草稿综述", status="draft", segments=[(huzhou, "<p>不应出现</p>")])
    segment = roundup.segments.get(union=huzhou)
    html = client.get(huzhou.get_absolute_url()).content.decode()
    assert f'<a href="{roundup.get_absolute_url()}#segment-{segment.pk}">各地工会学习全会精神</a>' in html
    assert "草稿综述" not in html


def test_union_page_lists_published_events_of_its_subtree(client, huzhou, nanxun):
    make_event(title="南浔职工运动会", slug="nanxun-games", unions=[nanxun])
    make_event(title="未发布的活动", slug="hidden", unions=[huzhou], status="draft")
    html = client.get(huzhou.get_absolute_url()).content.decode()
    assert "南浔职工运动会" in html
    assert "未发布的活动" not in html


def test_unknown_union_is_not_found(client, db):
    assert client.get("/unions/atlantis/").status_code == 404


def test_union_page_queries_do_not_grow_with_stories_segments_and_events(
    client, queries_for, huzhou, nanxun, jiaxing, django_assert_max_num_queries
):
    make_article(unions=[huzhou], tags=["工BA"], photos=1, segments=[(huzhou, "<p>一</p>")])
    make_event(unions=[huzhou])
    baseline = queries_for(huzhou.get_absolute_url())
    for index in range(5):
        make_article(
            unions=[nanxun, jiaxing],
            tags=["工BA", "学习贯彻"],
            photos=2,
            segments=[(huzhou, "<p>二</p>"), (nanxun, "<p>三</p>")],
        )
        make_event(slug=f"event-{index}", unions=[nanxun, jiaxing])
    with django_assert_max_num_queries(baseline):
        client.get(huzhou.get_absolute_url())


def test_union_index_stays_one_query_as_the_tree_grows(client, nanxun, django_assert_num_queries):
    for index in range(5):
        make_union(nanxun, slug=f"company-{index}")
    with django_assert_num_queries(1):
        assert client.get(reverse("unions:index")).status_code == 200
