"""A correspondent sees no trace of another city's unpublished work. Editors of every union
see everything."""

from django.urls import reverse

from tests.builders import make_event

AUTOCOMPLETE_URL = reverse("admin:autocomplete")
EVENT_LIST_URL = reverse("admin:articles_event_changelist")


def suggest(client, model_name, field_name, term):
    response = client.get(
        AUTOCOMPLETE_URL, {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term}
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {str(row) for row in response.context["cl"].result_list}


def hidden_and_visible_events(huzhou, nanxun, jiaxing):
    make_event(title="嘉兴职工运动会", slug="jiaxing-games", unions=[jiaxing])
    make_event(title="嘉兴职工技能大赛（筹备）", slug="jiaxing-skills", unions=[jiaxing], status="draft")
    make_event(title="南浔职工技能大赛（筹备）", slug="nanxun-skills", unions=[nanxun], status="draft")
    make_event(title="无主办单位的职工大赛（筹备）", slug="no-organiser", status="draft")


def test_the_event_autocomplete_offers_a_correspondent_published_events_and_their_unions_drafts(
    staff, client_for, huzhou, nanxun, jiaxing
):
    hidden_and_visible_events(huzhou, nanxun, jiaxing)

    correspondent = set(suggest(client_for(staff.correspondent), "article", "events", "职工"))
    editor = set(suggest(client_for(staff.section_editor), "article", "events", "职工"))

    assert correspondent == {"嘉兴职工运动会", "南浔职工技能大赛（筹备）"}
    assert editor == {"嘉兴职工运动会", "南浔职工技能大赛（筹备）", "嘉兴职工技能大赛（筹备）", "无主办单位的职工大赛（筹备）"}


def test_the_event_list_shows_a_correspondent_published_events_and_their_unions_drafts(
    staff, client_for, huzhou, nanxun, jiaxing
):
    hidden_and_visible_events(huzhou, nanxun, jiaxing)

    assert listed(client_for(staff.correspondent), EVENT_LIST_URL) == {"嘉兴职工运动会", "南浔职工技能大赛（筹备）"}
    assert len(listed(client_for(staff.section_editor), EVENT_LIST_URL)) == 4
