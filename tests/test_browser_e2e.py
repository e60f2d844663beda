"""End-to-end runs through a real browser: an editor writes and publishes a
story in the admin, and a reader finds it on the public site; two editors meet
in the conflict screen; every main page runs under the Content-Security-Policy.

Every test fails on any Content-Security-Policy violation the browser reports
(the `browser` fixture reads the browser's console when the test ends).

Needs Debian's chromium and chromium-driver; without them the test is skipped
with a reason (.ci/run installs both and fails if this test was skipped).
"""

import re
import shutil

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
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
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    # Chromium logs a refused resource itself; the listener also logs what its
    # message may not name (the directive, and where the page broke it).
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": REPORT_VIOLATIONS})
    yield driver
    violations = policy_violations(driver)
    driver.quit()
    assert not violations, "the page broke the security policy:\n" + "\n".join(violations)


REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
    console.error("CSP violation: " + event.violatedDirective + " blocked " + event.blockedURI
        + " in " + event.sourceFile + ":" + event.lineNumber);
});
"""


def policy_violations(browser):
    """Console messages since the last call about a broken CSP or Permissions-Policy."""
    markers = ("CSP violation", "Content Security Policy", "Permissions-Policy", "Permissions policy")
    return [entry["message"] for entry in browser.get_log("browser") if any(m in entry["message"] for m in markers)]


def wait_for(browser, condition, timeout=15):
    return WebDriverWait(browser, timeout).until(condition)


def wait_until_gone(browser, element, timeout=15):
    """Wait until the page that held `element` has been replaced.

    While the next page loads, Chromium may answer a question about the old node with a bare
    "Node with given id does not belong to the document" instead of a stale-element error:
    that, too, means the old page is going, so ask again rather than fail.
    """

    def gone(_):
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" not in str(error):
                raise  # a crashed or disconnected browser says so, not a timeout
        return False

    WebDriverWait(browser, timeout).until(gone)


def choose_in_autocomplete(browser, select_id, text):
    """Pick `text` in one of the admin's select2 autocomplete boxes."""
    container = browser.find_element(By.CSS_SELECTOR, f"#{select_id} + .select2")
    container.click()
    search = wait_for(
        browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".select2-container--open .select2-search__field"))
    )
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
    wait_until_gone(browser, button)  # the old page, with its old message, is gone
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
    wait_until_gone(browser, panel)
    panel = wait_for(browser, EC.presence_of_element_located((By.ID, "conflict")))
    article.refresh_from_db()
    assert article.headline == "编辑改的标题"

    panel.find_element(By.CSS_SELECTOR, "input[name='resolve-headline'][value='mine']").click()
    browser.find_element(By.NAME, "_continue").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist .success")))
    assert not browser.find_elements(By.ID, "conflict")
    article.refresh_from_db()
    assert article.headline == "副总编改的标题"


def test_the_browser_test_notices_an_inline_style(
    live_server, browser, transactional_db, django_db_serialized_rollback
):
    """The net that every other test here relies on: an inline <style> is refused and reported."""
    browser.get(f"{live_server.url}/robots.txt")
    assert policy_violations(browser) == []
    browser.get(f"{live_server.url}/no-such-page/")
    browser.execute_script(
        "const s = document.createElement('style'); s.textContent = 'body {}'; document.head.append(s);"
    )
    violations = wait_for(browser, lambda b: policy_violations(b))
    assert any("style-src" in message for message in violations)


def log_in(browser, live_server, username):
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait_for(browser, EC.presence_of_element_located((By.ID, "user-tools")))


def test_public_pages_and_the_main_admin_pages_work_under_the_security_policy(
    live_server, browser, transactional_db, django_db_serialized_rollback, huzhou
):
    from django.contrib.auth.models import User
    from django.urls import reverse

    from tests.builders import make_article, make_event, make_page

    event = make_event(unions=[huzhou])
    story = make_article(
        headline="湖州职工篮球联赛鸣哨开赛",
        unions=[huzhou],
        tags=["工BA"],
        photos=1,
        events=[event],
        pages=[make_page()],
    )
    User.objects.create_superuser("zongbian", password=PASSWORD)

    # The public site: every kind of page, and a 404.
    for path in [
        "/",
        story.get_absolute_url(),
        "/articles/",
        "/unions/",
        "/unions/huzhou/",
        reverse("tags:detail", args=[story.tags.get().slug]),
        "/events/",
        event.get_absolute_url(),
        "/epaper/",
        reverse("epaper:page", args=[story.published_at.date(), 1]),
        "/search/?q=篮球",
        "/no-such-page/",
    ]:
        browser.get(live_server.url + path)
        assert browser.find_element(By.TAG_NAME, "h1").text, path

    log_in(browser, live_server, "zongbian")
    for name in ["admin:index", "admin:articles_article_changelist", "admin:articles_article_desk"]:
        browser.get(live_server.url + reverse(name))
        wait_for(browser, EC.presence_of_element_located((By.ID, "content")))

    # The union tree: treebeard's script adds its drag handles.
    browser.get(live_server.url + reverse("admin:unions_union_changelist"))
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".drag-handler")))

    # Date and time widgets: the calendar opens and a shortcut in it fills the date.
    browser.get(live_server.url + reverse("admin:events_event_add"))
    wait_for(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".field-starts_at .date-icon"))).click()
    calendar = wait_for(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, ".calendarbox")))
    calendar.find_element(By.CSS_SELECTOR, ".calendar-shortcuts a").click()
    assert browser.find_element(By.NAME, "starts_at_0").get_attribute("value")

    # The story form: the rich-text editor, tag suggestions, autocomplete, presence pings.
    browser.get(live_server.url + reverse("admin:articles_article_change", args=[story.pk]))
    editor = wait_for(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".field-body [contenteditable=true]")))
    editor.click()
    editor.send_keys(Keys.END, "记者 ")
    bold = ActionChains(browser).key_down(Keys.CONTROL).send_keys("b").key_up(Keys.CONTROL)
    bold.perform()
    editor.send_keys("周文澜")
    bold.perform()
    tags = browser.find_element(By.NAME, "tags")
    tags.send_keys(Keys.END, "，工")
    wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#id_tags_suggestions option"))
    choose_in_autocomplete(browser, "id_article_unions-1-union", "嘉兴市总工会")
    browser.execute_script("document.getElementById('presence') && window.dispatchEvent(new Event('pagehide'))")
    browser.find_element(By.NAME, "_continue").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist .success")))
    story.refresh_from_db()
    assert "<strong>周文澜</strong>" in story.body

    browser.get(live_server.url + reverse("admin:articles_article_delete", args=[story.pk]))
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".cancel-link")))


