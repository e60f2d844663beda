"""robots.txt keeps crawlers out of the admin, whichever rule-matching they use, and lets them read the site."""

from urllib.robotparser import RobotFileParser

from tests.builders import make_article


def crawler_rules(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    rules = RobotFileParser()
    rules.parse(response.content.decode().splitlines())  # urllib's parser applies the first matching line
    return rules


def test_crawlers_are_kept_out_of_the_admin(client):
    rules = crawler_rules(client)

    assert not rules.can_fetch("Baiduspider", "/admin/")
    assert not rules.can_fetch("Googlebot", "/admin/login/")
    assert not rules.can_fetch("*", "/admin/articles/article/")


def test_crawlers_may_read_the_home_page_and_stories(client, db):
    story = make_article()
    rules = crawler_rules(client)

    assert rules.can_fetch("Baiduspider", "/")
    assert rules.can_fetch("Googlebot", story.get_absolute_url())


def test_robots_txt_points_crawlers_at_the_sitemap(client, settings):
    settings.SITE_URL = "https://news.example.org"

    assert "Sitemap: https://news.example.org/sitemap.xml" in client.get("/robots.txt").content.decode()
