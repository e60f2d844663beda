"""The parts of `manage.py benchmark_pages`: which pages, measured how, judged against what.

The command (unionnews/demo/management/commands/benchmark_pages.py) runs them in order:
pick_pages() reads the database for representative URLs, measure_in_process() counts
queries and times each page through Django's test client, Gunicorn serves the project
while run_wrk() loads each page and /healthz (the bare view), and judge() compares the
numbers with the targets. Every page is compared with /healthz measured in the same
server run, so the ratios hold across machines and noisy neighbours.
"""

import itertools
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from gunicorn.config import Config as GunicornConfig

from articles.events.models import Event
from articles.models import Article, ArticleUnion, PrintPage, TaggedArticle
from unions.models import Union

# The page cache is switched by this environment variable ("false" turns it off) and read
# into the setting of the same name; the in-process measurement overrides the setting.
PAGE_CACHE_ENV = "PAGE_CACHE"
PAGE_CACHE_SETTING = "PAGE_CACHE"
BARE_PATH = "/healthz"
SEARCH_WORD = "工会"
LIST_PAGE_SIZE = 20  # unionnews.pagination.paginate's default, used by /articles/
DEEP_PAGE = 500
GUNICORN_CONF = Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"
# As nginx sends it (deploy/nginx/): Django then sees HTTPS and does not redirect.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

# Issue 11's targets. Kinds: "article", "list" (uncached ≥ 0.2×), "search" (no uncached ratio target),
# "epaper" (a page image with its story areas: issue 13's in-process target, no uncached ratio target).
UNCACHED_RATIO = {"article": 0.25, "list": 0.2}
CACHED_RATIO = 0.8  # every public page, search included
CACHED_P99_MS = 50
RSS_MB = 150
SEARCH_P95_MS = 50
EPAPER_P95_MS = 50
MAX_QUERIES = 8
MAX_SQL_MS = 5
# The bare view measured at the start and end of a run differing by more than this: a busy machine.
DRIFT_WARNING = 0.2


@dataclass
class Page:
    key: str
    path: str
    kind: str = "list"
    note: str = ""


@dataclass
class InProcess:
    """One page through django.test.Client: per run, queries, SQL time and whole-request time."""

    status: int
    queries: list = field(default_factory=list)
    sql_ms: list = field(default_factory=list)
    request_ms: list = field(default_factory=list)
    looks_cached: bool = False

    @property
    def query_count(self):
        return max(self.queries)

    @property
    def sql_p50(self):
        return statistics.median(self.sql_ms)

    @property
    def request_p50(self):
        return statistics.median(self.request_ms)

    @property
    def request_p95(self):
        return percentile(self.request_ms, 95)


@dataclass
class Load:
    """What wrk measured for one URL."""

    rps: float
    requests: int = 0
    p50_ms: float = math.nan
    p95_ms: float = math.nan
    p99_ms: float = math.nan
    non_2xx: int = 0
    socket_errors: int = 0
    status: int = 200  # of a single request sent first; wrk is not run for a page that fails


def drift(loads):
    """How far apart the bare view's loads at the start and end of a run are, as a fraction of the lower."""
    rates = [load.rps for load in loads]
    return (max(rates) - min(rates)) / min(rates) if min(rates) > 0 else math.inf


