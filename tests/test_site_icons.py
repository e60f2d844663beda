"""Browsers, crawlers and phones find the site's icons: /favicon.ico at the root (asked for
whatever a page links to), and the icons and web app manifest every page links."""

import json
from io import BytesIO
from pathlib import Path

from django.contrib.staticfiles import finders
from PIL import Image


def test_favicon_ico_is_served_at_the_site_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= icon.info["sizes"]


def test_every_page_links_the_icons_and_the_manifest(client, db):
    for path in ["/", "/no-such-page/"]:
        html = client.get(path).content.decode()
        assert '<link rel="icon" href="/favicon.ico"' in html, path
        assert '<link rel="icon" href="/static/icons/icon.svg" type="image/svg+xml">' in html, path
        assert '<link rel="manifest" href="/static/site.webmanifest">' in html, path


def test_the_manifest_names_the_site_and_its_icons_exist_at_their_sizes():
    manifest = json.loads(Path(finders.find("site.webmanifest")).read_text(encoding="utf-8"))

    assert manifest["name"] == "工会新闻" and manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        path = finders.find(icon["src"])
        assert path, icon["src"]
        if icon["type"] == "image/png":
            width, height = Image.open(path).size
            assert icon["sizes"] == f"{width}x{height}", icon["src"]
