"""Keeping the search documents in step with the stories.

A story's document is rebuilt whenever articles reports a saved edit or a change of
status (articles.signals), and in batches by `rebuild_search_index`.
"""

from django.db import transaction

from articles.models import Article
from articles.search.models import SearchDocument


def reindex(article):
    """Rebuild `article`'s search document from the database (about seven queries).

    Call it after the story's relations are saved (tags, unions, credits, segments, photos).
    """
    fresh = Article.objects.for_indexing().get(pk=article.pk)
    SearchDocument.for_article(fresh).save()


def reindex_all(articles, batch_size=500, progress=None):
    """Rebuild the search documents of the stories in `articles`, `batch_size` at a time.

    Memory stays flat: each batch is fetched, written and dropped. Calls
    progress(done, total) after each batch when given.
    """
    ids = list(articles.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = Article.objects.filter(pk__in=ids[start : start + batch_size]).for_indexing()
        documents = [SearchDocument.for_article(article) for article in batch]
        with transaction.atomic():
            SearchDocument.objects.filter(article_id__in=[doc.article_id for doc in documents]).delete()
            SearchDocument.objects.bulk_create(documents)
        if progress:
            progress(start + len(documents), len(ids))


def story_saved(sender, article, changed, **kwargs):
    if changed:
        reindex(article)


def status_changed(sender, article, **kwargs):
    reindex(article)  # the document carries the status and the publication time
