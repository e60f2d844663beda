from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import NOON


@pytest.fixture(autouse=True)
def an_hour_after_noon(db):
    """Readers visit an hour after NOON: stories at NOON are out, the default event is on."""
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        yield


@pytest.fixture
def queries_for(client):
    """Number of SQL queries a reader's GET of `url` costs (and it must succeed)."""

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(queries)

    return count
