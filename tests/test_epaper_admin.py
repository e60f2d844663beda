"""数字报 in the admin (issue 13): 上传版面PDF, the confirmation before a page's PDF is
replaced, the errors an editor sees, and the story-area editor's checks.

import_pdf itself lands with the PDF reader: here a fake stands in for it, writing the
rows the real one writes (a page, its files with small Pillow images, its areas) and
answering with the contract's result dataclasses.
"""

import json
import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from articles.epaper import importer
from articles.epaper.importer import page_label
from articles.epaper.models import PageFile, StoryArea
from articles.models import Article, PrintPage
from tests.builders import NOON, PASSWORD, make_article, make_draft, make_page
from tests.test_browser_e2e import CHROMEDRIVER, CHROMIUM, browser, wait_for  # noqa: F401 (the browser fixture)
from unionnews.accounts.models import AuditEntry
from unionnews.pagecache import generation

UPLOAD_URL = reverse("admin:epaper_upload")
DATE = NOON.date().isoformat()
WIDTH, HEIGHT = 600.0, 800.0


def pdf(name="02.pdf", marker=b""):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% a page\n" + marker + b"\n%%EOF\n", content_type="application/pdf")


def png():
    buffer = BytesIO()
    Image.new("RGB", (60, 80), (240, 240, 235)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), "page.png")


class FakeImport:
    """Stands in for importer.import_pdf: one area per story placed on the page, and a new
    draft for a story the page has that the CMS has not. b"BROKEN" in a file is a corrupt PDF."""

    def __init__(self):
        self.calls = []

    def __call__(self, source, *, date, number=None, name="", user=None, replace=False, progress=None):
        self.calls.append({"file": source.name, "number": number, "name": name, "replace": replace})
        source.seek(0)
        content = source.read()
        if b"BROKEN" in content:
            raise importer.EpaperError("PDF文件已损坏，无法打开。")
        page = PrintPage.objects.filter(edition_date=date, number=number).first()
        if page is not None and PageFile.objects.filter(page=page).exists():
            if not replace:
                raise importer.PageExists("这一版已经有PDF。")
            page.areas.all().delete()
            page.file.delete()
        if page is None:
            page = PrintPage.objects.create(edition_date=date, number=number, name=name)
        PageFile.objects.create(
            page=page,
            pdf=ContentFile(content, f"{number:02d}.pdf"),
            width=WIDTH,
            height=HEIGHT,
            thumb=png(),
            screen=png(),
            zoom=png(),
            uploaded_by=user,
        )
        results = []
        for order, article in enumerate(Article.objects.filter(placements__page=page).order_by("pk")):
            box = [40.0, 50.0 + 200 * order, 300.0, 220.0 + 200 * order]
            StoryArea.objects.create(page=page, article=article, headline=article.headline, boxes=[box], order=order)
            results.append(importer.AreaResult(article.pk, article.headline, [box]))
        draft = make_draft(headline=f"第{number}版上新发现的稿件")
        StoryArea.objects.create(
            page=page, article=draft, headline=draft.headline, boxes=[[320, 50, 560, 300]], order=9
        )
        results.append(importer.AreaResult(draft.pk, draft.headline, [[320, 50, 560, 300]]))
        result = importer.PageResult(number, name, WIDTH, HEIGHT, areas=results, new_drafts=[draft.pk])
        return importer.EditionResult(date=date, pages=[result])


@pytest.fixture
def fake_import(monkeypatch):
    fake = FakeImport()
    monkeypatch.setattr(importer, "import_pdf", fake)
    return fake


@pytest.fixture
def editor_client(client_for, staff):
    return client_for(staff.section_editor)


def uploaded_page(fake_import, client, number=2, name="要闻"):
    client.post(UPLOAD_URL, {"date": DATE, "files": [pdf(f"A{number:02d}-{name}.pdf")]})
    return PrintPage.objects.get(edition_date=NOON.date(), number=number)


def hidden(response, name):
    return re.search(rf'name="{name}" value="([^"]*)"', response.content.decode()).group(1)


def pending_tokens(response):
    return re.findall(r'name="pending" value="([^"]+)"', response.content.decode())


# Page numbers from file names


@pytest.mark.parametrize(
    ("filename", "number", "name"),
    [
        ("02.pdf", 2, ""),
        ("A02-要闻.pdf", 2, "要闻"),
        ("第2版.pdf", 2, ""),
        ("第12版 职工文化.pdf", 12, "职工文化"),
        ("要闻.pdf", None, "要闻"),
    ],
)
def test_the_page_number_and_name_are_read_from_the_file_name(filename, number, name):
    assert page_label(filename) == (number, name)


