"""Suggesting existing tags while an editor types, without any CDN script."""

from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.builders import make_article, make_reader

SUGGEST_URL = reverse("admin:articles_article_tag_suggestions")


def test_suggests_tags_starting_with_the_term_most_used_first(editor_client):
    make_article(tags=["工会", "工BA"])
    make_article(tags=["工BA", "职工"])

    response = editor_client.get(SUGGEST_URL, {"term": "工"})

    assert response.status_code == 200
    assert response.json() == {"results": ["工BA", "工会"]}


def test_suggestions_ignore_case_and_blank_terms(editor_client):
    make_article(tags=["工BA"])

    assert editor_client.get(SUGGEST_URL, {"term": "工b"}).json() == {"results": ["工BA"]}
    assert editor_client.get(SUGGEST_URL, {"term": "  "}).json() == {"results": []}
    assert editor_client.get(SUGGEST_URL).json() == {"results": []}


def test_suggestions_are_for_staff_only(client, db):
    make_article(tags=["内部标签"])
    client.force_login(make_reader())

    response = client.get(SUGGEST_URL, {"term": "内部"})

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_suggestions_need_permission_on_stories(client, db):
    staff = make_reader("staff")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)

    assert client.get(SUGGEST_URL, {"term": "工"}).status_code == 403


def test_the_suggestion_script_and_admin_styles_are_shipped_locally():
    assert finders.find("admin-extra/tag-suggest.js")
    assert finders.find("admin-extra/admin.css")
    assert finders.find("django_prose_editor/editor.js")
