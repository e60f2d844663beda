"""Re-importing a print page changes untouched drafts only, and only editors import at all."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, PrintPage, TimelineEntry
from tests.admin.forms import form_data
from tests.printpage.pages import CLEAN_PAGE
from unionnews.accounts.models import AuditEntry

IMPORT_URL = reverse("admin:articles_printpage_import")
HEADLINE = "嘉兴举办首届数控技能大赛"


def upload(client, text, **fields):
    page = SimpleUploadedFile("page3.txt", text.encode(), content_type="text/plain")
    return client.post(IMPORT_URL, {"file": page, "date": "2024-08-02", "page": "3", **fields})


def changed_page():
    return CLEAN_PAGE.replace("120名一线职工参加比赛", "150名一线职工参加比赛")


def test_a_correspondent_may_not_import_and_nothing_is_created(staff, client_for):
    client = client_for(staff.correspondent)

    assert client.get(IMPORT_URL).status_code == 403
    response = upload(client, CLEAN_PAGE)

    assert response.status_code == 403
    assert "只有编辑、副总编和总编可以导入版面" in response.text
    assert not Article.objects.exists() and not PrintPage.objects.exists()


def test_a_dry_run_creates_nothing_not_even_the_print_page(staff, client_for):
    response = upload(client_for(staff.section_editor), CLEAN_PAGE, dry_run="on")

    assert "将新建草稿" in response.text
    assert not Article.objects.exists() and not PrintPage.objects.exists()


def test_reimporting_an_untouched_draft_updates_it_with_a_revision_naming_the_importer(staff, client_for):
    editor = client_for(staff.section_editor)
    upload(editor, CLEAN_PAGE)

    response = upload(client_for(staff.deputy), changed_page())

    assert "已更新草稿" in response.text
    article = Article.objects.get(headline=HEADLINE)
    assert "150名" in article.body and article.version == 2
    assert article.revisions.first().author == staff.deputy
    event = article.timeline.last()
    assert (event.action, event.actor) == (TimelineEntry.Action.IMPORT, staff.deputy)
    assert "正文" in event.comment
    assert AuditEntry.objects.filter(action="import", actor=staff.deputy).exists()


def test_a_draft_edited_since_its_import_is_not_overwritten_and_the_difference_is_shown(staff, client_for):
    editor, deputy = client_for(staff.section_editor), client_for(staff.deputy)
    upload(editor, CLEAN_PAGE)
    article = Article.objects.get(headline=HEADLINE)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(editor.get(url))
    data["subheadline"] = "编辑改过的副题"
    assert editor.post(url, data).status_code == 302

    response = deputy.post(
        IMPORT_URL, {"file": SimpleUploadedFile("p.txt", changed_page().encode()), "date": "2024-08-02", "page": "3"}
    )

    assert "已在系统中编辑，未覆盖" in response.text
    assert "<del>120</del><ins>150</ins>名" in response.text  # what the new print text would change
    article.refresh_from_db()
    assert article.subheadline == "编辑改过的副题" and "120名" in article.body
    assert article.version == 2


def test_a_story_that_left_draft_is_never_changed_by_an_import(staff, client_for):
    editor = client_for(staff.section_editor)
    upload(editor, CLEAN_PAGE)
    article = Article.objects.get(headline=HEADLINE)
    article.acknowledge(article.findings.all(), staff.reporter)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, published_at="2024-08-02T08:00+08:00")

    response = upload(client_for(staff.chief), changed_page())

    assert "已进入审核，未覆盖" in response.text
    article.refresh_from_db()
    assert "120名" in article.body and article.status == Article.Status.PUBLISHED
    assert not article.timeline.filter(action=TimelineEntry.Action.IMPORT, actor=staff.chief).exists()


def test_the_sample_page_with_one_figure_changed_leaves_a_published_story_alone(staff, client_for, sample_page):
    editor = client_for(staff.section_editor)
    upload(editor, sample_page, page="2")
    meeting = Article.objects.get(headline="省部属企事业单位工会召开宣传工作会议")
    Article.objects.filter(pk=meeting.pk).update(status=Article.Status.PUBLISHED, published_at="2024-08-02T08:00+08:00")

    response = upload(client_for(staff.chief), sample_page.replace("约有1000家企业", "约有1200家企业"), page="2")

    assert response.status_code == 200 and "已进入审核，未覆盖" in response.text
    meeting.refresh_from_db()
    assert "约有1000家企业" in meeting.body and "1200" not in meeting.body


def test_a_story_in_the_trash_does_not_catch_its_page_again(staff, client_for):
    from articles import workflow

    upload(client_for(staff.section_editor), CLEAN_PAGE)
    trashed = Article.objects.get(headline=HEADLINE)
    workflow.delete(trashed, staff.chief)

    response = upload(client_for(staff.deputy), changed_page())

    assert "新建草稿" in response.text
    fresh = Article.objects.exclude(pk=trashed.pk).get(headline=HEADLINE)
    assert fresh.status == Article.Status.DRAFT and "150名" in fresh.body
    trashed.refresh_from_db()
    assert trashed.status == Article.Status.DELETED and "120名" in trashed.body
