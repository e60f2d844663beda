"""Correspondents see and write only stories about their unions' subtrees, everywhere in the admin."""

from django.urls import reverse

from articles.models import Article, ArticleUnion
from tests.admin import postdata
from tests.admin.forms import suggest
from tests.builders import make_article, make_contributor, make_draft

LIST_URL = reverse("admin:articles_article_changelist")
ADD_URL = reverse("admin:articles_article_add")


def test_the_story_list_shows_only_stories_about_their_unions_subtree(staff, client_for, huzhou, nanxun, jiaxing):
    city = make_article(headline="湖州稿", unions=[huzhou])
    county = make_draft(headline="南浔稿", unions=[nanxun])
    make_article(headline="嘉兴稿", unions=[jiaxing])
    make_article(headline="湖州嘉兴联合稿", unions=[huzhou, jiaxing])
    make_article(headline="只提及湖州", unions=[jiaxing, (huzhou, ArticleUnion.Role.MENTIONED)])

    response = client_for(staff.correspondent).get(LIST_URL)

    assert response.status_code == 200
    assert sorted(a.pk for a in response.context["cl"].result_list) == sorted([city.pk, county.pk])
    assert "嘉兴稿" not in response.text


def test_reporters_and_editors_see_every_union(staff, client_for, huzhou, jiaxing):
    make_article(unions=[huzhou])
    make_article(unions=[jiaxing])

    for user in (staff.reporter, staff.section_editor):
        assert len(client_for(user).get(LIST_URL).context["cl"].result_list) == 2


def test_another_unions_story_cannot_be_opened_edited_previewed_or_submitted(staff, client_for, jiaxing):
    story = make_draft(headline="嘉兴稿", unions=[jiaxing])
    client = client_for(staff.correspondent)
    change_url = reverse("admin:articles_article_change", args=[story.pk])

    assert client.get(change_url).status_code == 404
    assert client.post(change_url, postdata.article(headline="篡改", loaded_version=0)).status_code == 404
    assert client.get(reverse("admin:articles_article_preview", args=[story.pk])).status_code == 404
    assert client.get(reverse("admin:articles_article_revisions", args=[story.pk])).status_code == 404
    assert client.post(reverse("admin:articles_article_transition", args=[story.pk, "submit"])).status_code == 404
    assert client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"}).status_code in (
        302,
        404,
    )
    story.refresh_from_db()
    assert (story.headline, story.status) == ("嘉兴稿", Article.Status.DRAFT)


def test_union_autocompletes_offer_only_their_subtree(staff, client_for, db):
    client = client_for(staff.correspondent)

    found = suggest(client, "articleunion", "union", "湖州")
    assert "湖州市总工会" in found and "湖州市南浔区总工会" in found
    assert suggest(client, "articleunion", "union", "嘉兴") == []
    assert suggest(client, "segment", "union", "嘉兴") == []
    assert "嘉兴市总工会" in suggest(client_for(staff.reporter), "articleunion", "union", "嘉兴")


def test_contributor_autocomplete_hides_other_unions_correspondents(staff, client_for, huzhou, jiaxing):
    make_contributor("沈嘉禾")  # the paper's own reporter
    make_contributor("褚思远", union=jiaxing)
    make_contributor("湖州通讯员", union=huzhou)

    found = suggest(client_for(staff.correspondent), "credit", "contributor", "")

    assert "沈嘉禾" in found and "湖州通讯员" in found and "姚晴" in found
    assert "褚思远" not in found


def test_the_union_list_shows_only_their_subtree(staff, client_for, db):
    response = client_for(staff.correspondent).get(reverse("admin:unions_union_changelist"))

    assert response.status_code == 200
    names = {union.name for union in response.context["cl"].queryset}
    assert "湖州市南浔区总工会" in names and "湖州市总工会" in names
    assert "嘉兴市总工会" not in names and "浙江省总工会" not in names


def test_a_story_about_another_union_is_refused_with_the_form_kept(staff, client_for, jiaxing):
    data = postdata.article(headline="越界稿件", article_unions=[{"union": jiaxing.pk, "role": "subject"}])

    response = client_for(staff.correspondent).post(ADD_URL, data)

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.text and 'value="越界稿件"' in response.text
    assert not Article.objects.exists()


def test_a_correspondents_story_needs_a_subject_union(staff, client_for, db):
    response = client_for(staff.correspondent).post(ADD_URL, postdata.article(headline="没有报道对象"))

    assert response.status_code == 200
    assert "请至少添加一个报道对象" in response.text
    assert not Article.objects.exists()


def test_a_correspondent_writes_a_draft_about_a_county_of_their_city(staff, client_for, nanxun):
    client = client_for(staff.correspondent)
    data = postdata.article(headline="南浔区总工会送清凉", article_unions=[{"union": nanxun.pk, "role": "subject"}])

    response = client.post(ADD_URL, data)

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.created_by) == (Article.Status.DRAFT, staff.correspondent)
    assert list(client.get(LIST_URL).context["cl"].result_list) == [article]
    assert client.post(reverse("admin:articles_article_transition", args=[article.pk, "submit"])).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.FIRST_REVIEW


def test_the_front_page_flag_is_read_only_for_writers(staff, client_for, huzhou):
    data = postdata.article(is_featured="on", article_unions=[{"union": huzhou.pk, "role": "subject"}])

    client_for(staff.correspondent).post(ADD_URL, data)

    assert Article.objects.get().is_featured is False


def test_a_correspondent_can_still_read_their_story_once_it_is_in_review(staff, client_for, huzhou):
    """Read-only form: every field shown as text, the editorial checks included."""

    story = make_draft(headline="湖州职工书屋开放", unions=[huzhou], created_by=staff.correspondent)
    Article.objects.filter(pk=story.pk).update(status=Article.Status.FIRST_REVIEW)

    response = client_for(staff.correspondent).get(reverse("admin:articles_article_change", args=[story.pk]))

    assert response.status_code == 200
    assert "湖州职工书屋开放" in response.text
    assert 'name="headline"' not in response.text  # shown, not editable
