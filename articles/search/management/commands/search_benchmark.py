"""Measure search speed: `python manage.py search_benchmark --stories 100000`.

Fills the (empty, dedicated) database with synthetic stories via bulk_create,
times the search index build, then reports p50/p95 latency of searches (the
ids query plus the first page of hits, as /search/ runs them) against a plain
primary-key lookup, and the index size. Use a throwaway database, e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/unionnews_search_bench.
"""

import random
import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from articles.models import Article
from articles.richtext import paragraphs_html
from articles.search import synthetic, text, tokens
from articles.search.models import SearchDocument
from articles.search.query import Search
from articles.search.results import hits

QUERIES = [
    "工会",
    "职工",
    "湖州",
    "越工驿站",
    "班前十分钟",
    "工BA",
    "南浔彩蝶队",
    "彩蝶",
    "2024",
    "MVP",
    "羊晓江",
    "职工书屋",
    "5G智慧工地",
    "AI培训",
    "劳模 工匠",
    "湖州 越工驿站",
    "量子纠缠",
    "工会驿站3.0",
    "户外劳动者服务站",
    "新就业形态",
]
START = datetime(2022, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
PER_BATCH = 2000
INDEX = "searchdoc_tokens_gin"


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Command(BaseCommand):
    help = "Generate synthetic stories and report search latency, index build time and index size."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=10, help="Runs of each query (default 10).")
        parser.add_argument("--reuse", action="store_true", help="Keep the stories already in the database.")

    def handle(self, *args, stories, repeat, reuse, **options):
        if not reuse:
            if Article.objects.exists():
                raise CommandError("The database has stories; use an empty one, or --reuse to keep them.")
            self.generate(stories)
        self.build_index()
        self.measure(repeat)

    def generate(self, count):
        rng = random.Random(20250612)
        started = time.monotonic()
        for first in range(0, count, PER_BATCH):
            articles, documents = [], []
            for number in range(first, min(count, first + PER_BATCH)):
                kicker, headline, subheadline, summary, paragraphs, extras = synthetic.story(rng)
                published_at = START + timedelta(minutes=number * 15 + rng.randint(0, 14))
                status = Article.Status.DRAFT if rng.random() < 0.03 else Article.Status.PUBLISHED
                article = Article(
                    kicker=kicker,
                    headline=headline,
                    subheadline=subheadline,
                    summary=summary,
                    body=paragraphs_html(paragraphs),
                    status=status,
                    published_at=published_at,
                )
                articles.append(article)
                title = text.join([kicker, headline, subheadline])
                body = text.join([summary, *paragraphs, *extras])
                documents.append((article, title, body))
            with transaction.atomic():
                Article.objects.bulk_create(articles)
                SearchDocument.objects.bulk_create(
                    SearchDocument(
                        article=article,
                        title_text=tokens.fold(title),
                        body_text=tokens.fold(body),
                        status=article.status,
                        published_at=article.published_at,
                        tokens=" ".join(sorted(tokens.document_tokens(f"{title}\n{body}"))),
                        title_tokens=" ".join(sorted(tokens.document_tokens(title))),
                    )
                    for article, title, body in documents
                )
            done = first + len(articles)
            self.stdout.write(f"generated {done}/{count} ({time.monotonic() - started:.0f} s)")

    def build_index(self):
        """Rebuild the token index from scratch and report how long it took."""
        started = time.monotonic()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
                cursor.execute("SET maintenance_work_mem = '256MB'")
                cursor.execute(
                    f"CREATE INDEX {INDEX} ON articles_searchdocument USING gin (string_to_array(tokens, ' '))"
                )
                cursor.execute("VACUUM ANALYZE articles_searchdocument")
            elif connection.vendor == "sqlite":
                cursor.execute(
                    "INSERT INTO articles_searchdocument_fts(articles_searchdocument_fts) VALUES ('rebuild')"
                )
        self.stdout.write(f"index build: {time.monotonic() - started:.1f} s")

    def measure(self, repeat):
        documents = SearchDocument.objects.count()
        search_times, by_query = [], {}
        for _ in range(repeat):
            for raw in QUERIES:
                started = time.perf_counter()
                query = Search(raw)
                ids = query.matching_ids()
                hits(ids[:20], query.terms)
                elapsed = (time.perf_counter() - started) * 1000
                search_times.append(elapsed)
                by_query.setdefault(raw, []).append((elapsed, len(ids)))
        rng = random.Random(1)
        top = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
        pk_times = []
        for _ in range(repeat * len(QUERIES)):
            started = time.perf_counter()
            Article.objects.filter(pk=rng.randint(1, top)).first()
            pk_times.append((time.perf_counter() - started) * 1000)
        self.stdout.write(f"\n{documents} search documents on {connection.vendor}")
        for raw, runs in by_query.items():
            times = [elapsed for elapsed, _ in runs]
            self.stdout.write(
                f"  {raw:<12} {runs[0][1]:>5} hits  p50 {statistics.median(times):7.1f} ms  max {max(times):7.1f} ms"
            )
        search_p50, search_p95 = statistics.median(search_times), percentile(search_times, 0.95)
        pk_p50, pk_p95 = statistics.median(pk_times), percentile(pk_times, 0.95)
        self.stdout.write(f"search:      p50 {search_p50:.1f} ms, p95 {search_p95:.1f} ms")
        self.stdout.write(f"pk lookup:   p50 {pk_p50:.2f} ms, p95 {pk_p95:.2f} ms")
        self.stdout.write(f"ratio:       p50 {search_p50 / pk_p50:.0f}x, p95 {search_p95 / pk_p95:.0f}x")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_size_pretty(pg_relation_size(%s)), pg_size_pretty(pg_total_relation_size(%s))",
                    [INDEX, "articles_searchdocument"],
                )
                index_size, table_size = cursor.fetchone()
            self.stdout.write(f"index size:  {index_size} (documents with TOAST and indexes: {table_size})")
