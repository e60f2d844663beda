"""The admin names people by their byline and unit (周文澜（本报）, 姚晴（湖州）), not by their
username, and the byline autocomplete offers the writer first; a new story starts with its
writer's own byline."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, Credit
from tests.admin.forms import form_data
from tests.builders import change_url, make_contributor, make_draft, transition_url
from unionnews.accounts import roles

ADD_URL = reverse("admin:articles_article_add")
DESK_URL = reverse("admin:articles_article_desk")


@pytest.fixture
def people(staff, huzhou):
    """The correspondent 姚晴 works for 湖州; the section editor 周文澜 for the paper."""
    staff.correspondent.contributor.union = huzhou
    staff.correspondent.contributor.save()
    make_contributor("周文澜", user=staff.section_editor)
    return staff


def autocomplete(client, term=""):
    """What the credit row's autocomplete offers `client`, asked where the add form's widget asks."""
    page = client.get(ADD_URL).text
    select = re.search(r'<select[^>]*name="credits-0-contributor"[^>]*>', page).group()
    response = client.get(
        re.search(r'data-ajax--url="([^"]+)"', select).group(1),
        {"app_label": "articles", "model_name": "credit", "field_name": "contributor", "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_timeline_and_the_revision_history_name_people_with_their_unit(people, client_for, huzhou):
    article = make_draft(unions=[huzhou], created_by=people.correspondent)
    correspondent = client_for(people.correspondent)
    edited = {**form_data(correspondent.get(change_url(article))), "summary": "高温慰问一线职工", "_continue": "1"}
    assert correspondent.post(change_url(article), edited).status_code == 302
    correspondent.post(transition_url(article, "submit"))
    client_for(people.section_editor).post(transition_url(article, "approve"))

    page = client_for(people.deputy).get(change_url(article)).text
    history = client_for(people.deputy).get(reverse("admin:articles_article_revisions", args=[article.pk])).text

    timeline = page[page.index('id="timeline"') :]
    assert "姚晴（湖州）" in timeline and "周文澜（本报）" in timeline
    assert "tongxunyuan" not in timeline and "bianji1" not in timeline
    assert "姚晴（湖州）" in history and "tongxunyuan" not in history


def test_the_desk_names_the_writer_not_their_login(people, client_for, huzhou):
    make_draft(headline="南浔送清凉", unions=[huzhou], created_by=people.correspondent, status="first_review")

    desk = client_for(people.section_editor).get(DESK_URL).text

    assert "南浔送清凉" in desk and "姚晴（湖州）" in desk and "tongxunyuan" not in desk


def test_the_byline_autocomplete_offers_the_writer_first_with_units(people, client_for, huzhou):
    make_contributor("艾青", union=huzhou)

    assert autocomplete(client_for(people.section_editor)) == ["周文澜（本报）", "姚晴（湖州）", "艾青（湖州）"]
    assert autocomplete(client_for(people.correspondent)) == ["姚晴（湖州）", "周文澜（本报）", "艾青（湖州）"]


def chosen(page, name):
    """The text of the option chosen in the select `name` of a form page."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.search(r"<option[^>]*selected[^>]*>(.*?)</option>", select).group(1)


def test_a_reopened_story_names_its_credited_people_and_editor_with_their_units(people, client_for, huzhou):
    editor = people.section_editor.contributor
    article = make_draft(
        unions=[huzhou],
        credits=[(people.correspondent.contributor, Credit.Role.CORRESPONDENT), (editor, Credit.Role.PHOTOGRAPHER)],
        editor=editor,
        created_by=people.correspondent,
    )

    page = client_for(people.correspondent).get(change_url(article)).text

    assert chosen(page, "credits-0-contributor") == "姚晴（湖州）"
    assert chosen(page, "credits-1-contributor") == "周文澜（本报）"
    assert chosen(page, "editor") == "周文澜（本报）"
    # A new story's own credit row reads the same before it is saved.
    assert chosen(client_for(people.correspondent).get(ADD_URL).text, "credits-0-contributor") == "姚晴（湖州）"


def test_a_new_story_starts_with_the_writers_own_byline_and_keeps_it(people, client_for, huzhou):
    correspondent = client_for(people.correspondent)
    page = correspondent.get(ADD_URL)
    data = form_data(page)

    assert data["credits-0-contributor"] == str(people.correspondent.contributor.pk)
    assert data["credits-0-role"] == Credit.Role.CORRESPONDENT

    data.update(
        {
            "headline": "南浔区总工会开展送清凉",
            "article_unions-0-union": str(huzhou.pk),
            "article_unions-0-role": "subject",
        }
    )
    assert correspondent.post(ADD_URL, data).status_code == 302
    story = Article.objects.get(headline="南浔区总工会开展送清凉")
    assert [(c.contributor.name, c.role) for c in story.credits.all()] == [("姚晴", Credit.Role.CORRESPONDENT)]


def test_a_writer_without_a_byline_starts_with_an_empty_credit_row(people, client_for):
    from tests.builders import make_staff

    chief = make_staff("zongbian2", roles.CHIEF)
    reporter_page = client_for(people.section_editor).get(ADD_URL)

    assert form_data(client_for(chief).get(ADD_URL)).get("credits-0-contributor", "") in ("", [])
    assert form_data(reporter_page)["credits-0-role"] == Credit.Role.REPORTER


def test_the_byline_autocomplete_costs_the_same_for_more_people(people, client_for, huzhou, nanxun):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(people.section_editor)
    autocomplete(client)
    with CaptureQueriesContext(connection) as baseline:
        autocomplete(client)
    for name in ["甲", "乙", "丙"]:
        make_contributor(name, union=nanxun)

    with CaptureQueriesContext(connection) as after:
        offered = autocomplete(client)

    assert len(after) == len(baseline)
    assert "甲（南浔）" in offered


def test_a_waved_through_check_names_who_confirmed_it(people, client_for, huzhou):
    from articles.editorial.models import Acknowledgement, Finding

    article = make_draft(unions=[huzhou], created_by=people.correspondent, status="first_review")
    Acknowledgement.objects.create(
        article=article,
        fingerprint="x",
        code=Finding.Code.choices[0][0],
        excerpt="扩大会精神",
        acknowledged_by=people.correspondent,
    )

    page = client_for(people.section_editor).get(change_url(article)).text

    assert "扩大会精神」（姚晴（湖州）确认于" in page
