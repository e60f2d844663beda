"""`manage.py benchmark_pages`: the pages it picks, what it reads from wrk, how it judges.

Gunicorn and wrk are not run here (the command's own run does that); the parts around
them are tested on a small database and on recorded wrk output.
"""

import http.server
import math
import os
import socket
import subprocess
import sys
import threading
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path

from tests.builders import NOON, make_article, make_event, make_page, union
from tests.epaper_builders import make_page_file
from unionnews import urls as project_urls
from unionnews.demo import benchmark
from unionnews.demo.benchmark import InProcess, Load, Page
from unionnews.demo.management.commands.benchmark_pages import Command

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:8765/articles/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.51ms    3.20ms  61.04ms   85.12%
    Req/Sec   640.11     52.30   720.00     70.00%
  Latency Distribution
     50%   11.90ms
     75%   13.80ms
     90%   16.02ms
     99%    1.02s
  6402 requests in 5.01s, 41.30MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:   1277.84
Transfer/sec:      8.24MB
"""


def test_wrk_output_gives_requests_per_second_latencies_and_failures():
    load = benchmark.parse_wrk(WRK_OUTPUT)

    assert load.rps == 1277.84
    assert load.requests == 6402
    assert load.p50_ms == pytest.approx(11.9)
    assert load.p99_ms == pytest.approx(1020)
    assert math.isnan(load.p95_ms)
    assert load.non_2xx == 7
    assert load.socket_errors == 3


def test_wrk_percentiles_printed_by_the_script_replace_the_latency_table():
    load = benchmark.parse_wrk(WRK_OUTPUT + "PERCENTILES 812 4051 48900\n")

    assert (load.p50_ms, load.p95_ms, load.p99_ms) == (0.812, 4.051, 48.9)


def test_a_load_in_which_no_request_finished_has_no_latencies():
    output = WRK_OUTPUT.replace("6402 requests in", "0 requests in") + "PERCENTILES 0 0 0\n"

    load = benchmark.parse_wrk(output)

    assert load.requests == 0
    assert math.isnan(load.p50_ms) and math.isnan(load.p99_ms)


def test_wrk_output_without_a_rate_is_an_error():
    with pytest.raises(ValueError, match="Requests/sec"):
        benchmark.parse_wrk("unable to connect to 127.0.0.1:8765 Connection refused\n")


def test_wrk_durations_in_every_unit_read_as_milliseconds():
    assert [benchmark.duration_ms(text) for text in ["750.00us", "4.05ms", "1.50s", "2.00m"]] == [
        0.75,
        4.05,
        1500.0,
        120_000.0,
    ]


def test_wrk_is_told_the_request_came_through_the_https_proxy():
    command = benchmark.wrk_command("http://127.0.0.1:9/", duration=5, connections=16, script="p.lua")

    assert command[:7] == ["wrk", "-t2", "-c16", "-d5s", "--timeout", "30s", "--latency"]
    assert command[command.index("-H") : command.index("-H") + 2] == ["-H", "X-Forwarded-Proto: https"]
    assert command[-1] == "http://127.0.0.1:9/"


def by_key(pages):
    return {page.key: page for page in pages}


@pytest.mark.usefixtures("an_hour_after_noon")
def test_pages_are_picked_from_the_database_taking_the_heavier_case(client):
    huzhou, nanxun, ningbo = union("huzhou"), union("nanxun"), union("ningbo")
    stories = [
        make_article(published_at=NOON.replace(day=day), unions=[huzhou, nanxun], tags=["职工"]) for day in range(1, 4)
    ]
    stories.append(make_article(published_at=NOON.replace(day=4), unions=[ningbo, union("zhejiang")], tags=["工会"]))
    make_article(status="draft", unions=[ningbo], tags=["工会"], headline="草稿")
    page = make_page(2)
    make_article(published_at=NOON.replace(day=5), pages=[page])
    event = make_event()

    pages, _ = benchmark.pick_pages(client)
    found = by_key(pages)

    # Five published stories, newest first: the middle one is the third newest, of day 3.
    assert found["article"].path == stories[2].get_absolute_url()
    assert found["article"].kind == "article"
    assert found["city"].path == "/unions/huzhou/"  # three stories against ningbo's one (its draft does not count)
    assert found["county"].path == "/unions/nanxun/"
    assert found["province"].path == "/unions/zhejiang/"
    assert found["tag"].path == "/tags/%E8%81%8C%E5%B7%A5/"  # 职工
    assert found["tag-feed"].path == "/tags/%E8%81%8C%E5%B7%A5/feed/"
    assert found["event"].path == event.get_absolute_url()
    assert found["epaper-page"].path == page.get_absolute_url()
    assert "epaper-sheet" not in found  # no page has its image yet
    assert found["search"].path == "/search/?q=%E5%B7%A5%E4%BC%9A"
    assert found["search"].kind == "search"
    assert {"home", "articles", "events", "epaper", "feed", "sitemap"} <= set(found)
    assert "articles-p500" not in found  # one page of stories only
    assert found["sitemap-section"].path.startswith("/sitemap-articles-")


@pytest.mark.usefixtures("an_hour_after_noon")
def test_without_500_pages_of_stories_the_last_page_stands_in(client, settings):
    for day in range(1, 5):
        make_article(published_at=NOON.replace(day=day))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(benchmark, "LIST_PAGE_SIZE", 2)
        pages, notes = benchmark.pick_pages(client)

    assert by_key(pages)["articles-p500"].path == "/articles/?page=2"
    assert any("2 pages" in note for note in notes)


def test_a_sitemap_index_gives_its_articles_section():
    index = (
        b'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://news.example.org/sitemap-unions.xml</loc></sitemap>"
        b"<sitemap><loc>https://news.example.org/sitemap-articles.xml?p=2</loc></sitemap></sitemapindex>"
    )
    client = SimpleNamespace(get=lambda path, secure: SimpleNamespace(status_code=200, content=index))

    assert benchmark.sitemap_section(client) == ("/sitemap-articles.xml?p=2", "")


@pytest.mark.usefixtures("an_hour_after_noon")
def test_in_process_counts_every_query_of_a_page(client, settings):
    settings.PAGE_CACHE = False  # as the command measures: what rendering costs
    make_article(unions=[union("huzhou")], tags=["工会"], photos=1)
    with CaptureQueriesContext(connection) as captured:
        client.get("/articles/", secure=True)
    expected = len(captured)  # read now: the next request clears the query log

    measured = benchmark.measure_page(client, "/articles/", runs=3, budget_seconds=10)

    assert measured.status == 200
    assert expected > 0
    assert measured.queries == [expected] * 3
    assert len(measured.sql_ms) == len(measured.request_ms) == 3
    assert 0 < measured.sql_p50 < measured.request_p50
    assert not measured.looks_cached


def test_the_bare_view_needs_no_query(client, db):
    measured = benchmark.measure_page(client, "/healthz", runs=3, budget_seconds=10)

    assert measured.status == 200
    assert measured.query_count == 0
    assert measured.sql_p50 == 0


def test_drift_of_the_bare_view_is_measured_against_the_lower_rate():
    assert benchmark.drift([Load(rps=100), Load(rps=125)]) == 0.25
    assert benchmark.drift([Load(rps=125), Load(rps=100)]) == 0.25
    assert benchmark.drift([Load(rps=0), Load(rps=100)]) == math.inf


def test_the_percentile_is_the_nearest_rank():
    values = list(range(1, 21))

    assert benchmark.percentile(values, 50) == 10
    assert benchmark.percentile(values, 95) == 19
    assert benchmark.percentile([7], 99) == 7


def in_process(queries=5, sql_ms=2.0, request_ms=(10.0,), status=200):
    return InProcess(status=status, queries=[queries], sql_ms=[sql_ms], request_ms=list(request_ms))


def test_targets_are_judged_page_by_page():
    pages = [Page("article", "/a/", "article"), Page("tag", "/t/"), Page("search", "/s/", "search")]
    rows = benchmark.judge(
        pages,
        {
            "article": in_process(queries=9, sql_ms=4.0),
            "tag": in_process(queries=8, sql_ms=5.5),
            "search": in_process(request_ms=[30.0] * 19 + [60.0]),
        },
        uncached={"article": (Load(rps=300), 0.3), "tag": (Load(rps=100), 0.1), "search": (Load(rps=50), 0.05)},
        cached={
            "article": (Load(rps=900, p99_ms=20), 0.9),
            "tag": (Load(rps=700, p99_ms=60), 0.7),
            "search": (Load(rps=50, p99_ms=80), 0.05),
        },
        rss_after=[90.0, 151.0],
    )
    found = {(target, key): ok for target, key, _, ok in rows}

    assert found[("≤ 8 queries", "article")] is False
    assert found[("≤ 8 queries", "tag")] is True
    assert found[("SQL p50 ≤ 5 ms", "article")] is True
    assert found[("SQL p50 ≤ 5 ms", "tag")] is False
    assert found[("uncached ≥ 0.25× bare", "article")] is True
    assert found[("uncached ≥ 0.2× bare", "tag")] is False
    assert found[("cached ≥ 0.8× bare", "article")] is True
    assert found[("cached ≥ 0.8× bare", "tag")] is False
    assert found[("cached p99 < 50 ms at 16 connections", "tag")] is False
    assert found[("search p95 < 50 ms (in process)", "search")] is True  # the 20th request alone was slow
    assert found[("cached ≥ 0.8× bare", "search")] is False  # searches are public pages too
    assert ("uncached ≥ 0.2× bare", "search") not in found
    assert found[("worker RSS < 150 MB", "all")] is False


def test_the_e_paper_page_with_its_image_is_judged_against_issue_13s_50_ms():
    pages = [Page("epaper-sheet", "/epaper/2025-06-12/1/", "epaper")]
    fast = benchmark.judge(pages, {"epaper-sheet": in_process(request_ms=[20.0] * 20)}, {}, {}, [])
    slow = benchmark.judge(pages, {"epaper-sheet": in_process(request_ms=[60.0] * 20)}, {}, {}, [])
    target = "e-paper page p95 < 50 ms (in process)"
    assert [(row[0], row[3]) for row in fast if row[0] == target] == [(target, True)]
    assert [(row[0], row[3]) for row in slow if row[0] == target] == [(target, False)]


@pytest.mark.usefixtures("an_hour_after_noon")
def test_a_print_page_with_its_image_is_picked_for_the_e_paper_target(client):
    plain, with_image = make_page(1), make_page(2)
    make_article(pages=[plain, with_image])
    make_page_file(with_image)
    found = by_key(benchmark.pick_pages(client)[0])
    assert found["epaper-sheet"].path == with_image.get_absolute_url()
    assert found["epaper-sheet"].kind == "epaper"


def test_a_page_that_fails_meets_no_target():
    rows = benchmark.judge(
        [Page("tag", "/t/")], {"tag": in_process()}, {"tag": (Load(rps=math.nan, status=500), math.nan)}, {}, []
    )

    assert rows == [("answers 200", "tag", "200, 500", False)]


class Answers(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        found = self.path in {"/ok", "/healthz"} and self.headers["X-Forwarded-Proto"] == "https"
        self.send_response(200 if found else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def answers():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_mixed_requests_go_round_robin_and_count_their_answers(answers):
    statuses, seconds = benchmark.send_mixed(answers, ["/ok", "/missing"], total=30, concurrency=4, time_limit=30)

    assert statuses == {200: 15, 404: 15}
    assert seconds < 30


def test_a_server_is_settled_once_the_bare_view_answers(answers):
    assert benchmark.settle(answers, workers=2, time_limit=5)


def test_a_server_that_does_not_answer_is_not_settled():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, not listening: connections are refused

        assert not benchmark.settle(f"http://127.0.0.1:{port}", workers=2, time_limit=5)


def test_gunicorn_runs_the_deploy_config_with_the_page_cache_switched_by_its_variable(tmp_path):
    server = benchmark.Gunicorn(8765, 2, page_cache=False, log_path=tmp_path / "log")

    command = server.command()
    assert command[command.index("--config") + 1].endswith("deploy/gunicorn.conf.py")
    assert command[command.index("--workers") + 1] == "2"
    assert command[command.index("--bind") + 1] == "127.0.0.1:8765"
    assert command[command.index("--max-requests") + 1] == "0"
    # The installed Gunicorn has a control socket; another server on the machine must not share it.
    assert "--no-control-socket" in command
    assert server.environment()[benchmark.PAGE_CACHE_ENV] == "false"
    assert benchmark.Gunicorn(8765, 2, True, tmp_path / "log").environment()[benchmark.PAGE_CACHE_ENV] == "true"


def test_worker_memory_is_read_from_the_children_of_the_server():
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; print('ready', flush=True); time.sleep(30)"], stdout=subprocess.PIPE
    )
    try:
        assert child.stdout.readline() == b"ready\n"  # a Python running, not a process still starting
        assert child.pid in benchmark.children_of(os.getpid())
        assert 1 < benchmark.rss_mb(child.pid) < 1000
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert math.isnan(benchmark.rss_mb(child.pid))


def test_help_lists_the_options():
    text = Command().create_parser("manage.py", "benchmark_pages").format_help()

    for option in ["--duration", "--connections", "--workers", "--port", "--pages", "--no-cache", "--cache-only"]:
        assert option in text
    assert "--requests-for-rss" in text


def test_without_wrk_the_command_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)

    with pytest.raises(CommandError, match="apt-get install wrk"):
        call_command("benchmark_pages")


def test_an_unknown_page_name_is_refused_with_the_names_there_are(db):
    with pytest.raises(CommandError, match=r"Unknown page.*nowhere.*home"):
        call_command("benchmark_pages", "--in-process-only", "--pages", "home,nowhere")


@pytest.mark.usefixtures("an_hour_after_noon")
def test_in_process_only_prints_a_markdown_report_with_the_targets():
    make_article(unions=[union("huzhou")], tags=["工会"])
    out, err = StringIO(), StringIO()

    call_command("benchmark_pages", "--in-process-only", "--runs", "2", "--pages", "home,tag", stdout=out, stderr=err)

    report = out.getvalue()
    assert "### Page benchmark" in report
    assert "| home | `/` |" in report
    assert "| tag | `/tags/工会/` (工会, 1 story) |" in report
    assert "| page | queries | SQL p50 |" in report
    assert "| ≤ 8 queries | home |" in report
    assert "In process (page cache off)" in err.getvalue()


def broken_page(request):
    raise RuntimeError("this page is broken")


urlpatterns = [path("broken/", broken_page), *project_urls.urlpatterns]
handler500 = project_urls.handler500


def test_a_page_that_fails_in_process_is_reported_not_raised(settings):
    settings.ROOT_URLCONF = __name__

    measured = benchmark.measure_page(benchmark.reader_client(), "/broken/", runs=3, budget_seconds=10)

    assert measured.status == 500
    assert measured.queries == [0, 0, 0]


@pytest.mark.usefixtures("an_hour_after_noon")
def test_a_database_without_planner_statistics_is_named_in_the_report(monkeypatch):
    monkeypatch.setattr(benchmark, "unanalysed_tables", lambda: ["articles_article"])
    out, err = StringIO(), StringIO()

    call_command("benchmark_pages", "--in-process-only", "--runs", "1", "--pages", "home", stdout=out, stderr=err)

    assert "no statistics for articles_article (never analysed)" in out.getvalue()
    assert "Warning: PostgreSQL has no statistics" in err.getvalue()
