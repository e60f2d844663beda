"""One end-to-end run through a real browser: an editor writes and publishes a
story in the admin, and a reader finds it on the public site.

Needs Debian's chromium and chromium-driver; without them the test is skipped
with a reason (.ci/run installs both and fails if this test was skipped).
"""

import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from articles.models import Article
from tests.builders import PASSWORD, make_editor

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
    ),
]


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1600",
        "--lang=zh-CN",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def wait_for(browser, condition, timeout=15):
    return WebDriverWait(browser, timeout).until(condition)


def choose_in_autocomplete(browser, select_id, text):
    """Pick `text` in one of the admin's select2 autocomplete boxes."""
    container = browser.find_element(By.CSS_SELECTOR, f"#{select_id} + .select2")
    container.click()
    search = wait_for(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".select2-container--open .select2-search__field")))
    search.send_keys(text)
    option = wait_for(
        browser,
        EC.element_to_be_clickable(
            (By.XPATH, f"//li[contains(@class,'select2-results__option') and contains(., '{text}')]")
        ),
    )
    option.click()


def click_workflow_button(browser, label, comment=""):
    if comment:
        browser.find_element(By.ID, "workflow-comment").send_keys(comment)
    button = browser.find_element(By.XPATH, f"//div[@id='workflow']//button[normalize-space()='{label}']")
    button.click()
    wait_for(browser, EC.staleness_of(button))  # the old page, with its old message, is gone
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist .success")))


def test_editor_writes_and_publishes_a_story_that_readers_then_see(
    live_server, browser, transactional_db, django_db_serialized_rollback, settings
):
    # django_db_serialized_rollback: the union tree comes from a migration, and
    # another transactional test may have run (and emptied every table) before this one.
    # One person plays every role here; the separation of reviewers is tested in tests/workflow.
    settings.WORKFLOW_ONE_PERSON_MAY_REVIEW_TWICE = True
    make_editor(username="bianji")

    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("bianji")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait_for(browser, EC.presence_of_element_located((By.ID, "user-tools")))

    browser.get(f"{live_server.url}/admin/articles/article/add/")
    browser.find_element(By.NAME, "kicker").send_keys("篮球之火点燃南太湖")
    browser.find_element(By.NAME, "headline").send_keys("湖州职工篮球联赛鸣哨开赛")
    editor = wait_for(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".field-body [contenteditable=true]")))
    editor.click()
    editor.send_keys("本报讯 十支职工球队齐聚湖州，开始为期两周的角逐。")
    browser.find_element(By.NAME, "tags").send_keys("工BA，劳动竞赛")
    choose_in_autocomplete(browser, "id_article_unions-0-union", "湖州市总工会")

    browser.find_element(By.NAME, "_continue").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist .success")))
    for label in ["提交初审", "初审通过", "复审通过", "终审签发"]:
        click_workflow_button(browser, label)

    article = Article.objects.get(headline="湖州职工篮球联赛鸣哨开赛")
    assert article.is_published
    assert sorted(article.tags.names()) == ["劳动竞赛", "工BA"]
    assert [u.slug for u in article.unions.all()] == ["huzhou"]

    browser.get(live_server.url + article.get_absolute_url())
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "湖州职工篮球联赛鸣哨开赛" in page
    assert "篮球之火点燃南太湖" in page
    assert "十支职工球队齐聚湖州" in page
    assert "工BA" in page

    browser.get(f"{live_server.url}/unions/huzhou/")
    assert "湖州职工篮球联赛鸣哨开赛" in browser.find_element(By.TAG_NAME, "body").text


def test_two_editors_change_the_same_headline_and_the_second_chooses_in_the_conflict_screen(
    live_server, browser, transactional_db, django_db_serialized_rollback, staff, huzhou
):
    from django.test import Client
    from django.urls import reverse

    from tests.admin.forms import form_data
    from tests.builders import make_draft

    article = make_draft(headline="原标题", unions=[huzhou])
    change = reverse("admin:articles_article_change", args=[article.pk])
    zhou = staff.section_editor
    zhou.first_name = "周文澜"
    zhou.save()
    other = Client()
    other.force_login(zhou)
    their_form = form_data(other.get(change))

    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(staff.deputy.username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait_for(browser, EC.presence_of_element_located((By.ID, "user-tools")))
    browser.get(live_server.url + change)
    assert "周文澜 正在编辑" in browser.find_element(By.ID, "presence").text

    # 周文澜 saves a new headline while the browser's form is open.
    assert other.post(change, {**their_form, "headline": "编辑改的标题"}).status_code == 302

    headline = browser.find_element(By.NAME, "headline")
    headline.clear()
    headline.send_keys("副总编改的标题")
    browser.find_element(By.NAME, "_continue").click()
    panel = wait_for(browser, EC.presence_of_element_located((By.ID, "conflict")))
    assert "主题" in panel.text and "对方已保存的版本" in panel.text and "编辑改的标题" in panel.text
    article.refresh_from_db()
    assert article.headline == "编辑改的标题"

    # Saving again without choosing is refused again.
    browser.find_element(By.NAME, "_continue").click()
    wait_for(browser, EC.staleness_of(panel))
    panel = wait_for(browser, EC.presence_of_element_located((By.ID, "conflict")))
    article.refresh_from_db()
    assert article.headline == "编辑改的标题"

    panel.find_element(By.CSS_SELECTOR, "input[name='resolve-headline'][value='mine']").click()
    browser.find_element(By.NAME, "_continue").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist .success")))
    assert not browser.find_elements(By.ID, "conflict")
    article.refresh_from_db()
    assert article.headline == "副总编改的标题"
