"""A tag only drafts carry stays unknown to readers in its feed and the search filter,
as on its page and in the sitemap, whoever is logged in; it appears once a story is out."""

from datetime import timedelta

from django.urls import reverse

from articles.models import Article
from tests.builders import NOON, make_article, make_editor


def tag_feed(slug):
    return reverse("tags:feed", kwargs={"slug": slug})


def test_the_feed_of_a_tag_only_drafts_carry_is_not_found(client, client_for, db):
    draft = make_article(status="draft", tags=["内部选题"])
    make_article(published_at=NOON + timedelta(days=1), tags=["明日选题"])

    for visitor in (client, client_for(make_editor())):
        for slug in ("内部选题", "明日选题"):
            response = visitor.get(tag_feed(slug))
            assert response.status_code == 404
            assert "<rss" not in response.text

    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED, published_at=NOON)
    assert "内部选题" in client.get(tag_feed("内部选题")).text


def test_searching_by_a_tag_only_drafts_carry_is_refused_without_naming_it(client, db):
    make_article(status="draft", tags=["内部选题"])
    make_article(headline="湖州职工书屋开放", tags=["职工书屋"])

    response = client.get(reverse("search"), {"q": "湖州", "tag": "内部选题"})

    assert response.status_code == 400
    # The same words as for a tag nobody has, and the name is not echoed or sent again.
    assert "没有找到这个标签的已发布稿件。" in response.text and "内部选题" not in response.text
    assert client.get(reverse("search"), {"q": "湖州", "tag": "职工书屋"}).status_code == 200
