"""/healthz: a load balancer's liveness check, and the bare view the page benchmark compares with."""

import pytest
from django.urls import reverse


def test_healthz_answers_ok_as_plain_text(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"ok"
    assert reverse("healthz") == "/healthz"


def test_healthz_answers_without_the_database(client):
    # No `db` fixture: pytest-django refuses any query, so a lookup anywhere on the way would fail here.
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_healthz_makes_no_query_when_the_database_is_reachable(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200


def test_healthz_is_never_stored_by_a_cache(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


def test_healthz_answers_plain_http_where_every_other_page_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 301
