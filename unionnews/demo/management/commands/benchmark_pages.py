"""Measure the reader pages: `python manage.py benchmark_pages` (README, "Performance → Benchmark").

Prints Markdown on stdout (for the README) and its progress on stderr. Needs wrk
(`apt-get install wrk`) and the database to measure in DATABASE_URL; runs Gunicorn itself.
"""

import logging
import math
import os
import platform
import shlex
import shutil
import signal
import socket
import statistics
import sys
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings

from articles.models import Article
from unionnews.demo import benchmark
from unionnews.demo.benchmark import Gunicorn, Load


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


@contextmanager
def quiet(logger):
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def mb_list(values):
    return ", ".join(f"{value:.0f}" for value in values)


def ms(value):
    return "—" if value is None or math.isnan(value) else f"{value:.1f}"


class Command(BaseCommand):
    help = (
        "Measure the reader pages on this database: queries and SQL time in process, then req/s under "
        "Gunicorn with wrk, as a ratio to the bare view /healthz of the same run, with the page cache off "
        "and on, and worker memory after mixed requests. Prints Markdown for the README."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=5, help="Seconds of wrk load per page (default 5).")
        parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16).")
        parser.add_argument("--workers", type=int, default=2, help="Gunicorn workers (default 2).")
        parser.add_argument("--port", type=int, default=0, help="Port for Gunicorn on 127.0.0.1 (default: a free one).")
        parser.add_argument(
            "--pages",
            default="",
            help="Comma-separated page names to measure (default: all; the names are listed at the start of a run).",
        )
        cache = parser.add_mutually_exclusive_group()
        cache.add_argument("--no-cache", action="store_true", help="Only the run with the page cache off.")
        cache.add_argument("--cache-only", action="store_true", help="Only the run with the page cache on.")
        parser.add_argument(
            "--requests-for-rss",
            type=int,
            default=10_000,
            help="Mixed requests (all pages, round robin) before reading worker memory; 0 skips (default 10000).",
        )
        parser.add_argument(
            "--rss-time-limit",
            type=int,
            default=600,
            help="Stop the mixed requests after this many seconds, however many were sent (default 600).",
        )
        parser.add_argument("--runs", type=int, default=20, help="In-process requests per page (default 20).")
        parser.add_argument(
            "--vacuum-analyze",
            action="store_true",
            help="VACUUM ANALYZE the PostgreSQL database first (a database just filled or copied has no statistics).",
        )
        parser.add_argument(
            "--in-process-only", action="store_true", help="Only the in-process measurement: no Gunicorn, no wrk."
        )

    def progress(self, message):
        self.stderr.write(message, style_func=lambda text: text)

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError("DEBUG is on: measure with DEBUG off (unset DEBUG or DEBUG=false).")
        if options["connections"] < 1 or options["workers"] < 1 or options["duration"] < 1 or options["runs"] < 1:
            raise CommandError("--connections, --workers, --duration and --runs must be 1 or more.")
        if not options["in_process_only"] and not shutil.which("wrk"):
            raise CommandError("wrk is not installed: apt-get install wrk (or run with --in-process-only).")
        started = datetime.now(UTC)
        # `kill` (SIGTERM) ends the run like Ctrl-C, so Gunicorn is stopped on the way out.
        previous = signal.signal(signal.SIGTERM, stop_on_sigterm)
        try:
            self.run(started, options)
        finally:
            signal.signal(signal.SIGTERM, previous)

    def run(self, started, options):
        if options["vacuum_analyze"] and connection.vendor == "postgresql":
            self.progress("VACUUM ANALYZE…")
            benchmark.vacuum_analyze()
        unanalysed = benchmark.unanalysed_tables()
        self.progress("Picking the pages from the database…")
        pages, notes = benchmark.pick_pages()
        if options["pages"]:
            wanted = [name.strip() for name in options["pages"].split(",") if name.strip()]
            unknown = sorted(set(wanted) - {page.key for page in pages})
            if unknown:
                names = ", ".join(page.key for page in pages)
                raise CommandError(f"Unknown page(s): {', '.join(unknown)}. Pages on this database: {names}")
            pages = [page for page in pages if page.key in wanted]
        if unanalysed:
            notes.append(
                f"PostgreSQL has no statistics for {', '.join(unanalysed)} (never analysed): its plans are guesses. "
                "Run with --vacuum-analyze, or VACUUM ANALYZE, before measuring"
            )
            self.progress(f"Warning: {notes[-1]}.")
        has_cache_setting = hasattr(settings, benchmark.PAGE_CACHE_SETTING)
        if not has_cache_setting:
            notes.append(
                f"settings has no {benchmark.PAGE_CACHE_SETTING}: {benchmark.PAGE_CACHE_ENV}=false changes nothing, "
                "so both runs serve the same code"
            )
        for page in pages:
            self.progress(f"  {page.key:16} {page.path}  {page.note}")
        self.progress("Collecting static files (DEBUG off needs the manifest)…")
        call_command("collectstatic", interactive=False, verbosity=0)

        in_process = self.measure_in_process(pages, options["runs"])
        uncached, cached, bare, rss = {}, {}, {}, {}
        if not options["in_process_only"]:
            cache_runs = [False, True]
            if options["no_cache"]:
                cache_runs = [False]
            elif options["cache_only"]:
                cache_runs = [True]
            port = options["port"] or free_port()
            with tempfile.TemporaryDirectory(prefix="benchmark_pages-") as folder:
                for page_cache in cache_runs:
                    results = cached if page_cache else uncached
                    rss_here = options["requests_for_rss"] and page_cache == cache_runs[-1]
                    bare[page_cache], rss_found = self.serve_and_load(
                        pages, results, page_cache, port, Path(folder), options, rss_here
                    )
                    rss.update(rss_found)
        self.report(pages, notes, in_process, uncached, cached, bare, rss, options, started, has_cache_setting)

    def measure_in_process(self, pages, runs):
        """Each page through the test client, page cache off: queries, SQL time, request time."""
        self.progress(f"In process (page cache off), {runs} requests a page…")
        results = {}
        # A failing page shows as its status in the table, not as a traceback a request.
        request_log = logging.getLogger("django.request")
        with override_settings(**{benchmark.PAGE_CACHE_SETTING: False}), quiet(request_log):
            client = benchmark.reader_client()
            for page in pages:
                results[page.key] = found = benchmark.measure_page(client, page.path, runs, budget_seconds=10)
                self.progress(
                    f"  {page.key:16} {found.status}  {found.query_count} queries  SQL p50 {ms(found.sql_p50)} ms  "
                    f"request p50 {ms(found.request_p50)} ms p95 {ms(found.request_p95)} ms "
                    f"({len(found.request_ms)} run{'' if len(found.request_ms) == 1 else 's'})"
                )
        return results

    def load(self, server, path, script, options):
        """wrk on one path, then the server's queue drained so the next load starts clean."""
        url = server.base_url + path
        found = benchmark.run_wrk(url, duration=options["duration"], connections=options["connections"], script=script)
        if not benchmark.settle(server.base_url, options["workers"]):
            self.progress(f"  {path}: the requests left queued were not served within 30 s; restarting Gunicorn")
            server.restart()
        return found

    def serve_and_load(self, pages, results, page_cache, port, folder, options, measure_rss):
        """One Gunicorn run: (bare view loads at start and end, worker memory), filling `results`."""
        label = "on" if page_cache else "off"
        percentiles = folder / "percentiles.lua"
        percentiles.write_text(benchmark.WRK_PERCENTILES)
        server = Gunicorn(port, options["workers"], page_cache, folder / f"gunicorn-cache-{label}.log")
        self.progress(f"Gunicorn, {options['workers']} workers, page cache {label}: {' '.join(server.command())}")
        rss = {}
        with server:
            bare = [self.load(server, benchmark.BARE_PATH, percentiles, options)]
            self.progress(f"  bare view {bare[0].rps:.0f} req/s")
            for page in pages:
                status = benchmark.fetch_status(server.base_url + page.path)  # also fills the page cache
                if status != 200:
                    results[page.key] = (Load(rps=math.nan, status=status), math.nan)
                    self.progress(f"  {page.key:16} answered {status}: not loaded")
                    continue
                found = self.load(server, page.path, percentiles, options)
                results[page.key] = (found, found.rps)  # the ratio is set once the bare view is measured again
                self.progress(
                    f"  {page.key:16} {found.rps:.1f} req/s  p50 {ms(found.p50_ms)} ms  p99 {ms(found.p99_ms)} ms"
                )
            bare.append(self.load(server, benchmark.BARE_PATH, percentiles, options))
            self.progress(f"  bare view {bare[1].rps:.0f} req/s")
            if measure_rss:
                server.restart()  # fresh workers, and nothing left queued by the loads
                rss = self.mixed_requests(server, pages, options)
        mean = statistics.mean(load.rps for load in bare)
        for key, (found, rps) in results.items():
            results[key] = (found, rps / mean)
        return bare, rss

    def mixed_requests(self, server, pages, options):
        """Worker memory when fresh and after the mixed requests (round robin over the pages)."""
        total, limit = options["requests_for_rss"], options["rss_time_limit"]
        fresh = server.worker_rss_mb()
        pids = server.worker_pids()
        self.progress(f"  {total} mixed requests over {len(pages)} pages (at most {limit} s)…")
        paths = [page.path for page in pages]
        statuses, seconds = benchmark.send_mixed(server.base_url, paths, total, options["connections"], limit)
        after = server.worker_rss_mb()
        sent = sum(statuses.values())
        self.progress(
            f"  worker RSS {mb_list(fresh)} MB fresh, {mb_list(after)} MB after {sent} requests in {seconds:.0f} s"
        )
        return {
            "fresh": fresh,
            "after": after,
            "requests": sent,
            "failed": sent - statuses[200],
            "seconds": seconds,
            "same_workers": pids == server.worker_pids(),
        }

    def report(self, pages, notes, in_process, uncached, cached, bare, rss, options, started, has_cache_setting):
        """The run as Markdown, for the README's performance section."""
        lines = [f"### Page benchmark, {started:%Y-%m-%d %H:%M} UTC", ""]
        lines += [f"`{' '.join(shlex.quote(arg) for arg in ['python', *sys.argv])}`", ""]
        lines += [self.setup(options), ""]
        lines += ["| page | URL |", "|---|---|"]
        lines += [f"| {page.key} | `{unquote(page.path)}`{f' ({page.note})' if page.note else ''} |" for page in pages]
        lines.append("")
        lines += [f"- {note}" for note in notes]
        for page_cache, loads in bare.items():
            values = " and ".join(f"{load.rps:,.0f}" for load in loads)
            mean = statistics.mean(load.rps for load in loads)
            lines.append(
                f"- bare view `{benchmark.BARE_PATH}`, page cache {'on' if page_cache else 'off'}: "
                f"{values} req/s at start and end, mean {mean:,.0f}"
            )
            drift = benchmark.drift(loads)
            if drift > benchmark.DRIFT_WARNING:
                lines.append(
                    f"- ! the bare view changed by {drift:.0%} during that run: the machine was busy, "
                    "so its ratios are not to be trusted; measure again on a quiet machine"
                )
        lines += ["", *self.table(pages, in_process, uncached, cached, options["runs"]), ""]
        if rss:
            fresh, after = mb_list(rss["fresh"]), mb_list(rss["after"])
            replaced = "" if rss["same_workers"] else ", a worker was replaced meanwhile"
            lines += [
                f"- worker RSS: {fresh} MB fresh; {after} MB after {rss['requests']:,} mixed requests "
                f"({rss['seconds']:.0f} s, {rss['failed']} not 200{replaced})",
                "",
            ]
        rows = benchmark.judge(pages, in_process, uncached, cached, rss.get("after", []), options["connections"])
        lines += [f"Targets (issue 11): {sum(1 for row in rows if row[3])} of {len(rows)} met.", ""]
        lines += ["| target | page | measured | |", "|---|---|---:|:-:|"]
        lines += [f"| {target} | {key} | {measured} | {'✓' if ok else '✗'} |" for target, key, measured, ok in rows]
        if not has_cache_setting and cached:
            lines += ["", f"No {benchmark.PAGE_CACHE_SETTING} setting yet: the cached run served the pages uncached."]
        self.stdout.write("\n".join(lines))

    def setup(self, options):
        database = settings.DATABASES["default"]
        version = ""
        if connection.vendor == "postgresql":
            version = f" {connection.pg_version // 10000}.{connection.pg_version % 10000}"
        published = Article.objects.published().count()
        threads = min(2, options["connections"])
        return (
            f"{connection.vendor}{version}, database `{database['NAME']}`: {published:,} published stories "
            f"({Article.objects.count():,} in all). Django {django.get_version()}, Python "
            f"{platform.python_version()}, DEBUG off, {len(os.sched_getaffinity(0))} cores. Gunicorn "
            f"{options['workers']} workers (max_requests off), wrk {threads} threads and {options['connections']} "
            f"connections, {options['duration']} s a page. In process: django.test.Client as an anonymous reader, "
            f"page cache off, p50 of up to {options['runs']} requests a page."
        )

    def table(self, pages, in_process, uncached, cached, runs):
        lines = [
            "| page | queries | SQL p50 | in-process p50 / p95 | uncached req/s | ÷ bare | p50 / p99 "
            "| cached req/s | ÷ bare | p50 / p99 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        failed = []
        for page in pages:
            inner = in_process[page.key]
            cells = [
                page.key,
                f"{inner.query_count}" + (" (cached?)" if inner.looks_cached else ""),
                f"{ms(inner.sql_p50)} ms",
                f"{ms(inner.request_p50)} / {ms(inner.request_p95)} ms"
                + (f" ({len(inner.request_ms)} of {runs} runs)" if len(inner.request_ms) < runs else ""),
            ]
            if inner.status != 200:
                failed.append(f"{page.key} answered {inner.status} in process")
            for results, label in [(uncached, "uncached"), (cached, "cached")]:
                if page.key not in results:
                    cells += ["—", "—", "—"]
                    continue
                load, ratio = results[page.key]
                if load.status != 200:
                    failed.append(f"{page.key} answered {load.status} under Gunicorn ({label})")
                    cells += [f"HTTP {load.status}", "—", "—"]
                    continue
                flag = ""
                if load.non_2xx or load.socket_errors:
                    flag = " !"
                    failed.append(
                        f"{page.key} ({label}): {load.non_2xx} non-2xx answers, {load.socket_errors} socket errors"
                    )
                cells += [f"{load.rps:,.1f}{flag}", f"{ratio:.3f}", f"{ms(load.p50_ms)} / {ms(load.p99_ms)} ms"]
            lines.append("| " + " | ".join(cells) + " |")
        if failed:
            lines += ["", *(f"- ! {line}" for line in failed)]
        return lines
