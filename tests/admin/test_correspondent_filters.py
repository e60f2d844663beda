"""A correspondent's story-list sidebar offers the unions of their scope and the people
credited on their stories, not the whole province; an editor's offers everything."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Credit
from tests.builders import make_article, make_contributor, make_draft

LIST_URL = reverse("admin:articles_article_changelist")
CITIES = ["hangzhou", "ningbo", "wenzhou", "jiaxing", "huzhou", "shaoxing", "jinhua", "quzhou", "zhoushan"]


def offered(response, parameter):
    assert response.status_code == 200
    spec = next(
        spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", None) == parameter
    )
    return [label.strip("\u3000") for _, label in spec.lookup_choices]


def test_a_correspondent_of_huzhou_is_offered_huzhou_and_its_counties_only(staff, client_for, huzhou):
    correspondent = offered(client_for(staff.correspondent).get(LIST_URL), "union")
    editor_page = client_for(staff.section_editor).get(LIST_URL)

    assert correspondent[0] == "湖州" and "南浔" in correspondent and "德清" in correspondent
    assert "嘉兴" not in correspondent and "浙江" not in "".join(correspondent)
    assert all(f"?union={city}" in editor_page.text for city in CITIES)
    assert "南浔" not in offered(editor_page, "union")  # an editor's counties open with their city


def test_a_correspondent_is_offered_only_the_people_credited_on_stories_they_may_see(
    staff, client_for, huzhou, jiaxing
):
    staff_reporter, huzhou_reporter = make_contributor("沈嘉禾"), make_contributor("羊晓江")
    make_article(headline="嘉兴已发布", unions=[jiaxing], credits=[(staff_reporter, Credit.Role.REPORTER)])
    make_draft(headline="湖州草稿", unions=[huzhou], credits=[(huzhou_reporter, Credit.Role.REPORTER)])

    correspondent = offered(client_for(staff.correspondent).get(LIST_URL), "contributor")
    editor = offered(client_for(staff.section_editor).get(LIST_URL), "contributor")

    assert correspondent == ["羊晓江"]
    assert sorted(editor) == ["沈嘉禾", "羊晓江"]


def test_a_correspondents_sidebar_costs_the_same_with_more_stories(staff, client_for, huzhou, nanxun):
    client = client_for(staff.correspondent)
    make_draft(unions=[huzhou], credits=[(make_contributor("甲"), Credit.Role.REPORTER)])
    client.get(LIST_URL)
    with CaptureQueriesContext(connection) as baseline:
        client.get(LIST_URL)
    for name in ["乙", "丙", "丁"]:
        make_draft(unions=[nanxun], tags=[name], credits=[(make_contributor(name), Credit.Role.REPORTER)])

    with CaptureQueriesContext(connection) as after:
        response = client.get(LIST_URL)

    assert len(after) == len(baseline)
    assert {"甲", "乙", "丙", "丁"} <= set(offered(response, "contributor"))
