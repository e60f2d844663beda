"""A correspondent sees no trace of another city's unpublished work: not in tag suggestions,
the tag list, the event autocomplete and list, the story list's sidebar or any story count.
Editors of every union see everything."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Credit
from tests.admin.forms import suggest
from tests.builders import make_article, make_contributor, make_draft, make_event

SUGGEST_URL = reverse("admin:articles_article_tag_suggestions")
STORY_LIST_URL = reverse("admin:articles_article_changelist")
TAG_LIST_URL = reverse("admin:taggit_tag_changelist")
EVENT_LIST_URL = reverse("admin:events_event_changelist")
PEOPLE_URL = reverse("admin:articles_contributor_changelist")


def suggested_tags(client, term):
    response = client.get(SUGGEST_URL, {"term": term})
    assert response.status_code == 200
    return response.json()["results"]


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {str(row) for row in response.context["cl"].result_list}


def story_counts(html):
    """{name: count} from a changelist whose count column links to the filtered story list."""
    rows = re.findall(r'<th class="field-name"><a href="[^"]*">([^<]+)</a></th>.*?\?\w+=[^"]*">(\d+)</a>', html, re.S)
    return {name: int(count) for name, count in rows}


def three_cities_tags(huzhou, jiaxing):
    make_draft(headline="湖州草稿", unions=[huzhou], tags=["工会湖州选题", "工BA"])
    make_article(headline="嘉兴已发布", unions=[jiaxing], tags=["工会嘉兴报道", "工BA"])
    make_draft(headline="嘉兴草稿", unions=[jiaxing], tags=["工会嘉兴内部选题", "工BA"])


def test_tag_suggestions_offer_a_correspondent_only_tags_of_their_stories_and_published_ones(
    staff, client_for, huzhou, jiaxing
):
    three_cities_tags(huzhou, jiaxing)

    with CaptureQueriesContext(connection) as queries:
        assert suggested_tags(client_for(staff.correspondent), "工会") == ["工会嘉兴报道", "工会湖州选题"]
    assert len([query for query in queries if "taggit_tag" in query["sql"]]) == 1  # still one query
    assert suggested_tags(client_for(staff.section_editor), "工会") == [
        "工会嘉兴内部选题",
        "工会嘉兴报道",
        "工会湖州选题",
    ]


def test_tag_suggestions_rank_a_correspondent_by_the_stories_they_may_see(staff, client_for, huzhou, jiaxing):
    make_draft(unions=[huzhou], tags=["工会"])
    make_draft(unions=[jiaxing], tags=["工BA"])
    make_draft(unions=[jiaxing], tags=["工BA"])
    make_article(unions=[jiaxing], tags=["工BA"])

    # Counting the hidden drafts would rank 工BA (3 uses) first.
    assert suggested_tags(client_for(staff.correspondent), "工") == ["工BA", "工会"]
    make_draft(unions=[huzhou], tags=["工会"])
    assert suggested_tags(client_for(staff.correspondent), "工") == ["工会", "工BA"]
    assert suggested_tags(client_for(staff.section_editor), "工") == ["工BA", "工会"]


def test_the_tag_list_shows_a_correspondent_only_tags_and_counts_of_stories_they_may_see(
    staff, client_for, huzhou, jiaxing
):
    three_cities_tags(huzhou, jiaxing)

    correspondent = client_for(staff.correspondent).get(TAG_LIST_URL)
    editor = client_for(staff.section_editor).get(TAG_LIST_URL)

    assert story_counts(correspondent.text) == {"工BA": 2, "工会嘉兴报道": 1, "工会湖州选题": 1}
    assert story_counts(editor.text) == {"工BA": 3, "工会嘉兴内部选题": 1, "工会嘉兴报道": 1, "工会湖州选题": 1}


def test_a_hidden_tag_cannot_be_opened_by_url(staff, client_for, jiaxing):
    tag = make_draft(unions=[jiaxing], tags=["嘉兴内部选题"]).tags.get()
    url = reverse("admin:taggit_tag_change", args=[tag.pk])

    response = client_for(staff.correspondent).get(url, follow=True)

    assert "嘉兴内部选题" not in response.text
    assert client_for(staff.section_editor).get(url).status_code == 200


def test_the_story_lists_sidebar_offers_a_correspondent_no_hidden_tags_or_people(staff, client_for, huzhou, jiaxing):
    outsider = make_contributor("褚思远", union=jiaxing)
    make_draft(unions=[jiaxing], tags=["嘉兴内部选题"], credits=[(outsider, Credit.Role.REPORTER)])
    make_draft(unions=[huzhou], tags=["湖州选题"], credits=[(make_contributor("沈嘉禾"), Credit.Role.REPORTER)])

    correspondent = client_for(staff.correspondent).get(STORY_LIST_URL)
    editor = client_for(staff.section_editor).get(STORY_LIST_URL)

    assert "湖州选题" in correspondent.text and "沈嘉禾" in correspondent.text
    assert "嘉兴内部选题" not in correspondent.text and "褚思远" not in correspondent.text
    assert "嘉兴内部选题" in editor.text and "褚思远" in editor.text
    # Nor by naming them in the URL.
    by_url = client_for(staff.correspondent).get(STORY_LIST_URL, {"contributor": outsider.pk}, follow=True)
    assert "褚思远" not in by_url.text


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
    assert editor == {
        "嘉兴职工运动会",
        "南浔职工技能大赛（筹备）",
        "嘉兴职工技能大赛（筹备）",
        "无主办单位的职工大赛（筹备）",
    }


def test_the_event_list_shows_a_correspondent_published_events_and_their_unions_drafts(
    staff, client_for, huzhou, nanxun, jiaxing
):
    hidden_and_visible_events(huzhou, nanxun, jiaxing)

    assert listed(client_for(staff.correspondent), EVENT_LIST_URL) == {"嘉兴职工运动会", "南浔职工技能大赛（筹备）"}
    assert len(listed(client_for(staff.section_editor), EVENT_LIST_URL)) == 4


def test_the_contributor_list_and_autocompletes_hide_other_cities_correspondents(staff, client_for, huzhou, jiaxing):
    make_contributor("沈嘉禾")  # the paper's own reporter
    make_contributor("褚思远", union=jiaxing)
    make_contributor("湖州通讯员", union=huzhou)
    client = client_for(staff.correspondent)

    assert listed(client, PEOPLE_URL) == {"沈嘉禾", "湖州通讯员", "姚晴"}
    for model_name, field_name in [("article", "editor"), ("credit", "contributor")]:
        assert set(suggest(client, model_name, field_name, "")) == {"沈嘉禾", "湖州通讯员", "姚晴"}
    assert "褚思远" in listed(client_for(staff.section_editor), PEOPLE_URL)


def test_the_contributor_list_counts_for_a_correspondent_only_stories_they_may_see(staff, client_for, huzhou, jiaxing):
    reporter = make_contributor("沈嘉禾")
    byline = [(reporter, Credit.Role.REPORTER)]
    make_draft(unions=[huzhou], credits=byline)
    make_article(unions=[jiaxing], credits=byline)
    make_draft(unions=[jiaxing], credits=byline)

    assert story_counts(client_for(staff.correspondent).get(PEOPLE_URL).text)["沈嘉禾"] == 2
    assert story_counts(client_for(staff.section_editor).get(PEOPLE_URL).text)["沈嘉禾"] == 3
