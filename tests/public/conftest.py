import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture(autouse=True)
def readers_visit_an_hour_after_noon(an_hour_after_noon):
    """Every page here is read at the shared clock of tests/conftest.py."""


@pytest.fixture
def queries_for(client):
    """Number of SQL queries a reader's GET of `url` costs (and it must succeed)."""

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(queries)

    return count
