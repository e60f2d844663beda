"""Full-width letters and digits (ＢＡ, ２０２４) find the same stories as half-width ones, both
ways: the indexed text and the query are folded (NFKC of letters and digits)."""

from importlib import import_module

from django.apps import apps
from django.urls import reverse

from articles.search import tokens
from articles.search.models import SearchDocument
from tests.builders import make_article

SEARCH = reverse("search")
migration = import_module("articles.search.migrations.0003_fold_compatibility_characters")


def found(client, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return sorted(hit.article.headline for hit in response.context["hits"])


def test_full_width_and_half_width_queries_find_the_same_stories(client):
    make_article(headline="湖州职工BA联赛开赛", body="<p>2024年赛季揭幕。</p>")
    make_article(headline="嘉兴工ＢＡ决赛", body="<p>２０２４年冠军产生。</p>")
    make_article(headline="会议召开", body="<p>部署工作。</p>")

    for query in ("BA", "ＢＡ", "ba", "ｂａ"):
        assert found(client, query) == ["嘉兴工ＢＡ决赛", "湖州职工BA联赛开赛"], query
    for query in ("2024", "２０２４", "2024年", "２０２４年"):
        assert found(client, query) == ["嘉兴工ＢＡ决赛", "湖州职工BA联赛开赛"], query


def test_the_match_in_a_full_width_headline_is_marked(client):
    make_article(headline="嘉兴工ＢＡ决赛")

    response = client.get(SEARCH, {"q": "BA"})

    assert "嘉兴工<mark>BA</mark>决赛" in response.text


def test_chinese_punctuation_is_left_as_written_in_snippets(client):
    make_article(headline="会议召开", body="<p>会议强调：全力做好（职工）服务，推进BA联赛。</p>")

    response = client.get(SEARCH, {"q": "ＢＡ"})

    assert "会议强调：全力做好（职工）服务，推进<mark>BA</mark>联赛。" in response.text


def test_the_migration_folds_documents_indexed_before(client, settings):
    settings.PAGE_CACHE = False  # the same search is asked before and after
    story = make_article(headline="工BA决赛", body="<p>２０２４年冠军产生。</p>")
    # As the document was indexed before folding: the text as written, its bigrams unfolded.
    title, body = "工ＢＡ决赛", "２０２４年冠军产生。"
    SearchDocument.objects.filter(pk=story.pk).update(
        title_text=title,
        body_text=body,
        tokens=" ".join(sorted({t for run in f"{title}\n{body}".lower().split() for t in tokens.bigrams(run)})),
        title_tokens=" ".join(tokens.bigrams(title.lower())),
    )
    assert found(client, "2024") == []

    migration.fold_documents(apps, None)

    assert found(client, "2024") == ["工BA决赛"] == found(client, "ＢＡ")
    assert SearchDocument.objects.get(pk=story.pk).body_text == "2024年冠军产生。"
