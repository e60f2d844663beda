from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from articles.events.models import Award, EventUnion
from tests.builders import NOON, SHANGHAI, make_article, make_event

LIST = reverse("events:list")


def titles(response):
    return [event.title for event in response.context["page_obj"]]


def test_event_list_shows_upcoming_events_soonest_first(client):
    make_event(title="下周的培训", slug="training", kind="training", starts_at=NOON + timedelta(days=7))
    make_event(title="正在进行的比赛", slug="running")  # NOON to NOON + 2 days
    make_event(title="上月的会议", slug="meeting", kind="meeting", starts_at=NOON - timedelta(days=30))
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == ["正在进行的比赛", "下周的培训"]
    assert titles(client.get(LIST, {"when": "upcoming"})) == ["正在进行的比赛", "下周的培训"]


def test_past_events_are_listed_most_recent_first(client):
    make_event(title="去年的会议", slug="last-year", starts_at=NOON - timedelta(days=365))
    make_event(title="上月的会议", slug="last-month", starts_at=NOON - timedelta(days=30))
    make_event(title="下周的培训", slug="next-week", starts_at=NOON + timedelta(days=7))
    assert titles(client.get(LIST, {"when": "past"})) == ["上月的会议", "去年的会议"]


def test_events_can_be_filtered_by_kind_and_year(client):
    make_event(title="2024年职工篮球赛", slug="ball-2024", starts_at=datetime(2024, 8, 1, 9, tzinfo=SHANGHAI))
    make_event(
        title="2024年工会干部培训",
        slug="training-2024",
        kind="training",
        starts_at=datetime(2024, 9, 1, 9, tzinfo=SHANGHAI),
    )
    make_event(title="2023年职工篮球赛", slug="ball-2023", starts_at=datetime(2023, 8, 1, 9, tzinfo=SHANGHAI))
    past = {"when": "past"}
    assert titles(client.get(LIST, {**past, "kind": "competition", "year": "2024"})) == ["2024年职工篮球赛"]
    assert titles(client.get(LIST, {**past, "kind": "training"})) == ["2024年工会干部培训"]
    assert titles(client.get(LIST, {**past, "year": "2023"})) == ["2023年职工篮球赛"]


def test_year_filter_uses_the_shanghai_new_year(client):
    make_event(title="元旦凌晨活动", slug="new-year", starts_at=datetime(2025, 1, 1, 0, 30, tzinfo=SHANGHAI))
    assert titles(client.get(LIST, {"when": "past", "year": "2025"})) == ["元旦凌晨活动"]
    assert titles(client.get(LIST, {"when": "past", "year": "2024"})) == []


@pytest.mark.parametrize(
    "query",
    [{"kind": "party"}, {"year": "abc"}, {"year": "1999"}, {"year": "99999999999999999999"}, {"when": "tomorrow"}],
)
def test_bad_filters_are_a_bad_request(client, query):
    response = client.get(LIST, query)
    assert response.status_code == 400
    assert "筛选条件无效" in response.content.decode()


def test_draft_events_are_neither_listed_nor_shown(client):
    draft = make_event(title="筹备中的活动", slug="draft-event", status="draft")
    assert "筹备中的活动" not in client.get(LIST).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unknown_event_is_not_found(client):
    assert client.get("/events/no-such-event/").status_code == 404


def test_event_page_shows_kind_time_place_and_unions_by_role(client, huzhou, nanxun):
    event = make_event(
        place="湖州市体育馆",
        unions=[huzhou, (nanxun, EventUnion.Role.HOST)],
        description="<p>比赛分小组赛、淘汰赛和决赛三个阶段。</p>",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "竞赛" in html
    assert "2025年6月12日 12:00" in html
    assert "湖州市体育馆" in html
    assert "<dt>主办</dt>" in html and "<dt>承办</dt>" in html
    assert html.index("湖州市总工会") < html.index("湖州市南浔区总工会")
    assert "<p>比赛分小组赛、淘汰赛和决赛三个阶段。</p>" in html


def test_competition_page_shows_standings_and_awards(client):
    event = make_event(
        standings=[(2, "德清依蓄队", "德清某公司"), (1, "南浔彩蝶队", "南浔某公司")],
        awards=[("MVP", "张三"), ("优秀组织奖", "南太湖新区总工会")],
    )
    event.awards.filter(name="MVP").update(kind=Award.Kind.INDIVIDUAL)
    html = client.get(event.get_absolute_url()).content.decode()
    assert html.index("南浔彩蝶队") < html.index("德清依蓄队")
    assert '<td class="rank">1</td><th scope="row">南浔彩蝶队</th><td>南浔某公司</td>' in html
    assert html.index("个人奖") < html.index("MVP") < html.index("团体奖") < html.index("优秀组织奖")


def test_event_page_lists_only_published_stories_about_it(client):
    event = make_event()
    make_article(headline="“工BA”圆满收官", events=[event])
    make_article(headline="未发布的赛事报道", events=[event], status="draft")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "“工BA”圆满收官" in html
    assert "未发布的赛事报道" not in html


def test_chinese_event_slug_works(client):
    event = make_event(slug="湖州工ba-2025")
    assert client.get(event.get_absolute_url()).status_code == 200


def test_event_list_queries_do_not_grow_with_events(client, queries_for, huzhou, nanxun, django_assert_max_num_queries):
    make_event(unions=[huzhou])
    baseline = queries_for(LIST)
    for index in range(6):
        make_event(slug=f"more-{index}", unions=[huzhou, (nanxun, EventUnion.Role.HOST)])
    with django_assert_max_num_queries(baseline):
        client.get(LIST)


def test_event_page_queries_do_not_grow_with_standings_awards_and_stories(
    client, queries_for, huzhou, nanxun, django_assert_max_num_queries
):
    event = make_event(unions=[huzhou], standings=[(1, "甲队", "甲公司")], awards=[("MVP", "张三")])
    make_article(events=[event], unions=[huzhou], tags=["工BA"], photos=1)
    baseline = queries_for(event.get_absolute_url())
    EventUnion.objects.create(event=event, union=nanxun, role=EventUnion.Role.HOST)
    for rank in range(2, 8):
        event.standings.create(rank=rank, team=f"队伍{rank}", organisation="某公司", union=nanxun)
        event.awards.create(name=f"奖项{rank}", recipient="某人", union=huzhou)
        make_article(events=[event], unions=[huzhou, nanxun], tags=["工BA", "学习贯彻"], photos=2)
    with django_assert_max_num_queries(baseline):
        client.get(event.get_absolute_url())


def test_an_event_page_shows_its_newest_ten_reports_and_pages_to_the_rest(client, huzhou):
    event = make_event(unions=[huzhou])
    for hour in range(12):
        make_article(headline=f"联赛第{hour}轮战报", events=[event], published_at=NOON - timedelta(hours=hour))

    first = client.get(event.get_absolute_url()).content.decode()
    second = client.get(event.get_absolute_url() + "?page=2").content.decode()

    assert "联赛第0轮战报" in first and "联赛第9轮战报" in first and "联赛第10轮战报" not in first
    assert "联赛第10轮战报" in second and "联赛第11轮战报" in second and "联赛第0轮战报" not in second
    assert client.get(event.get_absolute_url() + "?page=3").status_code == 404
