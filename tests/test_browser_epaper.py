"""数字报 in a real browser: a reader opens an edition page, sees a story's area light up
when pointing at it, clicks it and lands on the story, under the Content-Security-Policy."""

from datetime import timedelta

from django.utils import timezone
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from tests.builders import make_article, make_page
from tests.epaper_builders import make_area, make_page_file
from tests.test_browser_e2e import browser, pytestmark, wait_for  # noqa: F401  (the fixture and the skip)


def test_reader_clicks_a_story_on_the_page_image_and_lands_on_the_story(
    live_server,
    browser,  # noqa: F811  (the fixture imported above)
    transactional_db,
    django_db_serialized_rollback,
):
    yesterday = timezone.localdate() - timedelta(days=1)
    page = make_page(1, edition_date=yesterday, name="要闻")
    meeting = make_article(headline="全省工会宣传工作会议召开", pages=[page], published_at=timezone.now())
    league = make_article(headline="湖州首届“工BA”圆满收官", pages=[page], published_at=timezone.now())
    make_page_file(page)
    # The meeting wraps around a photo: two rectangles, one link.
    make_area(page, meeting, [40, 60, 800, 300], [40, 300, 400, 560], order=1)
    make_area(page, league, [420, 300, 800, 560], order=2)

    browser.get(live_server.url + page.get_absolute_url())
    image = browser.find_element(By.CSS_SELECTOR, ".sheet-frame img")
    wait_for(browser, lambda driver: driver.execute_script("return arguments[0].complete", image))
    # The areas lie over the image, scaled with it: the league's box starts half-way across.
    svg = browser.find_element(By.CSS_SELECTOR, ".sheet-areas")
    assert abs(svg.rect["width"] - image.rect["width"]) < 1 and abs(svg.rect["height"] - image.rect["height"]) < 1
    league_box = browser.find_element(By.CSS_SELECTOR, f'.area[href="{league.get_absolute_url()}"] rect')
    assert abs(league_box.rect["x"] - image.rect["x"] - image.rect["width"] * 420 / 842) < 2

    first, second = browser.find_elements(By.CSS_SELECTOR, f'.area[href="{meeting.get_absolute_url()}"] rect')
    ActionChains(browser).move_to_element(first).perform()
    # Both rectangles of the story light up together, and so does its entry in the list.
    for rect in (first, second):
        wait_for(browser, lambda driver, rect=rect: rect.value_of_css_property("stroke") == "rgb(179, 18, 27)")
    assert "lit" in browser.find_element(By.CSS_SELECTOR, f'.placed-story[data-story="{meeting.pk}"]').get_attribute(
        "class"
    )
    assert league_box.value_of_css_property("stroke") != "rgb(179, 18, 27)"

    ActionChains(browser).move_to_element(second).click().perform()
    wait_for(browser, EC.url_contains(meeting.get_absolute_url()))
    assert browser.find_element(By.TAG_NAME, "h1").text == "全省工会宣传工作会议召开"
    back = browser.find_element(By.PARTIAL_LINK_TEXT, "刊于")
    assert back.get_attribute("href").endswith(page.get_absolute_url())