# keepalive.js reports once a minute; the test's pages do it every 0.2 seconds.
FAST_KEEPALIVE = """
const setIntervalAsWritten = window.setInterval;
window.setInterval = (callback, delay, ...rest) =>
    setIntervalAsWritten(callback, delay === 60000 ? 200 : delay, ...rest);
"""


def test_an_editor_whose_session_ends_sees_the_red_banner_on_the_open_page(
    live_server, browser, transactional_db, django_db_serialized_rollback
):
    from django.contrib.sessions.models import Session

    make_editor(username="bianji")
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAST_KEEPALIVE})
    log_in(browser, live_server, "bianji")
    browser.get(f"{live_server.url}/admin/articles/article/add/")
    headline = browser.find_element(By.NAME, "headline")
    headline.send_keys("湖州职工篮球联赛")

    Session.objects.all().delete()  # the session has ended on the server
    headline.send_keys("鸣哨开赛")  # still working on the page

    banner = wait_for(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, ".keepalive-ended")))
    assert "登录已超时" in banner.text
    assert banner.value_of_css_property("background-color") == "rgba(186, 33, 33, 1)"  # keepalive.css applies
    assert headline.get_attribute("value") == "湖州职工篮球联赛鸣哨开赛"


def secret_key(text):
    """The key from the secret the set-up page shows for typing in by hand (base32 in groups of four)."""
    from base64 import b32decode

    text = "".join(text.split())
    return b32decode(text + "=" * (-len(text) % 8))


def test_a_reporter_turns_on_two_factor_login_and_passes_the_second_step_next_time(
    live_server, browser, transactional_db, django_db_serialized_rollback
):
    from django_otp.oath import hotp, totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.builders import make_staff
    from unionnews.accounts import roles

    reporter = make_staff("jizhe", roles.REPORTER)
    log_in(browser, live_server, "jizhe")

    browser.find_element(By.LINK_TEXT, "两步验证").click()
    qr = wait_for(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, ".twofactor-qr svg")))
    assert qr.size["width"] > 100  # the QR code is drawn at its size by the stylesheet the policy allows
    key = secret_key(browser.find_element(By.CSS_SELECTOR, ".twofactor-secret").text)
    browser.find_element(By.NAME, "code").send_keys(f"{totp(key):06d}" + Keys.ENTER)

    codes = wait_for(browser, EC.presence_of_all_elements_located((By.CSS_SELECTOR, ".twofactor-codes code")))
    assert len(codes) == 10
    assert "恢复码只显示这一次" in browser.find_element(By.ID, "content").text
    assert TOTPDevice.objects.get(user=reporter).confirmed

    log_out = browser.find_element(By.CSS_SELECTOR, "#logout-form button")
    log_out.click()
    wait_until_gone(browser, log_out)
    assert not browser.find_elements(By.ID, "logout-form")

    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("jizhe")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    code = wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#twofactor_verify_form [name=code]")))
    assert "稿件" not in browser.find_element(By.ID, "content").text  # no admin tables before the second step
    # A code is accepted once: the next one after the code that turned it on.
    code.send_keys(f"{hotp(key, TOTPDevice.objects.get(user=reporter).last_t + 1):06d}" + Keys.ENTER)
    wait_for(browser, EC.url_to_be(f"{live_server.url}/admin/articles/article/desk/"))  # a writer lands on 编辑台
    assert "稿件" in browser.find_element(By.ID, "content").text

    browser.find_element(By.LINK_TEXT, "修改密码").click()
    wait_for(browser, EC.presence_of_element_located((By.NAME, "old_password")))