# Uploading


def test_editor_uploads_two_pages_and_sees_their_areas_stories_and_new_drafts(fake_import, editor_client):
    page = make_page(number=2, name="要闻")
    story = make_article(headline="全省职工职业技能大赛开幕", pages=[page])

    response = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("A02-要闻.pdf"), pdf("第3版.pdf")]})

    assert response.status_code == 200
    assert [(c["number"], c["name"]) for c in fake_import.calls] == [(2, "要闻"), (3, "")]
    text = response.content.decode()
    assert "2025-06-12 第2版 要闻</a>：找到2个稿件区域" in text
    assert f'href="{reverse("admin:articles_article_change", args=[story.pk])}">全省职工职业技能大赛开幕' in text
    draft = Article.objects.get(headline="第3版上新发现的稿件")
    assert "新建草稿" in text and reverse("admin:articles_article_change", args=[draft.pk]) in text
    page3 = PrintPage.objects.get(edition_date=NOON.date(), number=3)
    assert reverse("admin:epaper_page_areas", args=[page3.pk]) in text


def test_a_number_typed_for_a_single_file_wins_over_its_name(fake_import, editor_client):
    editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("yaowen.pdf")], "number": "4", "page_name": "言论"})

    assert fake_import.calls == [{"file": "yaowen.pdf", "number": 4, "name": "言论", "replace": False}]


def test_a_file_without_a_page_number_waits_for_one_and_need_not_be_chosen_again(fake_import, editor_client):
    response = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("yaowen.pdf")]})

    assert "无法从文件名「yaowen.pdf」读出版次" in response.content.decode()
    assert fake_import.calls == []
    (token,) = pending_tokens(response)
    response = editor_client.post(
        UPLOAD_URL, {"date": DATE, "pending": [token], "pending-0-number": "5", "pending-0-name": "体育"}
    )
    assert "第5版 体育</a>：找到1个稿件区域" in response.content.decode()


def test_reuploading_a_page_asks_first_and_replaces_it_only_when_confirmed(fake_import, editor_client):
    page = uploaded_page(fake_import, editor_client)
    first = PageFile.objects.get(page=page)

    response = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("A02-要闻.pdf", b"second")]})

    text = response.content.decode()
    assert "2025-06-12 第2版已有版面PDF" in text and "确认替换原PDF" in text
    assert PageFile.objects.get(page=page).pk == first.pk  # nothing replaced yet
    (token,) = pending_tokens(response)
    # Sent without ticking 替换: still nothing replaced.
    response = editor_client.post(UPLOAD_URL, {"date": DATE, "pending": [token], "pending-0-number": "2"})
    assert "没有勾选“替换”，原PDF保留" in response.content.decode()
    assert PageFile.objects.get(page=page).pk == first.pk

    response = editor_client.post(
        UPLOAD_URL, {"date": DATE, "pending": [token], "pending-0-number": "2", "pending-0-replace": "on"}
    )

    assert "已导入" in response.content.decode() or "找到" in response.content.decode()
    assert fake_import.calls[-1]["replace"] is True
    replaced = PageFile.objects.get(page=page)
    assert replaced.pk != first.pk and b"second" in replaced.pdf.read()


def test_a_confirmation_is_asked_again_when_someone_else_replaced_the_page_meanwhile(
    fake_import, editor_client, client_for, staff
):
    uploaded_page(fake_import, editor_client)
    asked = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("A02-要闻.pdf", b"mine")]})
    (token,) = pending_tokens(asked)
    chief = client_for(staff.chief)
    theirs = chief.post(UPLOAD_URL, {"date": DATE, "files": [pdf("A02-要闻.pdf", b"theirs")]})
    chief.post(UPLOAD_URL, {"date": DATE, "pending": pending_tokens(theirs), "pending-0-replace": "on"})

    response = editor_client.post(
        UPLOAD_URL, {"date": DATE, "pending": [token], "pending-0-number": "2", "pending-0-replace": "on"}
    )

    assert "在您确认之前，2025-06-12 第2版的PDF已由zongbian于" in response.content.decode()
    assert b"theirs" in PageFile.objects.get(page__number=2).pdf.read()
    (again,) = pending_tokens(response)
    editor_client.post(UPLOAD_URL, {"date": DATE, "pending": [again], "pending-0-replace": "on"})
    assert b"mine" in PageFile.objects.get(page__number=2).pdf.read()


