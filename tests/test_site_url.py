"""One rule for absolute URLs: SITE_URL when it is set, else the request's own scheme and host.

Canonical links, og:url, JSON-LD, robots.txt's Sitemap line, the sitemaps and the feeds all
follow it, so a server on another port never mixes its own address with another.
"""

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings as django_settings

from tests.builders import make_article

pytestmark = pytest.mark.usefixtures("an_hour_after_noon")

HOSTS = ["127.0.0.1:8001", "localhost:9000"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def absolute_urls(client, host, story):
    """Every absolute URL of the site a reader or a crawler gets, asked for on `host`."""
    urls = []
    html = client.get(story.get_absolute_url(), HTTP_HOST=host).content.decode()
    urls += re.findall(r'<link rel="canonical" href="([^"]+)"', html)
    urls += re.findall(r'<meta property="og:(?:url|image)" content="([^"]+)"', html)
    for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        urls += re.findall(r'"(https?://[^"]+)"', json.dumps(json.loads(script)))
    urls = [url for url in urls if "schema.org" not in url]
    robots = client.get("/robots.txt", HTTP_HOST=host).content.decode()
    urls += re.findall(r"Sitemap: (\S+)", robots)
    index = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST=host).content)
    urls += [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    section = urls[-1].split("/", 3)[3]
    urlset = ET.fromstring(client.get("/" + section, HTTP_HOST=host).content)
    urls += [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    rss = ET.fromstring(client.get("/feed/", HTTP_HOST=host).content)
    urls += [rss.findtext("channel/link"), rss.findtext("channel/item/link")]
    urls += [media.get("url") for media in rss.iter("{http://search.yahoo.com/mrss/}content")]
    atom = ET.fromstring(client.get("/feed/atom/", HTTP_HOST=host).content)
    urls += [link.get("href") for link in atom.iter(f"{ATOM}link")]
    return urls


@pytest.mark.parametrize("host", HOSTS)
def test_without_site_url_every_absolute_url_is_on_the_host_asked(client, settings, host):
    settings.SITE_URL = ""
    story = make_article(photos=1)
    urls = absolute_urls(client, host, story)
    assert len(urls) > 12
    assert [url for url in urls if not url.startswith(f"http://{host}/")] == []
    assert f"http://{host}{story.get_absolute_url()}" in urls
    assert f"http://{host}/sitemap.xml" in urls


@pytest.mark.parametrize("host", HOSTS)
def test_with_site_url_every_absolute_url_is_on_it_whatever_the_host_asked(client, settings, host):
    settings.SITE_URL = "https://news.example.org"
    story = make_article(photos=1)
    urls = absolute_urls(client, host, story)
    assert len(urls) > 12
    assert [url for url in urls if not url.startswith("https://news.example.org/")] == []
    assert f"https://news.example.org{story.get_absolute_url()}" in urls


def test_site_url_must_be_an_http_address():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=django_settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "unionnews.settings", "SITE_URL": "news.example.org", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SITE_URL must start with http:// or https://" in result.stderr
