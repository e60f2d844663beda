"""Time the story admin's pages in-process, as a logged-in editor (docs/performance.md, "Admin").

Reads only: it logs a user in through a test client and GETs each page `--repeat` times,
printing the median and slowest time, the number of SQL queries and the page's size.
Run it with DEBUG off against a copy of a large database.
"""

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from unions.models import Union


class Command(BaseCommand):
    help = "Time the story list (plain, by union, searched), a change form and the 编辑台 in-process."

    def add_arguments(self, parser):
        parser.add_argument("--user", default="zongbian", help="username of the editor (default: the demo's 总编)")
        parser.add_argument("--union", default="huzhou", help="slug of the city union to filter by")
        parser.add_argument("--search", default="工会")
        parser.add_argument("--repeat", type=int, default=10)

    def handle(self, *args, user, union, search, repeat, **options):
        User = get_user_model()
        editor = User.objects.filter(username=user).first() or User.objects.filter(is_superuser=True).first()
        if editor is None:
            raise CommandError(f"no user {user!r} and no superuser to log in as")
        host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
        client = Client(HTTP_HOST=host)
        client.force_login(editor)
        story = Article.objects.order_by("-published_at", "-pk").first()
        if not Union.objects.filter(slug=union).exists():
            raise CommandError(f"no union {union!r}")
        changelist = reverse("admin:articles_article_changelist")
        pages = [
            ("story list", changelist, {}),
            (f"story list, union={union}", changelist, {"union": union}),
            (f"story list, q={search}", changelist, {"q": search}),
            ("story list, page 100", changelist, {"p": 100}),
            ("change form", reverse("admin:articles_article_change", args=[story.pk]), {}),
            ("编辑台", reverse("admin:articles_article_desk"), {}),
        ]
        self.stdout.write(f"{Article.objects.count():,} stories, as {editor.username}, DEBUG={settings.DEBUG}")
        for name, url, query in pages:
            times, sql, cpu, counts = [], [], [], []
            for _ in range(repeat + 1):  # the first request warms caches and is not counted
                with CaptureQueriesContext(connection) as queries:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.get(url, query, secure=True)
                    elapsed, used = time.perf_counter() - started, time.process_time() - started_cpu
                if response.status_code != 200:
                    raise CommandError(f"{name}: HTTP {response.status_code}")
                times.append(elapsed * 1000)
                cpu.append(used * 1000)
                sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
                counts.append(len(queries))
            # Wall time, the database's share of it (as the driver saw it), and this process's CPU
            # time: on a busy machine the wall time varies most.
            self.stdout.write(
                f"{name:28} median {statistics.median(times[1:]):7.1f} ms (max {max(times[1:]):7.1f})  "
                f"SQL {statistics.median(sql[1:]):6.1f} ms  CPU {statistics.median(cpu[1:]):6.1f} ms  "
                f"{counts[-1]:3} queries  {len(response.content) / 1024:5.1f} KB"
            )
