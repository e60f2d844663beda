"""Which stories match a query, best first: the index narrows, a substring check decides."""

import time
from functools import reduce
from operator import add, mul

from django.db import connection, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When

from articles.models import Article, ArticleUnion, TaggedArticle
from articles.models.status import published_q
from articles.search import tokens
from articles.search.models import SearchDocument

# A search answers with at most this many stories (50 pages of 20): enough for
# any reader, and it keeps deep pages and counts as cheap as the first page.
MAX_RESULTS = 1000
# Candidates checked for substrings; a few spare for index false positives.
MAX_CANDIDATES = MAX_RESULTS + 200
# PostgreSQL: a word the planner expects in at least this share of the stories
# is found by walking the date index rather than by sorting everything the GIN
# index returns; so are its headline matches when in this share of headlines
# (measured at 100,000 stories, README "Performance").
DENSE_SHARE = 0.3
DENSE_TITLE_SHARE = 0.05


def holds(field, term):
    """Q: `field` contains `term`, ignoring case. Terms without letters that have
    case (Chinese, digits) skip UPPER(), which would copy every text it reads."""
    lookup = "icontains" if term.upper() != term else "contains"
    return Q(**{f"{field}__{lookup}": term})


def _planner(**enabled):
    """Switch planner methods for the rest of the transaction, in one statement."""
    settings = ", ".join(f"set_config('enable_{name}', %s, true)" for name in enabled)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {settings}", ["on" if on else "off" for on in enabled.values()])


# How common each bigram is, from PostgreSQL's statistics of the two token columns
# (pg_stats.most_common_elems): read once per STATS_SECONDS per process, not per search.
STATS_SECONDS = 600
_stats = {"read_at": None, "share": {}}


def token_share(column, bigrams):
    """The share (0–1) of documents whose `column` holds all `bigrams`, as the planner
    would estimate it: the product of each bigram's frequency, 0 for a bigram too rare
    to be in the statistics. It errs low for longer words (bigrams are not independent):
    then the dense plan is skipped, which costs time, never results."""
    now = time.monotonic()
    if _stats["read_at"] is None or now - _stats["read_at"] > STATS_SECONDS:
        _stats.update(read_at=now, share=_read_stats())
    frequencies = _stats["share"].get(column, {})
    return reduce(mul, (frequencies.get(bigram, 0.0) for bigram in bigrams), 1.0) if bigrams else 0.0


