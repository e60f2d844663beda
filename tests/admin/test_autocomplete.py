"""The autocompletes of the story, event and page forms, answered by Django's admin endpoint."""

import pytest
from django.urls import reverse

from tests.admin.forms import suggest
from tests.builders import make_article, make_contributor, make_event, make_page

AUTOCOMPLETE_URL = reverse("admin:autocomplete")


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [
        ("articleunion", "union"),
        ("segment", "union"),
        ("eventunion", "union"),
        ("standing", "union"),
        ("award", "union"),
        ("contributor", "union"),
    ],
)
def test_union_fields_suggest_unions_by_name(editor_client, db, model_name, field_name):
    found = suggest(editor_client, model_name, field_name, "湖州")

    assert found[0] == "湖州市总工会"
    assert "湖州市南浔区总工会" in found


def test_union_fields_also_find_short_names_and_slugs(editor_client, db):
    assert suggest(editor_client, "articleunion", "union", "nanxun") == ["湖州市南浔区总工会"]
    assert "湖州市南浔区总工会" in suggest(editor_client, "articleunion", "union", "南浔")


def test_credit_and_editor_fields_suggest_contributors(editor_client):
    make_contributor("羊晓江")
    make_contributor("李四")

    assert suggest(editor_client, "credit", "contributor", "羊") == ["羊晓江"]
    assert suggest(editor_client, "article", "editor", "李") == ["李四"]


def test_placement_fields_suggest_pages_by_date_name_or_number_and_stories_by_headline(editor_client):
    make_page(1, name="要闻")
    make_page(2, name="地方新闻")
    make_article(headline="湖州市总工会召开全委会")

    assert suggest(editor_client, "placement", "page", "地方") == ["2025-06-12 第2版 地方新闻"]
    assert len(suggest(editor_client, "placement", "page", "2025-06-12")) == 2
    assert suggest(editor_client, "placement", "page", "2") != []
    assert suggest(editor_client, "placement", "article", "全委会") == ["湖州市总工会召开全委会"]


def test_event_field_suggests_events_by_title(editor_client):
    make_event(title="湖州市首届“工BA”职工篮球赛")

    assert suggest(editor_client, "article", "events", "篮球") == ["湖州市首届“工BA”职工篮球赛"]


def test_autocomplete_is_closed_to_outsiders(client, db):
    response = client.get(
        AUTOCOMPLETE_URL, {"app_label": "articles", "model_name": "articleunion", "field_name": "union", "term": "湖州"}
    )

    assert response.status_code == 302
