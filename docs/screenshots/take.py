"""Take the README's screenshots of a running demo site with Debian's headless chromium.

    make run                                   # in one terminal: the demo at :8000
    .venv/bin/python docs/screenshots/take.py  # in another; or pass the site's address

Phone views are 390×844 CSS pixels, desktop views 1280×900, as the outside checkers
(tests/test_outside_checkers.py) look at the site.
"""

import shutil
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

FOLDER = Path(__file__).resolve().parent
PHONE = (390, 844)
DESKTOP = (1280, 900)
ADMIN = ("admin", "unionnews-admin")  # the demo's superuser (README "Demo logins")
EDITOR = ("zongbian", "unionnews-zongbian")  # the demo's 总编, who lands on 编辑台


def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--lang=zh-CN"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def shoot(browser, url, size, name):
    width, height = size
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.get(url)
    browser.execute_script("return document.fonts.ready")
    browser.save_screenshot(str(FOLDER / f"{name}.png"))


def first_story_with_a_photo(browser, site):
    browser.get(site + "/")
    return browser.find_element(By.CSS_SELECTOR, ".card-lead .card-title a").get_attribute("href")


def epaper_page(browser, site):
    """The first page of the newest edition that has its page images (the demo imports the
    page PDFs of its older edition), found through the calendar as a reader would."""
    browser.get(site + "/epaper/")
    days = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".edition-calendar td a")]
    for day in days:
        browser.get(day)
        if browser.find_elements(By.CSS_SELECTOR, ".sheet-areas"):
            return browser.current_url
    raise SystemExit("No edition with page images: load the demo first (make run).")


def shoot_epaper(browser, url, size, name):
    """The page image with one story's area lit, as a reader pointing at it sees it."""
    shoot(browser, url, size, name)
    area = browser.find_element(By.CSS_SELECTOR, ".sheet-areas .area rect")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", area)
    ActionChains(browser).move_to_element(area).perform()
    browser.save_screenshot(str(FOLDER / f"{name}.png"))


def log_in(browser, site, username, password):
    browser.get(site + "/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password + Keys.ENTER)


def main(site="http://127.0.0.1:8000"):
    browser = chromium()
    try:
        story = first_story_with_a_photo(browser, site)
        shoot(browser, site + "/", DESKTOP, "home")
        shoot(browser, site + "/", PHONE, "home-phone")
        shoot(browser, story, PHONE, "article-phone")
        page = epaper_page(browser, site)
        shoot_epaper(browser, page, DESKTOP, "epaper-page")
        log_in(browser, site, *ADMIN)
        story_id = story.rstrip("/").rsplit("/", 1)[-1]  # /articles/2026/11/29/<id>/
        shoot(browser, f"{site}/admin/articles/article/{story_id}/change/", DESKTOP, "admin-article")
        browser.delete_all_cookies()
        log_in(browser, site, *EDITOR)
        shoot(browser, browser.current_url, DESKTOP, "admin-desk")  # where an editor lands
        campaign_shots(browser, site)
    finally:
        browser.quit()


def campaign_shots(browser, site):
    """The demo's 专题 on a phone and, logged in as an editor, its coverage matrix with 湖州 open."""
    shoot(browser, site + "/topics/quanhui-jingshen/", PHONE, "campaign-phone")
    browser.execute_script("document.querySelector('.coverage-strip').scrollIntoView()")
    browser.save_screenshot(str(FOLDER / "campaign-phone.png"))  # the 11 cities' strip
    browser.get(site + "/admin/campaigns/campaign/")
    matrix = browser.find_element(By.LINK_TEXT, "报道统计表").get_attribute("href")
    shoot(browser, matrix, DESKTOP, "admin-coverage")
    browser.execute_script("document.querySelectorAll('details.coverage-city')[4].open = true")
    browser.save_screenshot(str(FOLDER / "admin-coverage.png"))


if __name__ == "__main__":
    main(*sys.argv[1:])
