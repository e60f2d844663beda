"""Photos in a real browser (issue 16): a large upload shows its progress, and a good photo
beside a broken one is kept when the form comes back, under the Content-Security-Policy."""

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from articles.models import Article
from tests.builders import PASSWORD, make_editor
from tests.test_browser_e2e import browser, pytestmark, wait_for, wait_until_gone  # noqa: F401  (the fixture and the skip)

# Remembers, across the page loads of one tab, that the progress bar was shown.
WATCH_PROGRESS = """
new MutationObserver(function () {
    if (document.querySelector(".upload-progress progress")) { sessionStorage.setItem("progress-shown", "yes"); }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture
def photo_files(tmp_path):
    large, broken, fixed = tmp_path / "meeting.jpg", tmp_path / "stage.jpg", tmp_path / "stage-fixed.jpg"
    Image.effect_noise((1600, 1200), 80).convert("RGB").save(large, "JPEG", quality=95)
    buffer = BytesIO()
    Image.new("RGB", (640, 480), "blue").save(buffer, "JPEG")
    broken.write_bytes(buffer.getvalue()[:1500])
    fixed.write_bytes(buffer.getvalue())
    assert large.stat().st_size > 1024 * 1024  # large enough for the progress bar
    return large, broken, fixed


def test_a_large_photo_shows_its_progress_and_is_kept_while_the_broken_one_beside_it_is_chosen_again(
    live_server,
    browser,  # noqa: F811  (the fixture imported above)
    transactional_db,
    django_db_serialized_rollback,
    photo_files,
    settings,
):
    large, broken, fixed = photo_files
    make_editor(username="bianji")
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_PROGRESS})
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("bianji")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait_for(browser, EC.presence_of_element_located((By.ID, "user-tools")))

    browser.get(f"{live_server.url}/admin/articles/article/add/")
    browser.find_element(By.NAME, "headline").send_keys("职工运动会开幕")
    editor = wait_for(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".field-body [contenteditable=true]")))
    editor.click()
    editor.send_keys("本报讯 全市两千名职工参加。")
    browser.find_element(By.CSS_SELECTOR, "#photos-group .add-row a").click()
    browser.find_element(By.NAME, "photos-0-image").send_keys(str(large))
    browser.find_element(By.NAME, "photos-0-caption").send_keys("会场")
    browser.find_element(By.NAME, "photos-1-image").send_keys(str(broken))
    browser.find_element(By.NAME, "photos-1-caption").send_keys("主席台")
    save = browser.find_element(By.NAME, "_continue")
    save.click()

    wait_until_gone(browser, save)
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".kept-photo")))
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "图片文件已损坏或不完整" in page
    assert "已保留上次选择的图片：meeting.jpg" in page
    assert browser.execute_script("return sessionStorage.getItem('progress-shown')") == "yes"
    assert not Article.objects.exists()
    # The script sent the kept photo's token, not the photo a second time: one staged copy.
    assert len([p for p in (Path(settings.PRIVATE_MEDIA_ROOT) / "photos/staging").rglob("*") if p.is_file()]) == 1

    browser.find_element(By.NAME, "photos-1-image").send_keys(str(fixed))  # only the broken one again
    browser.find_element(By.NAME, "_continue").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist .success")))

    article = Article.objects.get(headline="职工运动会开幕")
    assert [(p.caption, p.image.name.rsplit("/", 1)[-1]) for p in article.photos.order_by("position", "pk")] == [
        ("会场", "meeting.jpg"),
        ("主席台", "stage-fixed.jpg"),
    ]