# Errors


def test_a_file_that_is_not_a_pdf_is_refused_by_name(fake_import, editor_client):
    word = SimpleUploadedFile("02.docx", b"PK\x03\x04 not a pdf")

    response = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [word, pdf("03.pdf")]})

    text = response.content.decode()
    assert "「02.docx」不是PDF文件" in text
    assert [c["number"] for c in fake_import.calls] == [3]  # the other file still went in


def test_the_importers_message_is_shown_and_nothing_is_made(fake_import, editor_client):
    response = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("02.pdf", b"BROKEN")]})

    assert response.status_code == 200
    assert "「02.pdf」没有导入：PDF文件已损坏，无法打开。" in response.content.decode()
    assert not PageFile.objects.exists()


def test_a_missing_date_is_asked_for_and_the_chosen_files_are_kept(fake_import, editor_client):
    response = editor_client.post(UPLOAD_URL, {"date": "", "files": [pdf("A02-要闻.pdf")]})

    text = response.content.decode()
    assert "请填写出版日期。" in text
    assert "A02-要闻.pdf" in text and "无需重新选择" in text
    assert fake_import.calls == []
    response = editor_client.post(
        UPLOAD_URL,
        {"date": DATE, "pending": pending_tokens(response), "pending-0-number": "2", "pending-0-name": "要闻"},
    )
    assert "第2版 要闻</a>：找到1个稿件区域" in response.content.decode()


def test_a_request_over_the_size_limit_is_refused_with_a_page_not_an_error(fake_import, editor_client, settings):
    settings.MAX_REQUEST_BYTES = 2000

    response = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("02.pdf", b"x" * 5000)]})

    assert response.status_code == 413
    assert "提交的内容太大" in response.content.decode()
    assert fake_import.calls == [] and not PageFile.objects.exists()


def test_the_upload_script_gets_each_files_outcome_as_json(fake_import, editor_client):
    headers = {"X-Epaper-Upload": "1"}
    done = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("02.pdf")]}, headers=headers).json()
    ask = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("02.pdf")]}, headers=headers).json()
    no_date = editor_client.post(UPLOAD_URL, {"date": "", "files": [pdf("03.pdf")]}, headers=headers).json()

    assert done["outcomes"][0]["state"] == "done" and "校正稿件区域" in done["outcomes"][0]["html"]
    assert ask["outcomes"][0]["state"] == "waiting" and ask["outcomes"][0]["replace"] is True
    assert no_date["outcomes"] == [{"state": "error", "message": "请填写出版日期。"}]
    replaced = editor_client.post(
        UPLOAD_URL,
        {"date": DATE, "pending": ask["outcomes"][0]["token"], "pending-0-replace": "on"},
        headers=headers,
    ).json()
    assert replaced["outcomes"][0]["state"] == "done"


# The page list


def test_the_page_list_shows_thumbnails_area_counts_and_the_upload_link(fake_import, editor_client):
    page = uploaded_page(fake_import, editor_client)

    response = editor_client.get(reverse("admin:articles_printpage_changelist"))

    text = response.content.decode()
    assert page.file.thumb.url in text and 'class="epaper-thumb"' in text
    assert reverse("admin:epaper_page_areas", args=[page.pk]) in text
    assert UPLOAD_URL in text


# The area editor


def areas_url(page):
    return reverse("admin:epaper_page_areas", args=[page.pk])


def drawn(page):
    return [{"id": a.pk, "story": a.article_id, "boxes": a.boxes} for a in page.areas.all()]


def test_a_moved_area_is_saved_marked_corrected_audited_and_readers_pages_refreshed(fake_import, editor_client):
    page = make_page(number=2)
    make_article(headline="全省职工职业技能大赛开幕", pages=[page])
    page = uploaded_page(fake_import, editor_client)
    opened = editor_client.get(areas_url(page))
    areas = drawn(page)
    areas[0]["boxes"] = [[45, 55, 305, 225]]
    before = generation.store().read()

    response = editor_client.post(
        areas_url(page), {"areas": json.dumps(areas), "version": hidden(opened, "version")}, follow=True
    )

    text = response.content.decode()
    assert "已保存2025-06-12 第2版 要闻的稿件区域：修改1个，新增0个，删除0个。" in text
    moved, untouched = page.areas.order_by("order")
    assert moved.boxes == [[45.0, 55.0, 305.0, 225.0]] and moved.corrected
    assert not untouched.corrected
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EPAPER_AREAS)
    assert entry.object_id == str(page.pk) and entry.data["changed"] == [moved.pk]
    assert generation.store().read() != before


