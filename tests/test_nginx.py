"""The nginx configuration in deploy/nginx/ is valid, and real nginx in front of the app
refuses oversized bodies, serves uploads so that none can run as a page, tells the app
who the client is, and compresses pages.

The configuration names the compose service `app` and the compose paths; each test
copies it into a temporary prefix with the upstream pointed at a local server (or at
127.0.0.1:9, for the syntax checks) and the static and media folders at temporary ones.
Skipped, with the reason, where nginx is not installed; .ci/run fails if these tests
were skipped although it is.
"""

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.signals import request_started
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "nginx"
NGINX = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))

pytestmark = [
    pytest.mark.nginx,
    pytest.mark.skipif(NGINX is None, reason="nginx tests need nginx (Debian: apt-get install nginx)"),
]


@csrf_exempt
def echo(request):
    """What the app learns about the request: the headers nginx sets, and the body size."""
    return JsonResponse(
        {
            "remote_addr": request.META.get("REMOTE_ADDR"),
            "forwarded_for": request.META.get("HTTP_X_FORWARDED_FOR"),
            "forwarded_proto": request.META.get("HTTP_X_FORWARDED_PROTO"),
            "host": request.get_host(),
            "is_secure": request.is_secure(),
            "body_bytes": len(request.body),
        }
    )