def test_five_wrong_passwords_show_the_lockout_page_and_an_administrator_unlocks_the_account(
    live_server, browser, transactional_db, django_db_serialized_rollback
):
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from tests.builders import make_staff
    from unionnews.accounts import roles

    make_staff("jizhe", roles.REPORTER)
    administrator = Client()
    administrator.force_login(make_staff("guanliyuan", roles.ADMINISTRATOR))

    browser.get(f"{live_server.url}/admin/login/")
    for attempt in range(5):
        assert "登录已被暂时锁定" not in browser.find_element(By.ID, "content").text
        browser.find_element(By.NAME, "username").clear()
        browser.find_element(By.NAME, "username").send_keys("jizhe")
        password = browser.find_element(By.NAME, "password")
        password.send_keys(f"wrong password {attempt}" + Keys.ENTER)
        wait_until_gone(browser, password)

    assert browser.find_element(By.TAG_NAME, "h1").text == "登录已被暂时锁定"
    assert "解除锁定" in browser.find_element(By.ID, "content").text

    # The administrator, already logged in (this browser's address is locked out too), unlocks it.
    cookie = settings.SESSION_COOKIE_NAME
    browser.add_cookie({"name": cookie, "value": administrator.cookies[cookie].value, "path": "/"})
    browser.get(live_server.url + reverse("admin:accounts_loginfailure_changelist"))
    browser.find_element(By.ID, "action-toggle").click()
    browser.find_element(By.CSS_SELECTOR, "select[name=action] option[value=unlock]").click()
    run = browser.find_element(By.CSS_SELECTOR, ".actions button[name=index]")
    run.click()
    wait_until_gone(browser, run)
    message = browser.find_element(By.CSS_SELECTOR, ".messagelist li")
    assert "已解除" in message.text

    browser.delete_all_cookies()
    log_in(browser, live_server, "jizhe")


def test_an_editor_lands_on_the_desk_and_the_story_form_speaks_chinese_and_counts_headlines(
    live_server, browser, transactional_db, django_db_serialized_rollback
):
    make_editor(username="bianji")

    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("bianji")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#content h1")))
    assert browser.current_url == f"{live_server.url}/admin/articles/article/desk/"
    assert browser.find_element(By.CSS_SELECTOR, "#content h1").text == "编辑台"

    browser.find_element(By.LINK_TEXT, "写稿").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".field-body .prose-menubar button")))
    wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".field-body [title='粗体']"))
    menubar = browser.find_element(By.CSS_SELECTOR, ".field-body .prose-menubar")
    titles = [button.get_attribute("title") for button in menubar.find_elements(By.CSS_SELECTOR, "[title]")]
    words = browser.execute_script("return arguments[0].textContent", menubar)
    assert {"粗体", "斜体", "正文段落", "插入链接", "撤销"} <= set(titles), titles
    assert not [title for title in titles if re.search("[A-Za-z]", title)], titles  # nothing left in English
    # The heading menu (a popover): 标题 2 … 正文段落, not Heading 2 … Paragraph.
    assert "标题 2" in words and "标题 4" in words, words
    assert "Heading" not in words and "Paragraph" not in words, words

    # The headline's live count, and its advice past 30 字.
    headline = browser.find_element(By.NAME, "headline")
    headline.send_keys("湖州市总工会召开全委会")
    count = browser.find_element(By.CSS_SELECTOR, "[name=headline] + .length-count")
    assert count.text == "11 / 200 字"
    headline.send_keys("暨全市工会工作会议部署下半年重点工作任务")
    assert count.text.startswith("31 / 200 字。超过30字：请填写下面的“短标题”")


def test_the_story_forms_fieldset_headings_are_plain_bars_with_the_timeline_below_the_form(
    live_server, browser, transactional_db, django_db_serialized_rollback
):
    from tests.builders import change_url, make_article

    make_editor(username="bianji")
    article = make_article(headline="湖州市总工会召开全委会")
    log_in(browser, live_server, "bianji")
    browser.get(live_server.url + change_url(article))
    wait_for(browser, EC.presence_of_element_located((By.ID, "timeline")))

    # What shows in the gap above each fieldset and inline: nothing but the page (the 流程记录
    # once lay behind the floated form, its heading's colour filling every gap above a heading).
    behind = browser.execute_script("""
        const blocks = '#article_form > div > fieldset.module, #article_form > div > .inline-group';
        return [...document.querySelectorAll(blocks)].map(fieldset => {
            const box = fieldset.getBoundingClientRect();
            window.scrollTo({top: window.scrollY + box.top - 100, behavior: 'instant'});
            const top = fieldset.getBoundingClientRect().top;
            return document.elementsFromPoint(box.left + box.width / 2, top - 10)
                .filter(element => getComputedStyle(element).backgroundColor !== 'rgba(0, 0, 0, 0)')
                .map(element => element.tagName + '#' + element.id);
        });""")
    assert len(behind) > 5 and all(set(found) <= {"BODY#"} for found in behind), behind
    timeline = browser.find_element(By.ID, "timeline").rect
    form = browser.find_element(By.ID, "article_form").rect
    assert timeline["y"] >= form["y"] + form["height"]
