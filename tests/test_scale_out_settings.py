"""The read replica's and the CDN purge's settings, read from the environment as a deployment sets them."""

import json
import os
import subprocess
import sys

PRINT_SETTINGS = """
import json
from unionnews import settings
print(json.dumps({
    "replica": settings.DATABASES.get("replica"),
    "routers": getattr(settings, "DATABASE_ROUTERS", []),
    "middleware": settings.MIDDLEWARE,
    "max_lag": settings.REPLICA_MAX_LAG_SECONDS,
    "pin": settings.REPLICA_PIN_SECONDS,
}, default=str))
"""


def settings_with(**env):
    """The settings module as a process with these environment variables sees it, or its error."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DATABASE", "REPLICA", "CDN"))
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return json.loads(result.stdout) if result.returncode == 0 else result.stderr


def test_a_replica_url_adds_a_replica_built_like_the_primary_and_the_router():
    seen = settings_with(
        DATABASE_URL="postgres://app@primary:5432/unionnews",
        DATABASE_REPLICA_URL="postgres://app@replica:5432/unionnews",
        REPLICA_MAX_LAG_SECONDS="3",
    )

    replica = seen["replica"]
    assert (replica["HOST"], replica["NAME"], replica["ENGINE"]) == ("replica", "unionnews", "unionnews.db.postgresql")
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert "max_parallel_workers_per_gather=0" in replica["OPTIONS"]["options"]
    assert replica["TEST"] == {"MIRROR": "default"}
    assert seen["routers"] == ["unionnews.db.replica.ReplicaRouter"]
    assert (seen["max_lag"], seen["pin"]) == (3, 15)
    auth = seen["middleware"].index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert seen["middleware"][auth + 1] == "unionnews.db.replica.choose_database"


def test_without_a_replica_url_there_is_no_replica_and_no_router():
    seen = settings_with(DATABASE_URL="postgres://app@primary:5432/unionnews")

    assert seen["replica"] is None
    assert seen["routers"] == []


def test_a_replica_needs_postgresql():
    error = settings_with(DATABASE_REPLICA_URL="postgres://app@replica:5432/unionnews")  # the primary is SQLite

    assert "DATABASE_REPLICA_URL needs PostgreSQL" in error


def test_a_cdn_purge_url_must_be_http():
    error = settings_with(CDN_PURGE_URL="cdn.example.org/purge")

    assert "CDN_PURGE_URL must start with http:// or https://" in error
