"""Which stories match a query, best first: the index narrows, a substring check decides."""

from functools import reduce
from operator import add

from django.db import connection, transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from articles.models import Article, ArticleUnion, SearchDocument, TaggedArticle
from articles.search import tokens

# A search answers with at most this many stories (50 pages of 20): enough for
# any reader, and it keeps deep pages and counts as cheap as the first page.
MAX_RESULTS = 1000
# Candidates checked for substrings; a few spare for index false positives.
MAX_CANDIDATES = MAX_RESULTS + 200


def holds(field, term):
    """Q: `field` contains `term`, ignoring case. Terms without letters that have
    case (Chinese, digits) skip UPPER(), which would copy every text it reads."""
    lookup = "icontains" if term.upper() != term else "contains"
    return Q(**{f"{field}__{lookup}": term})


class Search:
    """A parsed query: its terms and the bigrams the index is asked for."""

    def __init__(self, raw):
        self.terms = tokens.query_terms(raw or "")
        self.index_tokens = list(dict.fromkeys(t for term in self.terms for t in tokens.term_tokens(term)))

    @property
    def is_empty(self):
        return not self.terms

    @property
    def is_too_short(self):
        """Only one-character terms: the index cannot narrow them down."""
        return bool(self.terms) and not self.index_tokens

    def documents(self, *, published_only=True, union=None, tag=None, event=None, since=None, until=None):
        """SearchDocuments passing the filters; the search itself is matching_ids()."""
        documents = SearchDocument.objects.all()
        if published_only:
            documents = documents.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())
        if union is not None:
            links = ArticleUnion.objects.filter(article=OuterRef("article_id")).filter(union.subtree_q(via="union__"))
            documents = documents.filter(Exists(links))
        if tag is not None:
            documents = documents.filter(Exists(TaggedArticle.objects.filter(content_object=OuterRef("article_id"), tag=tag)))
        if event is not None:
            through = Article.events.through.objects.filter(article_id=OuterRef("article_id"), event=event)
            documents = documents.filter(Exists(through))
        if since is not None:
            documents = documents.filter(published_at__date__gte=since)
        if until is not None:
            documents = documents.filter(published_at__date__lte=until)
        return documents

    def title_score(self):
        """How many terms the titles hold: headline matches rank above body matches."""
        scores = [Case(When(holds("title_text", term), then=Value(1)), default=Value(0)) for term in self.terms]
        return reduce(add, scores) if len(scores) > 1 else scores[0]

    def verified(self):
        """Q holding every term as a substring (terms the index proves are skipped)."""
        checks = [
            holds("title_text", term) | holds("body_text", term)
            for term in self.terms
            if not tokens.is_exact(term)
        ]
        return reduce(lambda left, right: left & right, checks, Q())

    def matching_ids(self, documents=None):
        """Article ids holding every term, best first, at most MAX_RESULTS: one query.

        The inner query asks the index for rows holding all bigrams and sorts
        those candidates on cheap columns only (title score, date); the outer
        query checks substrings on that bounded set, so a common term costs no
        more than a rare one.
        """
        if self.is_empty or self.is_too_short:
            return []
        documents = self.documents() if documents is None else documents
        order = ["-score", "-published_at", "-article_id"]
        candidates = (
            documents.filter(tokens__all=self.index_tokens)
            .annotate(score=self.title_score())
            .order_by(*order)
            .values("article_id")[:MAX_CANDIDATES]
        )
        ranked = (
            SearchDocument.objects.filter(article_id__in=candidates)
            .filter(self.verified())
            .annotate(score=self.title_score())
            .order_by(*order)
            .values_list("article_id", flat=True)[:MAX_RESULTS]
        )
        with transaction.atomic(using=ranked.db):
            if connection.vendor == "postgresql":
                # For a term in most stories the planner prefers a sequential
                # scan, which unpacks every row's tokens (seconds at 100k
                # stories); the GIN bitmap never reads them.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL enable_seqscan = off")
            return list(ranked)
