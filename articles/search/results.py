"""A page of search hits: the stories with their snippets, in a fixed number of queries."""

from typing import NamedTuple

from django.db.models import OuterRef, Subquery

from articles.models import Article
from articles.models.article import card_prefetches
from articles.search import snippets, tokens
from articles.search.models import SearchDocument


class Hit(NamedTuple):
    article: Article
    title: str  # marked-up headline
    snippet: str  # marked-up excerpt of the body text, or ""


def hits(article_ids, terms):
    """Hits for `article_ids` in that order: the stories with their texts, and a card's unions and photos."""
    text = SearchDocument.objects.filter(article_id=OuterRef("pk")).values("body_text")
    articles = (
        Article.objects.filter(pk__in=article_ids)
        .annotate(search_text=Subquery(text))
        .prefetch_related(*card_prefetches())
        .in_bulk()
    )
    return [
        Hit(
            articles[pk],
            snippets.highlight(tokens.fold(articles[pk].headline), terms),
            snippets.snippet(articles[pk].search_text or "", terms),
        )
        for pk in article_ids
        if pk in articles
    ]