def percentile(values, pct):
    """Nearest-rank percentile (p95 of 20 runs is the 19th fastest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


# --- Which pages --------------------------------------------------------------------------


def busiest_union(level, published):
    """The union of `level` with the most published stories linked to it directly, or None."""
    row = (
        ArticleUnion.objects.filter(union__level=level, article__in=published)
        .values("union")
        .annotate(stories=Count("article", distinct=True))
        .order_by("-stories", "union")
        .first()
    )
    return Union.objects.get(pk=row["union"]) if row else None


def sitemap_section(client):
    """(path of one file of the sitemap index, note): a month of stories if there is one."""
    response = client.get("/sitemap.xml", secure=True)
    content = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
    if "<sitemapindex" not in content:
        return None, "/sitemap.xml is a single file, not an index: no section measured"
    locations = [urlsplit(loc) for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", content)]
    paths = [loc.path + (f"?{loc.query}" if loc.query else "") for loc in locations]
    if not paths:
        return None, "the sitemap index lists no section"
    return next((path for path in paths if "article" in path), paths[0]), ""


def reader_host():
    """A host name settings.ALLOWED_HOSTS accepts, for requests made in process."""
    allowed = settings.ALLOWED_HOSTS
    if "127.0.0.1" in allowed or "*" in allowed or not allowed:
        return "127.0.0.1"
    return allowed[0].lstrip(".")


def reader_client():
    """django.test.Client as an anonymous reader, on an allowed host.

    A page that fails answers as it would a reader (a 503 after a statement timeout, a 500)
    rather than raising, so the benchmark reports it and goes on.
    """
    return Client(HTTP_HOST=reader_host(), raise_request_exception=False)


def pick_pages(client=None):
    """(pages, notes): a URL for each page of issue 11, chosen from the database.

    Where a choice is free it takes the heavier case: the busiest city and county, the
    commonest tag, a story from the middle of the archive, page 500 of /articles/.
    """
    client = client or reader_client()
    published = Article.objects.published()
    pages = [Page("home", reverse("home"))]
    notes = []
    stories = published.count()
    if stories:
        middle = published.newest_first()[stories // 2]
        pages.append(
            Page("article", middle.get_absolute_url(), "article", f"story {middle.pk}, {stories // 2 + 1} of {stories}")
        )
    pages.append(Page("articles", reverse("articles:list")))
    last_page = math.ceil(stories / LIST_PAGE_SIZE)
    if last_page >= DEEP_PAGE:
        pages.append(Page(f"articles-p{DEEP_PAGE}", f"{reverse('articles:list')}?page={DEEP_PAGE}"))
    elif last_page > 1:
        pages.append(
            Page(
                f"articles-p{DEEP_PAGE}",
                f"{reverse('articles:list')}?page={last_page}",
                note=f"page {last_page}, the last: no page {DEEP_PAGE}",
            )
        )
        notes.append(f"/articles/ has {last_page} pages: its last stands in for page {DEEP_PAGE}")
    for level in [Union.Level.PROVINCE, Union.Level.CITY, Union.Level.COUNTY]:
        union = busiest_union(level, published)
        if union:
            pages.append(Page(str(level), union.get_absolute_url(), note=union.short_name))
        else:
            notes.append(f"no {level} union has a published story")
    tag_row = (
        TaggedArticle.objects.filter(content_object__in=published)
        .values("tag", "tag__slug", "tag__name")
        .annotate(stories=Count("id"))
        .order_by("-stories", "tag")
        .first()
    )
    if tag_row:
        tag_note = f"{tag_row['tag__name']}, {tag_row['stories']:,} {'story' if tag_row['stories'] == 1 else 'stories'}"
        pages.append(Page("tag", reverse("tags:detail", kwargs={"slug": tag_row["tag__slug"]}), note=tag_note))
    pages.append(Page("tags", reverse("tags:index")))
    pages.append(Page("events", reverse("events:list")))
    event = (
        Event.objects.published().annotate(reports=Count("articles")).order_by("-reports", "-starts_at", "pk").first()
    )
    if event:
        pages.append(Page("event", event.get_absolute_url(), note=event.title))
    pages.append(Page("epaper", reverse("epaper:index")))
    print_pages = PrintPage.objects.for_readers().order_by("-edition_date", "number")
    print_count = print_pages.count()
    if print_count:
        pages.append(Page("epaper-page", print_pages[print_count // 2].get_absolute_url()))
    # A page with its image and story areas (issue 13: read in < 50 ms at 100,000 stories).
    with_image = print_pages.filter(file__isnull=False)
    image_count = with_image.count()
    if image_count:
        sheet = with_image[image_count // 2]
        pages.append(Page("epaper-sheet", sheet.get_absolute_url(), "epaper", f"{sheet}, with its image and areas"))
    else:
        notes.append("no print page has its image (PageFile): the e-paper page with story areas is not measured")
    pages.append(Page("feed", reverse("feed")))
    if tag_row:
        pages.append(Page("tag-feed", reverse("tags:feed", kwargs={"slug": tag_row["tag__slug"]})))
    pages.append(Page("sitemap", "/sitemap.xml"))
    section, note = sitemap_section(client)
    if section:
        pages.append(Page("sitemap-section", section))
    else:
        notes.append(note)
    pages.append(Page("search", f"{reverse('search')}?{urlencode({'q': SEARCH_WORD})}", "search"))
    return pages, notes


def unanalysed_tables():
    """The large tables PostgreSQL has no planner statistics for, [] elsewhere.

    A database just filled (or copied with createdb -T) has none until autovacuum gets to it:
    the planner then guesses, and pages that take milliseconds take seconds.
    """
    if connection.vendor != "postgresql":
        return []
    tables = [model._meta.db_table for model in (Article, ArticleUnion, TaggedArticle, PrintPage)]
    with connection.cursor() as cursor:
        # reltuples is -1 until the first VACUUM or ANALYZE (PostgreSQL 14 and later).
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND reltuples < 0 ORDER BY relname", [tables]
        )
        return [row[0] for row in cursor.fetchall()]


def vacuum_analyze():
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- In process ---------------------------------------------------------------------------


class QueryTimer:
    """connection.execute_wrapper that counts statements and adds up their time."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += perf_counter() - start
            self.count += 1


