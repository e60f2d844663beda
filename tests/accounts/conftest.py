import pytest
from django.urls import reverse

from tests.builders import PASSWORD

LOGIN_URL = "/admin/login/"


@pytest.fixture
def log_in(client):
    """log_in(username, password=PASSWORD, address="203.0.113.7", **headers): the admin login form, posted."""

    def post(username, password=PASSWORD, address="203.0.113.7", client=client, **headers):
        return client.post(
            LOGIN_URL,
            {"username": username, "password": password, "next": reverse("admin:index")},
            REMOTE_ADDR=address,
            **headers,
        )

    return post


def logged_in(response):
    return response.status_code == 302 and response.url == reverse("admin:index")


@pytest.fixture(autouse=True)
def idle_limit_as_deployed(settings):
    """tests/conftest.py lifts the idle limit for the rest of the suite; here it is the default."""
    settings.ADMIN_IDLE_MINUTES = 30
