import re

import pytest
from django.conf import settings

from tests.builders import make_article, make_event, make_page


@pytest.fixture
def site(huzhou):
    story = make_article(unions=[huzhou], tags=["工BA"], pages=[make_page(1)])
    event = make_event(unions=[huzhou])
    return [
        "/",
        "/articles/",
        story.get_absolute_url(),
        "/unions/",
        huzhou.get_absolute_url(),
        "/tags/工ba/",
        "/events/",
        event.get_absolute_url(),
        "/epaper/",
        "/epaper/2025-06-12/1/",
    ]


def test_every_page_has_title_description_canonical_and_open_graph(client, site):
    for url in site:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert re.search(r"<title>[^<]+</title>", html), url
        assert re.search(r'<meta name="description" content="[^"]+">', html), url
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        assert canonical.startswith("http://testserver/"), url  # SITE_URL is unset: the request's host
        assert '<meta property="og:title" content="' in html, url
        assert f'<meta property="og:url" content="{canonical}">' in html, url


def test_every_page_has_the_site_navigation_and_no_outside_or_blocking_scripts(client, site):
    """Reader pages work without JavaScript: the few scripts they have (the story's 阅读量
    beacon, the e-paper's highlighting) are the site's own, deferred, and add to the page."""
    for url in site:
        html = client.get(url).content.decode()
        for label in ("首页", "工会组织", "活动", "数字报"):
            assert f">{label}</a>" in html, url
        for script in re.findall(r"<script\b[^>]*>", html):
            if 'type="application/ld+json"' in script:
                continue
            assert re.search(r'src="/static/js/[\w.-]+\.js"', script) and " defer" in script, (url, script)
        assert not re.search(r'(src|href)="(https?:)?//(?!127\.0\.0\.1)[^"]+\.(js|css)"', html), url


def test_canonical_url_keeps_a_later_page_number_but_drops_other_parameters(client, huzhou):
    for _ in range(21):
        make_article(unions=[huzhou])
    html = client.get("/articles/?page=2&utm_source=wechat").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/?page=2">' in html
    html = client.get("/articles/?page=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/">' in html


def test_robots_txt_allows_all_but_the_admin_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_not_found_page_is_a_friendly_chinese_page(client, settings):
    settings.DEBUG = False
    response = client.get("/articles/2025/6/12/999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_the_only_stylesheet_stays_small():
    from pathlib import Path

    stylesheet = Path(settings.BASE_DIR) / "static" / "css" / "site.css"
    assert stylesheet.stat().st_size < 16 * 1024