def test_areas_can_be_added_deleted_and_linked_to_another_story(fake_import, editor_client):
    page = uploaded_page(fake_import, editor_client)
    other = make_article(headline="另一篇稿件")
    opened = editor_client.get(areas_url(page))
    (area,) = drawn(page)

    editor_client.post(
        areas_url(page),
        {
            "areas": json.dumps([{"id": None, "story": other.pk, "boxes": [[10, 10, 100, 100], [10, 120, 100, 200]]}]),
            "version": hidden(opened, "version"),
        },
    )

    (new,) = page.areas.all()
    assert new.pk != area["id"] and new.article == other and new.headline == "另一篇稿件" and new.corrected
    assert len(new.boxes) == 2


@pytest.mark.parametrize(
    ("boxes", "story", "message"),
    [
        ([[10, 10, 700, 100]], None, "第1个区域的方框超出了版面（600×800 磅）。"),
        ([[100, 10, 50, 100]], None, "第1个区域的方框左上角应在右下角的左上方。"),
        ([[10, 10, 100]], None, "第1个区域的方框应为 [x0, y0, x1, y1] 四个数。"),
        ([], None, "第1个区域没有方框。"),
        ([[10, 10, 100, 100]], 999999, "没有编号为999999的稿件（或已删除），请重新选择。"),
    ],
)
def test_a_bad_area_is_refused_with_the_reason_and_the_editors_boxes_come_back(
    fake_import, editor_client, boxes, story, message
):
    page = uploaded_page(fake_import, editor_client)
    opened = editor_client.get(areas_url(page))
    stored = drawn(page)
    sent = json.dumps([{"id": None, "story": story, "boxes": boxes}])

    response = editor_client.post(areas_url(page), {"areas": sent, "version": hidden(opened, "version")})

    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert drawn(page) == stored
    data = json.loads(re.search(r'id="epaper-editor-data" type="application/json">(.*?)</script>', text).group(1))
    assert data["areas"] == json.loads(sent)


def test_a_save_over_someone_elses_is_refused_and_shows_my_boxes_again(fake_import, editor_client, client_for, staff):
    page = uploaded_page(fake_import, editor_client)
    mine = editor_client.get(areas_url(page))
    chief = client_for(staff.chief)
    theirs = chief.get(areas_url(page))
    chief.post(
        areas_url(page),
        {"areas": json.dumps([{**drawn(page)[0], "boxes": [[1, 1, 50, 50]]}]), "version": hidden(theirs, "version")},
    )
    my_areas = [{**drawn(page)[0], "boxes": [[200, 300, 400, 500]]}]

    response = editor_client.post(areas_url(page), {"areas": json.dumps(my_areas), "version": hidden(mine, "version")})

    text = response.content.decode()
    assert "没有保存：在您打开本页之后，zongbian于" in text and "保存了本版的稿件区域" in text
    assert page.areas.get().boxes == [[1.0, 1.0, 50.0, 50.0]]
    assert "[[200, 300, 400, 500]]" in hidden(response, "areas").replace("&quot;", '"')
    # Saved again from the page that came back: my version now stands.
    editor_client.post(areas_url(page), {"areas": json.dumps(my_areas), "version": hidden(response, "version")})
    assert page.areas.get().boxes == [[200.0, 300.0, 400.0, 500.0]]


def test_a_reupload_since_the_editor_opened_the_page_is_named(fake_import, editor_client):
    page = uploaded_page(fake_import, editor_client)
    opened = editor_client.get(areas_url(page))
    asked = editor_client.post(UPLOAD_URL, {"date": DATE, "files": [pdf("02.pdf")]})
    editor_client.post(UPLOAD_URL, {"date": DATE, "pending": pending_tokens(asked), "pending-0-replace": "on"})

    response = editor_client.post(
        areas_url(page), {"areas": json.dumps(drawn(page)), "version": hidden(opened, "version")}
    )

    assert "重新上传了本版PDF" in response.content.decode()


def test_stories_to_link_are_found_by_headline_or_number(fake_import, editor_client):
    page = uploaded_page(fake_import, editor_client)
    story = make_article(headline="湖州职工篮球联赛鸣哨开赛")
    url = reverse("admin:epaper_page_stories", args=[page.pk])

    by_number = editor_client.get(url, {"q": str(story.pk)}).json()["results"]

    assert by_number == [{"id": story.pk, "text": f"湖州职工篮球联赛鸣哨开赛（{story.pk}）"}]
    assert editor_client.get(url, {"q": ""}).json() == {"results": []}


