from django.db import models

from articles.search import text, tokens
from articles.search.lookups import TokensField


class SearchDocument(models.Model):
    """The searchable text of one story, rebuilt by indexing.reindex() after every change.

    `tokens` holds the distinct character bigrams of both texts, space
    separated. The database indexes them: PostgreSQL with a GIN index on
    string_to_array(tokens, ' '), SQLite with the FTS5 table
    articles_searchdocument_fts kept in step by triggers (see the migration).
    `title_tokens` holds the bigrams of the title text alone; PostgreSQL indexes
    them too (migration 0008), so headline matches of a common word are found
    without reading every story that holds it.
    Status and publication time are copied here so a search reads one table.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="search_document", primary_key=True
    )
    title_text = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    tokens = TokensField(blank=True)
    title_tokens = TokensField(blank=True, default="")
    status = models.CharField(max_length=20)
    published_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "articles_searchdocument"  # kept from when this model lived in articles
        verbose_name = "检索文本"
        verbose_name_plural = "检索文本"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="searchdoc_status_published"),
            # The story admin searches every status, newest first: its walk along the dates (query.py).
            models.Index(fields=["-published_at", "-article_id"], name="searchdoc_published"),
        ]

    def __str__(self):
        return self.title_text

    @classmethod
    def for_article(cls, article):
        """An unsaved document for `article` (see text.body_text for what it reads)."""
        # Folded (ＢＡ as BA), so the substring check and snippets agree with the tokens.
        title, body = tokens.fold(text.title_text(article)), tokens.fold(text.body_text(article))
        return cls(
            article=article,
            title_text=title,
            body_text=body,
            tokens=" ".join(sorted(tokens.document_tokens(f"{title}\n{body}"))),
            title_tokens=" ".join(sorted(tokens.document_tokens(title))),
            status=article.status,
            published_at=article.published_at,
        )
