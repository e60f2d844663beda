"""阅读量 in a real browser: opening a story sends the beacon, under the security policy,
and the story's count goes up; reloading it within the visitor window does not count again."""

import time

from django.core.cache import caches
from selenium.webdriver.common.by import By

from articles.readership import counting
from articles.readership.models import DailyViews
from tests.builders import make_article
from tests.test_browser_e2e import browser, pytestmark, wait_for  # noqa: F401  (the fixture and the skip)

# Headless Chromium says "HeadlessChrome", which the counter takes for a bot: read as a desktop reader.
READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def views(story):
    """The story's views in the database, after the flush that runs from cron with Redis."""
    counting.flush()
    return sum(DailyViews.objects.filter(article=story).values_list("views", flat=True))


def test_opening_a_story_sends_the_beacon_and_the_count_goes_up(
    live_server,
    browser,  # noqa: F811  (the fixture imported above)
    transactional_db,
    django_db_serialized_rollback,
):
    caches["default"].clear()
    story = make_article(headline="湖州职工篮球联赛鸣哨开赛")
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setUserAgentOverride", {"userAgent": READER})

    browser.get(live_server.url + story.get_absolute_url())

    assert browser.find_element(By.TAG_NAME, "h1").text == "湖州职工篮球联赛鸣哨开赛"
    wait_for(browser, lambda driver: views(story) == 1)
    assert browser.get_cookies() == []  # nothing was set for the reader

    browser.refresh()
    assert browser.find_element(By.TAG_NAME, "h1").text == "湖州职工篮球联赛鸣哨开赛"
    time.sleep(1)  # time for a second beacon to arrive, were it counted
    assert views(story) == 1
    caches["default"].clear()
