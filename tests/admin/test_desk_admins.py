"""The smaller desk pages: contributors, print pages and tags."""

from django.urls import reverse
from taggit.models import Tag

from articles.models import Credit
from tests.builders import make_article, make_contributor, make_page


def test_contributor_list_counts_stories_and_links_to_them(editor_client):
    reporter = make_contributor("羊晓江")
    make_article(credits=[(reporter, Credit.Role.REPORTER), (reporter, Credit.Role.PHOTOGRAPHER)])

    response = editor_client.get(reverse("admin:articles_contributor_changelist"), {"q": "羊"})

    assert response.status_code == 200
    assert f'<a href="/admin/articles/article/?contributor={reporter.pk}">1</a>' in response.text


def test_contributor_form_offers_union_and_account_autocompletes(editor_client, db):
    response = editor_client.get(reverse("admin:articles_contributor_add"))

    assert response.status_code == 200
    assert 'data-model-name="contributor"' in response.text
    assert response.text.count("admin-autocomplete") >= 2


def test_print_page_shows_the_stories_placed_on_it(editor_client):
    page = make_page(2, name="地方新闻")
    make_article(headline="湖州市总工会召开全委会", pages=[page])
    make_article(headline="南浔区总工会开展送清凉", pages=[page])

    listing = editor_client.get(reverse("admin:articles_printpage_changelist"))
    detail = editor_client.get(reverse("admin:articles_printpage_change", args=[page.pk]))

    assert '<td class="field-story_count">2</td>' in listing.text
    assert detail.status_code == 200
    assert "湖州市总工会召开全委会" in detail.text and "南浔区总工会开展送清凉" in detail.text


def test_tag_list_is_searchable_and_links_to_the_stories(editor_client):
    make_article(tags=["工BA"])
    make_article(tags=["工BA", "劳动保护"])

    response = editor_client.get(reverse("admin:taggit_tag_changelist"), {"q": "工"})

    assert [tag.name for tag in response.context["cl"].result_list] == ["工BA"]
    assert '<a href="/admin/articles/article/?tag=%E5%B7%A5ba">2</a>' in response.text


def test_a_tag_differing_only_in_case_is_refused(editor_client):
    make_article(tags=["工BA"])

    response = editor_client.post(reverse("admin:taggit_tag_add"), {"name": "工ba", "slug": "工ba-2"})

    assert response.status_code == 200
    assert "已有同名标签“工BA”（不区分大小写）。" in response.text
    assert Tag.objects.count() == 1
