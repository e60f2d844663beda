"""Time 稿件考核 on the current database: `python manage.py benchmark_statistics` (README, "稿件考核").

Reads only. Times, in-process, a year's figures per contributor and per union, the rankings
and the report page as an editor sees it, `--repeat` times each after one warm-up, and prints
the median and slowest time with the number of SQL queries. The year defaults to the one
with the most published stories. The target: under 1 s for a year at 100,000 stories.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.models.status import Status
from articles.statistics import report
from articles.statistics.figures import Period, contributor_rows, rank, union_rows


class Command(BaseCommand):
    help = "Time a year's 稿件考核 figures, rankings and report in-process."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="the year to measure (default: the busiest)")
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument(
            "--user", default="zongbian", help="editor to build the report as (default: the demo's 总编)"
        )

    def handle(self, *args, year, repeat, user, **options):
        editor = get_user_model().objects.filter(username=user).first()
        editor = editor or get_user_model().objects.filter(is_superuser=True).first()
        if editor is None:
            raise CommandError(f"no user {user!r} and no superuser")
        if year is None:
            busiest = (
                Article.objects.filter(status=Status.PUBLISHED)
                .annotate(year=ExtractYear("published_at"))
                .values("year")
                .annotate(n=Count("pk"))
                .order_by("-n")
                .first()
            )
            if busiest is None:
                raise CommandError("no published stories to measure")
            year = busiest["year"]
        period = Period("year", year)
        start, end = period.bounds
        stories = Article.objects.filter(status=Status.PUBLISHED, published_at__gte=start, published_at__lt=end).count()
        self.stdout.write(
            f"{Article.objects.count():,} stories, {stories:,} published in {period.label}, "
            f"{connection.vendor}, repeat {repeat}"
        )
        tasks = [
            ("figures per contributor", lambda: contributor_rows(period)),
            ("figures per union (cities)", lambda: union_rows(period, report.default_union())),
            ("rankings (correspondents and unions)", lambda: rank(contributor_rows(period))),
            ("report as an editor (tables and chart)", lambda: report.build(editor, period)),
        ]
        self.stdout.write(f"| {'measure':<40} | median ms | slowest ms | queries |")
        self.stdout.write(f"|{'-' * 42}|----------:|-----------:|--------:|")
        for name, task in tasks:
            times, queries = [], 0
            for attempt in range(repeat + 1):  # the first run warms caches and is not counted
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    task()
                    elapsed = (time.perf_counter() - started) * 1000
                if attempt:
                    times.append(elapsed)
                queries = len(captured)
            self.stdout.write(f"| {name:<40} | {statistics.median(times):9.0f} | {max(times):10.0f} | {queries:7d} |")