# Who may


def test_a_correspondent_may_neither_upload_nor_correct_pages(fake_import, client_for, staff, editor_client):
    page = uploaded_page(fake_import, editor_client)
    correspondent = client_for(staff.correspondent)

    assert correspondent.get(UPLOAD_URL).status_code == 403
    assert correspondent.post(UPLOAD_URL, {"date": DATE, "files": [pdf("05.pdf")]}).status_code == 403
    assert correspondent.get(areas_url(page)).status_code == 403
    refused = correspondent.post(areas_url(page), {"areas": "[]", "version": "x"})
    assert refused.status_code == 403
    assert correspondent.get(reverse("admin:epaper_page_stories", args=[page.pk]), {"q": "1"}).status_code == 403
    assert page.areas.exists() and [c["number"] for c in fake_import.calls] == [2]
    assert "上传版面PDF" not in correspondent.get(reverse("admin:index") + "?all=1").content.decode()
    # The section editor, on the same pages, may.
    assert editor_client.get(UPLOAD_URL).status_code == 200
    assert editor_client.get(areas_url(page)).status_code == 200


@pytest.mark.parametrize("role", ["section_editor", "deputy", "chief"])
def test_the_desk_roles_may_upload_and_correct(role, staff, client_for):
    client = client_for(getattr(staff, role))

    assert client.get(UPLOAD_URL).status_code == 200


# In a real browser


@pytest.mark.browser
@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="browser test needs Debian's chromium and chromium-driver")
def test_an_editor_moves_and_resizes_an_area_with_the_keyboard_and_saves_it(
    live_server,
    browser,  # noqa: F811  (the fixture imported above)
    transactional_db,
    django_db_serialized_rollback,
    settings,
    staff,
):
    settings.SERVE_MEDIA = True
    page = make_page(number=2)
    make_article(headline="全省职工职业技能大赛开幕", pages=[page])
    FakeImport()(pdf("02.pdf"), date=NOON.date(), number=2, name="要闻", user=staff.section_editor)
    area = page.areas.get(article__headline="全省职工职业技能大赛开幕")
    x0, y0, x1, y1 = area.boxes[0]

    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("bianji1")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    wait_for(browser, EC.presence_of_element_located((By.ID, "user-tools")))
    browser.get(live_server.url + areas_url(page))
    box = wait_for(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".area-box[data-a='0'][data-b='0']")))
    assert "区域1：全省职工职业技能大赛开幕" in box.get_attribute("aria-label")

    box.click()
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_DOWN).perform()
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT).key_up(Keys.SHIFT).perform()
    # The list beside the image follows the box.
    listed = browser.find_element(By.CSS_SELECTOR, "[data-box='0-0']").text
    assert listed == f"方框1：左上 {x0 + 10:.0f},{y0 + 5:.0f}，右下 {x1 + 15:.0f},{y1 + 5:.0f} 磅"
    browser.find_element(By.CSS_SELECTOR, "#epaper-areas input[type=submit]").click()
    wait_for(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".messagelist .success")))

    area.refresh_from_db()
    assert area.boxes == [[x0 + 10, y0 + 5, x1 + 15, y1 + 5]]
    assert area.corrected


def test_a_pages_form_shows_its_image_with_the_way_to_its_areas(fake_import, editor_client):
    page = uploaded_page(fake_import, editor_client)
    bare = make_page(number=7, name="副刊")

    shown = editor_client.get(reverse("admin:articles_printpage_change", args=[page.pk])).content.decode()
    missing = editor_client.get(reverse("admin:articles_printpage_change", args=[bare.pk])).content.decode()

    assert page.file.thumb.url in shown and areas_url(page) in shown
    assert "还没有上传PDF" in missing and UPLOAD_URL in missing
    assert editor_client.get(reverse("admin:articles_printpage_add")).status_code == 200
    assert editor_client.get(areas_url(bare), follow=True).redirect_chain[-1][0] == UPLOAD_URL


def test_sending_the_form_without_a_file_asks_for_one(fake_import, editor_client):
    response = editor_client.post(UPLOAD_URL, {"date": DATE})

    assert response.status_code == 200
    assert "请选择要上传的版面PDF。" in response.content.decode()