# The site's own URLs plus the echo page, for the tests that need it (ROOT_URLCONF).
urlpatterns = [path("echo/", echo), path("", include(settings.ROOT_URLCONF))]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """deploy/nginx/ rendered into a temporary prefix, checked with `nginx -t` or run in the foreground."""

    def __init__(self, prefix, *, upstream="127.0.0.1:9", site="unionnews.conf", tls_files=None):
        self.prefix = prefix
        self.port = free_port()
        self.static = prefix / "static"
        self.media = prefix / "media"
        conf = prefix / "conf"
        (conf / "unionnews").mkdir(parents=True)
        for folder in (self.static, self.media, prefix / "logs", prefix / "temp"):
            folder.mkdir()
        for source in DEPLOY.glob("*.conf"):
            text = source.read_text(encoding="utf-8")
            text = text.replace("server app:8000 max_fails=1 fail_timeout=5s;", f"server {upstream};")
            text = text.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
            text = text.replace("listen 443 ssl;", f"listen 127.0.0.1:{free_port()} ssl;")
            text = text.replace("/srv/unionnews/static/", f"{self.static}/")
            text = text.replace("/srv/unionnews/media/", f"{self.media}/")
            for placeholder, actual in (tls_files or {}).items():
                text = text.replace(placeholder, str(actual))
            (conf / "unionnews" / source.name).write_text(text, encoding="utf-8")
        temp = prefix / "temp"
        mime_types = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
        # Run as root (CI), the workers would otherwise switch to `nobody` and not
        # read the temporary folders.
        user = "user root;" if os.geteuid() == 0 else ""
        (conf / "nginx.conf").write_text(
            f"""
            {user}
            worker_processes 1;
            daemon off;
            pid {prefix}/nginx.pid;
            error_log {prefix}/logs/error.log warn;
            events {{ worker_connections 64; }}
            http {{
                {mime_types}
                default_type application/octet-stream;
                access_log {prefix}/logs/access.log;
                client_body_temp_path {temp}/body;
                proxy_temp_path {temp}/proxy;
                fastcgi_temp_path {temp}/fastcgi;
                uwsgi_temp_path {temp}/uwsgi;
                scgi_temp_path {temp}/scgi;
                include unionnews/{site};
            }}
            """,
            encoding="utf-8",
        )
        self.command = [NGINX, "-p", f"{prefix}/", "-c", str(conf / "nginx.conf"), "-e", str(prefix / "logs/error.log")]

    def check(self):
        return subprocess.run([*self.command, "-t"], capture_output=True, text=True, timeout=30)

    def __enter__(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {self.process.stdout.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start listening")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()

    def request(self, method, url, body=None, headers=None):
        """One request; returns (status, headers as a lower-cased dict, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, url, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()


def test_the_plain_http_configuration_is_valid(tmp_path):
    result = Nginx(tmp_path).check()

    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_tls_configuration_is_valid_once_a_certificate_is_in_place(tmp_path):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("checking the TLS configuration needs openssl to make a certificate")
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=news.example.org",
            "-keyout",
            key,
            "-out",
            cert,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    nginx = Nginx(
        tmp_path / "prefix",
        site="unionnews-tls.conf",
        tls_files={"/etc/nginx/tls/fullchain.pem": cert, "/etc/nginx/tls/privkey.pem": key},
    )

    result = nginx.check()

    assert result.returncode == 0, result.stderr


def test_nginx_allows_the_same_body_size_as_the_app():
    size = re.search(r"^client_max_body_size (\d+)m;", (DEPLOY / "site.conf").read_text(), re.M)

    assert int(size.group(1)) * 1024 * 1024 == settings.MAX_REQUEST_BYTES


@pytest.fixture
def proxied(live_server, django_db_serialized_rollback, tmp_path, settings):
    """Real nginx on a free port in front of the live server."""
    settings.ROOT_URLCONF = __name__
    upstream = live_server.url.removeprefix("http://")
    with Nginx(tmp_path, upstream=upstream) as nginx:
        yield nginx


@pytest.fixture
def requests_reaching_the_app():
    seen = []

    def count(**kwargs):
        seen.append(kwargs)

    request_started.connect(count)
    yield seen
    request_started.disconnect(count)


def test_nginx_refuses_a_body_over_the_limit_before_the_app_sees_it(proxied, requests_reaching_the_app):
    connection = http.client.HTTPConnection("127.0.0.1", proxied.port, timeout=30)
    connection.putrequest("POST", "/admin/articles/article/add/")
    connection.putheader("Content-Type", "multipart/form-data; boundary=xyz")
    connection.putheader("Content-Length", str(settings.MAX_REQUEST_BYTES + 1))
    connection.endheaders()  # and no body: nginx answers from the header alone
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()

    assert response.status == 413
    assert "提交的内容太大" in page
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert requests_reaching_the_app == []


def test_a_body_under_the_limit_reaches_the_app_whole(proxied):
    body = b"x" * (1024 * 1024)  # larger than nginx's memory buffer: goes through its temp file

    status, _, answer = proxied.request("POST", "/echo/", body, {"Content-Type": "application/octet-stream"})

    assert status == 200
    assert json.loads(answer)["body_bytes"] == len(body)


def test_the_app_learns_the_client_address_scheme_and_host_from_nginx_only(proxied):
    status, _, answer = proxied.request("GET", "/echo/", headers={"X-Forwarded-For": "203.0.113.9"})

    seen = json.loads(answer)
    assert status == 200
    assert seen["forwarded_for"] == "127.0.0.1"  # the client's own claim is replaced, not extended
    assert seen["forwarded_proto"] == "http"
    assert seen["is_secure"] is False
    assert seen["host"] == f"127.0.0.1:{proxied.port}"  # the port stays, as browsers send it in Origin


def test_uploaded_images_are_shown_but_sandboxed(proxied):
    (proxied.media / "photos").mkdir()
    (proxied.media / "photos" / "meeting.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")

    status, headers, _ = proxied.request("GET", "/media/photos/meeting.jpg")

    assert status == 200
    assert headers["content-type"] == "image/jpeg"
    assert "content-disposition" not in headers
    assert headers["content-security-policy"] == "sandbox"
    assert headers["x-content-type-options"] == "nosniff"


def test_photo_renditions_named_by_their_content_are_cached_for_a_year(proxied):
    folder = proxied.media / "photos" / "renditions" / "2026" / "12"
    folder.mkdir(parents=True)
    (folder / "meeting-400.0123456789abcdef.webp").write_bytes(b"RIFF not really a webp")
    (folder / "meeting-400.0123456789abcdef.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (proxied.media / "photos" / "display").mkdir()
    (proxied.media / "photos" / "display" / "meeting-1280.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")

    _, webp, _ = proxied.request("GET", "/media/photos/renditions/2026/12/meeting-400.0123456789abcdef.webp")
    _, jpeg, _ = proxied.request("GET", "/media/photos/renditions/2026/12/meeting-400.0123456789abcdef.jpg")
    _, older, _ = proxied.request("GET", "/media/photos/display/meeting-1280.jpg")

    assert webp["cache-control"] == jpeg["cache-control"] == "public, max-age=31536000, immutable"
    assert webp["content-type"] == "image/webp"
    assert webp["content-security-policy"] == "sandbox"  # still sandboxed like every upload
    assert older["cache-control"] == "public, max-age=604800"


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "notes.txt", "noextension"])
def test_any_other_upload_is_a_download_that_cannot_run_as_a_page(proxied, name):
    (proxied.media / name).write_text("<script>alert(document.cookie)</script>")

    status, headers, _ = proxied.request("GET", f"/media/{name}")

    assert status == 200
    assert headers["content-disposition"] == "attachment"
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-security-policy"] == "sandbox"
    assert headers["x-content-type-options"] == "nosniff"


def test_static_files_with_a_content_hash_are_cached_for_a_year(proxied):
    (proxied.static / "css").mkdir()
    (proxied.static / "css" / "site.0123456789ab.css").write_text("body { color: #333; }")
    (proxied.static / "css" / "site.css").write_text("body { color: #333; }")

    _, hashed, _ = proxied.request("GET", "/static/css/site.0123456789ab.css")
    _, plain, _ = proxied.request("GET", "/static/css/site.css")

    assert hashed["cache-control"] == "public, max-age=31536000, immutable"
    assert plain["cache-control"] == "public, max-age=3600"
    assert hashed["content-type"].startswith("text/css")


def test_pages_are_sent_compressed_to_browsers_that_accept_it(proxied):
    status, headers, body = proxied.request("GET", "/", headers={"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert "</html>" in gzip.decompress(body).decode()