def measure_page(client, path, runs, budget_seconds):
    """Request `path` as an anonymous reader `runs` times, fewer once `budget_seconds` are spent."""
    result = None
    started = perf_counter()
    for run in range(runs):
        client.cookies.clear()
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            start = perf_counter()
            response = client.get(path, secure=True)
            elapsed = perf_counter() - start
        result = result or InProcess(status=response.status_code)
        result.queries.append(timer.count)
        result.sql_ms.append(timer.seconds * 1000)
        result.request_ms.append(elapsed * 1000)
        # At least three runs, unless one alone took longer than the whole budget.
        if perf_counter() - started > budget_seconds and (run >= 2 or elapsed > budget_seconds):
            break
    # A page that queried the first time and not after was served from a cache.
    result.looks_cached = result.queries[0] > 0 and min(result.queries[1:], default=1) == 0
    return result


# --- Under Gunicorn -----------------------------------------------------------------------


class Gunicorn:
    """The project under Gunicorn (deploy/gunicorn.conf.py), in its own process group.

    Use as a context manager: the server and its workers are stopped on the way out,
    after an error or Ctrl-C too. Worker recycling (max_requests) is off so that worker
    memory shows growth and a restart does not fall inside a measurement.
    """

    def __init__(self, port, workers, page_cache, log_path):
        self.port, self.workers, self.page_cache, self.log_path = port, workers, page_cache, log_path
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(GUNICORN_CONF),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--max-requests",
            "0",
            # Recent Gunicorn opens a control socket at one path per user: a second
            # server on the machine (the site, another run) would fight this one over it.
            *(["--no-control-socket"] if "control_socket_disable" in GunicornConfig().settings else []),
            "unionnews.wsgi",
        ]

    def environment(self):
        # DATABASE_URL, REDIS_URL and the rest pass through; manage.py set DJANGO_SETTINGS_MODULE.
        return {**os.environ, PAGE_CACHE_ENV: "true" if self.page_cache else "false"}

    def __enter__(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=settings.BASE_DIR,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def restart(self):
        """A fresh server on the same port: what a slow page left queued is dropped."""
        self.stop()
        self.__enter__()

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            if fetch_status(self.base_url + BARE_PATH) == 200 and len(self.worker_pids()) >= self.workers:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer {BARE_PATH} within {timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        # QUIT: Gunicorn's quick shutdown (TERM would let workers finish queued requests first).
        for sig, wait in [(signal.SIGQUIT, 10), (signal.SIGKILL, 5)]:
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def log_tail(self, lines=20):
        text = Path(self.log_path).read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def worker_pids(self):
        return children_of(self.process.pid)

    def worker_rss_mb(self):
        return [rss_mb(pid) for pid in self.worker_pids()]


def children_of(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid ...: comm may hold spaces and parentheses.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def rss_mb(pid):
    """Resident memory of a process in MB (VmRSS), or NaN once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return math.nan
    kilobytes = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
    return kilobytes / 1024


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch_status(url, headers=PROXY_HEADERS, timeout=60):
    """The status of one GET (redirects not followed), or 0 when nothing answers in time."""
    try:
        with OPENER.open(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def settle(base_url, workers, time_limit=30):
    """Wait until the requests a finished load left queued are served; False if not within the limit.

    wrk closes its connections at the end, but the requests already sent are still served
    one after another; a request to /healthz per worker, twice over, comes back only then.
    """
    deadline = time.monotonic() + time_limit
    for _ in range(2 * workers):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or fetch_status(base_url + BARE_PATH, timeout=remaining) != 200:
            return False
    return True


def send_mixed(base_url, paths, total, concurrency, time_limit):
    """GET `paths` round robin, `total` requests from `concurrency` threads, stopping at `time_limit` s.

    Returns ({status: count}, seconds). (wrk cannot stop after a number of requests.)
    """
    counter = itertools.count()
    statuses = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit

    def client():
        while (number := next(counter)) < total and time.monotonic() < deadline:
            status = fetch_status(base_url + paths[number % len(paths)])
            with lock:
                statuses[status] += 1

    start = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, time.monotonic() - start


# --- wrk ----------------------------------------------------------------------------------

WRK_PERCENTILES = """
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES %d %d %d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def duration_ms(text):
    """wrk's "812.00us", "4.05ms", "1.02s" in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * UNIT_MS[unit]


def parse_wrk(output):
    """Requests/sec, p50/p95/p99 (ms), the number of requests, non-2xx answers and socket errors.

    p95 comes from the PERCENTILES line WRK_PERCENTILES prints (microseconds); without it,
    p50 and p99 come from wrk's --latency table.
    """
    found = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not found:
        raise ValueError(f"no Requests/sec in wrk's output:\n{output}")
    load = Load(rps=float(found.group(1)))
    if found := re.search(r"^\s*(\d+) requests in", output, re.MULTILINE):
        load.requests = int(found.group(1))
    if found := re.search(r"^PERCENTILES (\d+) (\d+) (\d+)", output, re.MULTILINE):
        load.p50_ms, load.p95_ms, load.p99_ms = (int(value) / 1000 for value in found.groups())
    else:
        for pct, attribute in [("50", "p50_ms"), ("99", "p99_ms")]:
            if found := re.search(rf"^\s*{pct}%\s+([\d.]+\w+)", output, re.MULTILINE):
                setattr(load, attribute, duration_ms(found.group(1)))
    if load.requests == 0:  # nothing finished in time: wrk prints zeros, not latencies
        load.p50_ms = load.p95_ms = load.p99_ms = math.nan
    if found := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        load.non_2xx = int(found.group(1))
    if found := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        load.socket_errors = sum(int(value) for value in found.groups())
    return load


def wrk_command(url, *, duration, connections, script, threads=2, headers=PROXY_HEADERS):
    threads = max(1, min(threads, connections))
    # A slow page should show in the latency, not vanish as a timeout (wrk gives up after 2 s).
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency"]
    command += ["-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return [*command, url]


def run_wrk(url, **options):
    completed = subprocess.run(wrk_command(url, **options), capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr or completed.stdout}")
    return parse_wrk(completed.stdout)


# --- Targets ------------------------------------------------------------------------------


def judge(pages, in_process, uncached, cached, rss_after, connections=16):
    """Rows (target, page, measured, met) for issue 11's targets, from whatever was measured.

    in_process: {key: InProcess}; uncached/cached: {key: (Load, ratio)}; rss_after: [MB].
    """
    rows = []
    for page in pages:
        inner = in_process.get(page.key)
        statuses = [inner.status] if inner else []
        statuses += [results[page.key][0].status for results in (uncached, cached) if page.key in results]
        if any(status != 200 for status in statuses):
            rows.append(("answers 200", page.key, ", ".join(map(str, statuses)), False))
            continue
        if inner:
            rows.append(
                (f"≤ {MAX_QUERIES} queries", page.key, str(inner.query_count), inner.query_count <= MAX_QUERIES)
            )
            rows.append(
                (f"SQL p50 ≤ {MAX_SQL_MS} ms", page.key, f"{inner.sql_p50:.1f} ms", inner.sql_p50 <= MAX_SQL_MS)
            )
        if page.kind == "search" and inner:
            rows.append(
                (
                    f"search p95 < {SEARCH_P95_MS} ms (in process)",
                    page.key,
                    f"{inner.request_p95:.1f} ms",
                    inner.request_p95 < SEARCH_P95_MS,
                )
            )
        if page.kind == "epaper" and inner:
            rows.append(
                (
                    f"e-paper page p95 < {EPAPER_P95_MS} ms (in process)",
                    page.key,
                    f"{inner.request_p95:.1f} ms",
                    inner.request_p95 < EPAPER_P95_MS,
                )
            )
        if page.key in uncached and page.kind in UNCACHED_RATIO:
            ratio = uncached[page.key][1]
            target = UNCACHED_RATIO[page.kind]
            rows.append((f"uncached ≥ {target}× bare", page.key, f"{ratio:.3f}×", ratio >= target))
        if page.key in cached:
            load, ratio = cached[page.key]
            rows.append((f"cached ≥ {CACHED_RATIO}× bare", page.key, f"{ratio:.3f}×", ratio >= CACHED_RATIO))
            rows.append(
                (
                    f"cached p99 < {CACHED_P99_MS} ms at {connections} connections",
                    page.key,
                    f"{load.p99_ms:.1f} ms",
                    load.p99_ms < CACHED_P99_MS,
                )
            )
    if rss_after:
        worst = max(rss_after)
        rows.append((f"worker RSS < {RSS_MB} MB", "all", f"{worst:.0f} MB", worst < RSS_MB))
    return rows
