"""Headline lengths: live counts on the title fields and summary, and the 30-字 短标题 for lists."""

from django.urls import reverse

from articles.admin.articles import SHORT_HEADLINE_ADVICE
from articles.models import Article
from tests.admin import postdata
from tests.builders import make_article, make_draft

ADD_URL = reverse("admin:articles_article_add")
LONG_HEADLINE = "湖州市总工会召开十四届五次全委会暨全市工会工作会议部署下半年重点工作任务"  # 37 字
SHORT = "湖州市总工会部署下半年重点工作"


def test_the_title_fields_and_summary_carry_live_counts_and_the_headline_its_30_character_advice(editor_client):
    page = editor_client.get(ADD_URL).text

    assert "admin-extra/length-count.js" in page
    for name in ["kicker", "headline", "subheadline", "short_headline", "summary"]:
        tag = next(t for t in page.split("<") if f'name="{name}"' in t)
        assert "data-count" in tag, name
    headline = next(t for t in page.split("<") if 'name="headline"' in t)
    assert 'maxlength="200"' in headline and 'data-count-advice-at="30"' in headline
    assert "短标题" in page


def test_a_long_headline_without_a_short_one_is_saved_with_a_gentle_warning(editor_client):
    response = editor_client.post(ADD_URL, postdata.article(headline=LONG_HEADLINE), follow=True)

    assert response.status_code == 200
    assert SHORT_HEADLINE_ADVICE in response.text
    assert Article.objects.get().headline == LONG_HEADLINE


def test_a_long_headline_with_a_short_one_gets_no_warning(editor_client):
    response = editor_client.post(ADD_URL, postdata.article(headline=LONG_HEADLINE, short_headline=SHORT), follow=True)

    assert SHORT_HEADLINE_ADVICE not in response.text
    assert Article.objects.get().short_headline == SHORT


def test_a_short_headline_over_30_characters_is_refused_with_the_form_kept(editor_client):
    response = editor_client.post(ADD_URL, postdata.article(headline=LONG_HEADLINE, short_headline=LONG_HEADLINE))

    assert response.status_code == 200
    assert "30" in str(response.context["adminform"].form.errors["short_headline"])
    assert not Article.objects.exists()


def test_lists_and_cards_show_the_short_headline_and_the_story_page_the_full_one(client, huzhou):
    story = make_article(headline=LONG_HEADLINE, short_headline=SHORT, unions=[huzhou])

    union_page = client.get(huzhou.get_absolute_url()).text
    story_page = client.get(story.get_absolute_url()).text

    assert SHORT in union_page and LONG_HEADLINE not in union_page
    assert LONG_HEADLINE in story_page


def test_a_short_headline_set_by_one_editor_shows_in_the_comparison_another_reads(staff, client_for):
    story = make_draft(headline=LONG_HEADLINE)
    writer, editor = client_for(staff.reporter), client_for(staff.section_editor)
    change = reverse("admin:articles_article_change", args=[story.pk])
    writer.post(change, postdata.article(headline=LONG_HEADLINE, loaded_version=0))

    response = writer.post(change, postdata.article(headline=LONG_HEADLINE, short_headline=SHORT, loaded_version=1))

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.short_headline == SHORT
    compared = editor.get(reverse("admin:articles_article_compare", args=[story.pk]), {"a": 1, "b": 2}).text
    assert "短标题" in compared and SHORT in compared
