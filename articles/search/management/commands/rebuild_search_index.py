"""Rebuild every story's search document: `python manage.py rebuild_search_index`.

Needed once after migrating a database that already has stories, and after any
change to the tokeniser. Works in batches, so memory stays flat at any size.
"""

import time

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import indexing
from articles.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild the search index for all stories, in batches, reporting progress."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Stories per batch (default 500).")

    def handle(self, *args, batch_size, **options):
        started = time.monotonic()

        def progress(done, total):
            self.stdout.write(f"{done}/{total} stories indexed ({time.monotonic() - started:.1f} s)")

        # Documents of deleted stories go with them (CASCADE); nothing else is stale.
        indexing.reindex_all(Article.objects.all(), batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done: {SearchDocument.objects.count()} search documents."))
