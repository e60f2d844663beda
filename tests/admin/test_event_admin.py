"""Events in the admin: organisers, standings, awards, and the mistakes editors make."""

from datetime import datetime

from django.urls import reverse

from articles.events.models import Event
from tests.admin import postdata
from tests.builders import SHANGHAI, make_event

ADD_URL = reverse("admin:events_event_add")


def assert_form_kept(response, *typed):
    assert response.status_code == 200
    assert response.context["errors"]
    for text in typed:
        assert text in response.text
    assert Event.objects.count() <= 1  # only what the test made beforehand


def test_editor_creates_a_competition_with_organisers_standings_and_awards(editor_client, huzhou, nanxun):
    data = postdata.event(
        event_unions=[{"union": huzhou.pk, "role": "organiser"}, {"union": nanxun.pk, "role": "host"}],
        standings=[
            {
                "rank": "1",
                "team": "长兴天顺物流队",
                "organisation": "长兴天顺物流有限公司",
                "union": "",
                "note": "冠军",
            },
            {"rank": "2", "team": "南浔电力队", "organisation": "", "union": nanxun.pk, "note": ""},
        ],
        awards=[
            {
                "name": "MVP",
                "kind": "individual",
                "recipient": "张三",
                "organisation": "长兴天顺物流有限公司",
                "union": "",
                "position": "0",
            }
        ],
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == datetime(2025, 6, 12, 9, 0, tzinfo=SHANGHAI)
    assert event.unions_by_role() == [("主办", [huzhou]), ("承办", [nanxun])]
    assert [(s.rank, s.team, s.union) for s in event.standings.all()] == [
        (1, "长兴天顺物流队", None),
        (2, "南浔电力队", nanxun),
    ]
    assert [(a.name, a.recipient) for a in event.awards.all()] == [("MVP", "张三")]


def test_an_event_ending_before_it_starts_is_refused_with_the_form_kept(editor_client):
    data = postdata.event(title="倒着开的会", ends_at_0="2025-06-11")

    response = editor_client.post(ADD_URL, data)

    assert_form_kept(response, "结束时间不能早于开始时间。", 'value="倒着开的会"', 'value="湖州市体育馆"')


def test_a_taken_slug_is_refused_with_the_form_kept(editor_client):
    make_event(slug="huzhou-gongba-2025")

    response = editor_client.post(ADD_URL, postdata.event(title="第二届工BA"))

    assert_form_kept(response, "已有活动使用这个网址标识，请换一个。", 'value="第二届工BA"')


def test_a_team_listed_twice_or_ranked_zero_is_refused(editor_client):
    twice = postdata.event(
        standings=[
            {"rank": "1", "team": "南浔电力队", "organisation": "", "union": "", "note": ""},
            {"rank": "2", "team": "南浔电力队", "organisation": "", "union": "", "note": ""},
        ]
    )
    zero = postdata.event(standings=[{"rank": "0", "team": "南浔电力队", "organisation": "", "union": "", "note": ""}])

    assert_form_kept(editor_client.post(ADD_URL, twice), "这支队伍已经在名次表中。", 'value="南浔电力队"')
    assert_form_kept(editor_client.post(ADD_URL, zero), "名次从1开始。")


def test_event_list_filters_by_kind_and_searches_titles(editor_client):
    make_event(title="湖州市首届“工BA”职工篮球赛", slug="gongba")
    make_event(title="全市工会半年度工作会议", slug="meeting", kind=Event.Kind.MEETING)
    url = reverse("admin:events_event_changelist")

    by_kind = editor_client.get(url, {"kind__exact": "meeting"})
    by_search = editor_client.get(url, {"q": "篮球"})

    assert [e.slug for e in by_kind.context["cl"].result_list] == ["meeting"]
    assert [e.slug for e in by_search.context["cl"].result_list] == ["gongba"]
