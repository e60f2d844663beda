"""A page of search hits: the stories with their snippets, in a fixed number of queries."""

from typing import NamedTuple

from articles.models import Article
from articles.search import snippets
from articles.search.models import SearchDocument


class Hit(NamedTuple):
    article: Article
    title: str  # marked-up headline
    snippet: str  # marked-up excerpt of the body text, or ""


def hits(article_ids, terms):
    """Hits for `article_ids` in that order: the listing prefetches plus one query for the texts."""
    articles = Article.objects.filter(pk__in=article_ids).for_listing().in_bulk()
    texts = dict(SearchDocument.objects.filter(article_id__in=article_ids).values_list("article_id", "body_text"))
    return [
        Hit(
            articles[pk],
            snippets.highlight(articles[pk].headline, terms),
            snippets.snippet(texts.get(pk, ""), terms),
        )
        for pk in article_ids
        if pk in articles
    ]
