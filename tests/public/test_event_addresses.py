"""Event addresses are readable (letters, digits, the date) rather than percent-encoded
Chinese; an address an event had leads to its page today with a permanent redirect."""

import re
from importlib import import_module
from urllib.parse import quote

from django.apps import apps
from django.urls import reverse

from articles.events.models import Event
from tests.admin import postdata
from tests.builders import make_event

ADD_URL = reverse("admin:events_event_add")
migration = import_module("articles.events.migrations.0003_readable_slugs")


def test_the_migration_gives_chinese_slugged_events_dated_slugs_and_old_addresses_redirect(client, huzhou):
    event = make_event(title="湖州市首届“工BA”职工篮球赛", slug="湖州市首届工ba职工篮球赛", unions=[huzhou])
    plain = make_event(slug="jiaxing-chairs-training", title="嘉兴工会主席培训班")
    old_url = event.get_absolute_url()
    assert old_url == "/events/" + quote("湖州市首届工ba职工篮球赛") + "/"

    migration.readable_slugs(apps, None)

    event.refresh_from_db()
    assert event.get_absolute_url() == "/events/2025-06-12-huzhou-competition/"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/events/2025-06-12-huzhou-competition/"
    assert "湖州市首届“工BA”职工篮球赛" in client.get(response["Location"]).text
    plain.refresh_from_db()
    assert plain.slug == "jiaxing-chairs-training"


def test_an_event_added_with_the_slug_left_blank_gets_a_dated_one_with_its_organiser(editor_client, huzhou):
    data = postdata.event(slug="", event_unions=[{"union": huzhou.pk, "role": "organiser"}])

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert Event.objects.get().get_absolute_url() == "/events/2025-06-12-huzhou-competition/"


def test_a_second_event_on_the_same_day_gets_the_next_free_slug(editor_client, huzhou):
    make_event(slug="2025-06-12-huzhou-competition")

    editor_client.post(ADD_URL, postdata.event(slug="", event_unions=[{"union": huzhou.pk, "role": "organiser"}]))

    assert Event.objects.order_by("pk").last().slug == "2025-06-12-huzhou-competition-2"


def test_an_event_without_organiser_is_named_by_date_and_kind(editor_client):
    editor_client.post(ADD_URL, postdata.event(slug=""))

    assert Event.objects.get().slug == "2025-06-12-competition"


def test_editing_the_title_keeps_the_address(client, huzhou):
    event = make_event(slug="", unions=[huzhou])
    address = event.get_absolute_url()

    event.title = "湖州市第二届“工BA”职工篮球赛"
    event.save()

    assert event.get_absolute_url() == address
    assert "第二届" in client.get(address).text


def test_a_changed_slug_leaves_the_old_address_redirecting(client):
    event = make_event(slug="huzhou-gongba")
    event.slug = "huzhou-gongba-2025"
    event.save()

    response = client.get("/events/huzhou-gongba/")

    assert response.status_code == 301
    assert response["Location"] == "/events/huzhou-gongba-2025/"


def test_a_chinese_slug_typed_in_the_admin_is_refused(editor_client):
    response = editor_client.post(ADD_URL, postdata.event(slug="湖州工ba-2025"))

    assert response.status_code == 200
    assert response.context["errors"]
    assert not Event.objects.exists()


def test_the_old_address_of_an_unpublished_event_is_not_found(client):
    event = make_event(slug="huzhou-gongba", status="draft")
    event.slug = "huzhou-gongba-2025"
    event.save()

    assert client.get("/events/huzhou-gongba/").status_code == 404
    assert client.get("/events/nowhere/").status_code == 404


def test_the_event_admin_shows_the_addresses_that_redirect(editor_client):
    event = make_event(slug="huzhou-gongba")
    event.slug = "huzhou-gongba-2025"
    event.save()

    page = editor_client.get(reverse("admin:events_event_change", args=[event.pk])).text

    assert "旧网址（自动跳转到现在的网址）" in page
    assert re.search(r'<td class="field-slug">\s*<p>huzhou-gongba</p>', page)


def test_the_add_form_has_no_old_addresses_section(editor_client):
    assert "旧网址（自动跳转到现在的网址）" not in editor_client.get(ADD_URL).text
