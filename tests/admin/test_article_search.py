"""Editors search stories in the admin through the same index, drafts included."""

from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from articles.search.models import SearchDocument
from tests.admin import postdata
from tests.builders import make_article

LIST_URL = reverse("admin:articles_article_changelist")
ADD_URL = reverse("admin:articles_article_add")


def listed(response):
    assert response.status_code == 200
    return sorted(article.headline for article in response.context["cl"].result_list)


def test_admin_search_finds_drafts_by_any_word_in_them(editor_client):
    make_article(headline="越工驿站草稿", status="draft")
    make_article(headline="已发布稿件", summary="职工BA联赛开幕")
    make_article(headline="无关稿件")

    assert listed(editor_client.get(LIST_URL, {"q": "越工驿站"})) == ["越工驿站草稿"]
    assert listed(editor_client.get(LIST_URL, {"q": "工ba"})) == ["已发布稿件"]


def test_admin_search_with_one_character_still_narrows(editor_client):
    make_article(headline="越工驿站")
    make_article(headline="篮球赛")

    assert listed(editor_client.get(LIST_URL, {"q": "驿"})) == ["越工驿站"]


def test_a_story_saved_in_the_admin_is_found_by_its_tags_and_unions(editor_client, huzhou):
    data = postdata.article(
        headline="全委会召开",
        tags="南浔彩蝶队",
        article_unions=[{"union": huzhou.pk, "role": "subject"}],
    )
    assert editor_client.post(ADD_URL, data).status_code == 302

    assert listed(editor_client.get(LIST_URL, {"q": "彩蝶"})) == ["全委会召开"]
    assert listed(editor_client.get(LIST_URL, {"q": "湖州市总工会"})) == ["全委会召开"]


def test_a_story_signed_off_through_the_review_buttons_becomes_searchable_for_readers(staff, client_for, client):
    draft = make_article(headline="越工驿站开张", status="draft", created_by=staff.reporter)
    steps = [
        (staff.reporter, "submit"),
        (staff.section_editor, "approve"),
        (staff.deputy, "approve"),
        (staff.chief, "approve"),
    ]
    assert "开张" not in client.get("/search/", {"q": "越工驿站"}).text

    for user, action in steps:
        client_for(user).post(reverse("admin:articles_article_transition", args=[draft.pk, action]))

    draft.refresh_from_db()
    assert SearchDocument.objects.get(article=draft).status == Article.Status.PUBLISHED
    assert draft.get_absolute_url() in client.get("/search/", {"q": "越工驿站"}).text


def test_rebuild_command_indexes_every_story_and_reports_progress(db, capsys):
    make_article(headline="越工驿站")
    make_article(headline="篮球赛")
    SearchDocument.objects.all().delete()

    call_command("rebuild_search_index", batch_size=1)

    output = capsys.readouterr().out
    assert "1/2 stories indexed" in output and "2/2 stories indexed" in output
    assert SearchDocument.objects.count() == 2
