import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import NOON, make_article, make_event, make_page

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Readers visit an hour after NOON (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("an_hour_after_noon")


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    return {url.split("://", 1)[1].split("/", 1)[1] for url in urls}


def test_sitemap_lists_published_stories_events_unions_tags_and_pages(client, huzhou):
    page = make_page(1)
    story = make_article(tags=["工BA"], pages=[page])
    event = make_event()
    paths = {f"/{path}" for path in sitemap_paths(client)}
    assert story.get_absolute_url() in paths
    assert event.get_absolute_url() in paths
    assert huzhou.get_absolute_url() in paths
    assert "/tags/%E5%B7%A5ba/" in paths
    assert page.get_absolute_url() in paths


def test_sitemap_leaves_out_what_readers_cannot_open(client):
    draft = make_article(status="draft", tags=["内部"])
    scheduled = make_article(published_at=NOON + timedelta(days=1), tags=["明日"])
    draft_event = make_event(status="draft", slug="draft-event")
    tomorrow = make_page(1, edition_date=NOON.date() + timedelta(days=1))
    paths = {f"/{path}" for path in sitemap_paths(client)}
    for hidden in (
        draft.get_absolute_url(),
        scheduled.get_absolute_url(),
        draft_event.get_absolute_url(),
        tomorrow.get_absolute_url(),
    ):
        assert hidden not in paths
    assert not any(path.startswith("/tags/") for path in paths)


def test_sitemap_queries_do_not_grow_with_content(client, huzhou, django_assert_max_num_queries):
    make_article(tags=["工BA"], pages=[make_page(1)])
    make_event()
    with CaptureQueriesContext(connection) as baseline:
        client.get("/sitemap.xml")
    for index in range(2, 7):
        make_article(tags=["工BA", f"标签{index}"], pages=[make_page(index)])
        make_event(slug=f"event-{index}")
    with django_assert_max_num_queries(len(baseline)):
        client.get("/sitemap.xml")