def _read_stats():
    """{column: {bigram: share}} from the statistics of the GIN indexes on the two columns
    (their expression, string_to_array(column), is where PostgreSQL keeps them)."""
    indexes = {"searchdoc_tokens_gin": "tokens", "searchdoc_title_tokens_gin": "title_tokens"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = ANY(%s)",
            [list(indexes)],
        )
        return {indexes[index]: dict(zip(elems or [], freqs or [])) for index, elems, freqs in cursor.fetchall()}


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
            documents = documents.filter(published_q())  # the document carries status and time
        if union is not None:
            links = ArticleUnion.objects.filter(article=OuterRef("article_id")).filter(union.subtree_q(via="union__"))
            documents = documents.filter(Exists(links))
        if tag is not None:
            documents = documents.filter(
                Exists(TaggedArticle.objects.filter(content_object=OuterRef("article_id"), tag=tag))
            )
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

    def verified(self, strict=False):
        """Q holding every term as a substring (unless strict, terms the index
        proves are skipped: use strict on rows the index did not choose)."""
        checks = [
            holds("title_text", term) | holds("body_text", term)
            for term in self.terms
            if strict or not tokens.is_exact(term)
        ]
        return reduce(lambda left, right: left & right, checks, Q())

    def matching_ids(self, documents=None):
        """Article ids holding every term, best first, at most MAX_RESULTS."""
        if self.is_empty or self.is_too_short:
            return []
        documents = self.documents() if documents is None else documents
        if connection.vendor != "postgresql":
            return self._ranked_in_one_query(documents)
        with transaction.atomic(using=documents.db):
            # For a term in most stories the planner prefers a sequential scan,
            # which unpacks every row's tokens (seconds at 100k stories); the GIN
            # bitmap or the date index never read them all.
            if token_share("tokens", self.index_tokens) >= DENSE_SHARE:
                return self._ranked_by_parts(documents)
            _planner(seqscan=False)
            return self._ranked_in_one_query(documents)

    def newest_ids(self, documents):
        """Article ids holding every term, newest first, at most MAX_RESULTS: for lists in
        date order (the story admin), which need no ranking. The index and checks of
        matching_ids(), in fewer queries: a common word walks the date index (_walk),
        any other word sorts its candidates by date."""
        if self.is_empty or self.is_too_short:
            return []
        with transaction.atomic(using=documents.db):
            if connection.vendor == "postgresql":
                if token_share("tokens", self.index_tokens) >= DENSE_SHARE:
                    # As in matching_ids(): a walk of the date index checking substrings.
                    _planner(seqscan=False, bitmapscan=False)
                    return [row[0] for row in self._walk(documents, self.verified(strict=True))]
                _planner(seqscan=False)
            order = ["-published_at", "-article_id"]
            candidates = (
                documents.filter(tokens__all=self.index_tokens).order_by(*order).values("article_id")[:MAX_CANDIDATES]
            )
            found = SearchDocument.objects.filter(article_id__in=candidates).filter(self.verified()).order_by(*order)
            return list(found.values_list("article_id", flat=True)[:MAX_RESULTS])

    def _ranked_in_one_query(self, documents):
        """One query: the inner part asks the index for rows holding all bigrams
        and sorts those candidates on (title score, date); the outer part checks
        substrings on that bounded set. Costs in proportion to the candidates."""
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
        return list(ranked)

    def _ranked_by_parts(self, documents):
        """PostgreSQL, a word in most stories: sorting every candidate, as
        _ranked_in_one_query does, would read nearly every row. Instead the
        best MAX_RESULTS of (title score, date) come from two small sets:

        - newest: the newest MAX_RESULTS matches (a walk of the date index);
        - titled: the best MAX_RESULTS matches with a headline match.

        Every story ranking in the top MAX_RESULTS is in one of the two: a
        headline match among the best headline matches, a body-only match among
        the newest matches (every newer match outranks it). Sorting their union
        gives the order of sorting every match.
        """
        newest = self._walk(documents, self.verified(strict=True))
        if len(self.terms) == 1 and token_share("title_tokens", self.index_tokens) >= DENSE_TITLE_SHARE:
            # One word in many headlines: a walk of the date index checking headlines (kept
            # in the row, so cheap; a headline holding the word proves the story holds it).
            # Both walks are one query, ranked in the database: only the ids come back.
            _planner(seqscan=False, bitmapscan=False)
            titled = self._walk(documents, holds("title_text", self.terms[0]))
            return self._ranked_in_sql(newest.union(titled, all=True))
        rows = {}
        for row in self._newest_and_indexed_titles(documents, newest):
            rows.setdefault(row[0], row)

        def rank(row):
            article_id, score, published_at = row
            # ORDER BY published_at DESC puts NULLs (undated drafts) first.
            moment = published_at.timestamp() if published_at is not None else 0
            return (-score, published_at is not None, -moment, -article_id)

        return [row[0] for row in sorted(rows.values(), key=rank)[:MAX_RESULTS]]

    @staticmethod
    def _ranked_in_sql(parts):
        """The ids of the rows (article_id, score, published_at) of `parts`, best first."""
        sql, params = parts.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT article_id FROM (SELECT DISTINCT article_id, score, published_at FROM ({sql}) parts) rows "
                f"ORDER BY score DESC, published_at DESC, article_id DESC LIMIT {MAX_RESULTS}",
                params,
            )
            return [row[0] for row in cursor.fetchall()]

    def _newest_and_indexed_titles(self, documents, newest):
        """Rows (article_id, title score, published_at) of the newest matches (a walk of the
        date index checking substrings) and of the best headline matches, which the
        title-only GIN index finds, as they are few: two queries, each planned as it needs."""
        if len(self.terms) == 1:
            titled, verified = documents.filter(self.title_tokens_any()), self.verified(strict=True)
        else:
            # Several words: a headline match for one of them, all of them in the story.
            titled = documents.filter(self.title_tokens_any()).filter(tokens__all=self.index_tokens)
            verified = self.verified()
        _planner(seqscan=False, bitmapscan=False)
        rows = list(newest)
        _planner(bitmapscan=True)
        found = (
            titled.filter(verified)
            .annotate(score=self.title_score())
            .filter(score__gte=1)
            .order_by("-score", "-published_at", "-article_id")
            .values_list("article_id", "score", "published_at")[:MAX_RESULTS]
        )
        return rows + list(found)

    def _walk(self, documents, check):
        """The newest MAX_RESULTS documents passing `check`, read along the date index
        (with bitmap scans off): cheap when most rows pass, so only used then."""
        return (
            documents.filter(check)
            .annotate(score=self.title_score())
            .order_by("-published_at", "-article_id")
            .values_list("article_id", "score", "published_at")[:MAX_RESULTS]
        )

    def title_tokens_any(self):
        """Q: the title holds every bigram of at least one term (PostgreSQL only).
        A one-character term has no bigrams: then any title may match."""
        per_term = [tokens.term_tokens(term) for term in self.terms]
        if not all(per_term):
            return Q()
        return reduce(lambda left, right: left | right, (Q(title_tokens__all=bigrams) for bigrams in per_term))
