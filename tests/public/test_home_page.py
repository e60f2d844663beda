from datetime import timedelta

from django.urls import reverse

from tests.builders import NOON, make_article, make_event, union


def test_home_page_leads_with_featured_stories(client):
    make_article(headline="头条：全省工会工作会议召开", is_featured=True, photos=1)
    make_article(headline="一般稿件", published_at=NOON - timedelta(hours=1))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert [a.headline for a in response.context["leads"]] == ["头条：全省工会工作会议召开"]
    assert [a.headline for a in response.context["latest"]] == ["一般稿件"]


def test_home_page_groups_news_by_city_including_counties(client, huzhou, nanxun, jiaxing):
    make_article(headline="南浔区总工会开展送清凉", unions=[nanxun])
    make_article(headline="嘉兴市总工会召开半年度会议", unions=[jiaxing])
    response = client.get(reverse("home"))
    city_news = dict(response.context["city_news"])
    assert [a.headline for a in city_news[huzhou]] == ["南浔区总工会开展送清凉"]
    assert [a.headline for a in city_news[jiaxing]] == ["嘉兴市总工会召开半年度会议"]
    html = response.content.decode()
    assert f'<a href="{huzhou.get_absolute_url()}">湖州</a>' in html


def test_home_page_shows_upcoming_published_events_only(client):
    make_event(title="即将开幕的技能竞赛", slug="soon", starts_at=NOON + timedelta(days=3))
    make_event(title="已经结束的会议", slug="over", starts_at=NOON - timedelta(days=10))
    make_event(title="草稿活动", slug="draft", status="draft", starts_at=NOON + timedelta(days=3))
    html = client.get(reverse("home")).content.decode()
    assert "即将开幕的技能竞赛" in html
    assert "已经结束的会议" not in html
    assert "草稿活动" not in html


def test_home_page_hides_drafts_and_scheduled_stories(client, huzhou):
    make_article(headline="草稿头条", status="draft", is_featured=True, unions=[huzhou])
    make_article(headline="明天才发布", published_at=NOON + timedelta(days=1), unions=[huzhou])
    html = client.get(reverse("home")).content.decode()
    assert "草稿头条" not in html
    assert "明天才发布" not in html


def test_home_page_queries_do_not_grow_with_stories_cities_and_events(
    client, queries_for, huzhou, nanxun, jiaxing, django_assert_max_num_queries
):
    make_article(is_featured=True, unions=[huzhou], tags=["工BA"], photos=1)
    make_article(unions=[nanxun], tags=["工BA"], photos=1)
    make_event(unions=[huzhou])
    baseline = queries_for(reverse("home"))
    for index in range(5):
        make_article(is_featured=True, unions=[huzhou, jiaxing], tags=["工BA", "学习贯彻"], photos=2)
        make_article(unions=[nanxun], tags=["劳动保护"], photos=1)
        make_event(slug=f"event-{index}", unions=[huzhou, jiaxing])
    with django_assert_max_num_queries(baseline):
        client.get(reverse("home"))


def test_city_box_shows_three_different_stories_even_when_one_names_many_counties(client, huzhou):
    counties = [union(slug) for slug in ("nanxun", "deqing", "changxing", "anji", "wuxing", "nantaihu")]
    for hours in (3, 2, 1):
        make_article(headline=f"湖州稿件{hours}", unions=[huzhou], published_at=NOON - timedelta(hours=hours))
    make_article(headline="全市各区县联动", unions=[huzhou, *counties])
    city_news = dict(client.get(reverse("home")).context["city_news"])
    assert [a.headline for a in city_news[huzhou]] == ["全市各区县联动", "湖州稿件1", "湖州稿件2"]
