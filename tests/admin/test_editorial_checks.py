"""Editorial checks in the admin: warnings on the story form, the acknowledge gate, the term list, page upload."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.editorial import qa
from articles.editorial.models import Acknowledgement, Finding, Term
from articles.models import Article
from tests.admin import postdata
from tests.builders import change_url, make_article
from tests.printpage.pages import CLEAN_PAGE

SLIP = "<p>会议要求，持续深化产业工人队伍建设改革，切实维护职工合法权益。</p>" * 2
IMPORT_URL = reverse("admin:articles_printpage_import")


def submit(client, article):
    return client.post(reverse("admin:articles_article_transition", args=[article.pk, "submit"]), follow=True)


def test_saving_a_story_shows_its_warnings(editor_client):
    response = editor_client.post(reverse("admin:articles_article_add"), postdata.article(body=SLIP), follow=True)

    article = Article.objects.get()
    assert "编辑检查：本稿有1条提示待确认" in response.text
    [finding] = article.findings.all()
    assert finding.code == "duplicate-text"
    assert "重复出现" in editor_client.get(change_url(article)).text


def test_a_story_with_unacknowledged_warnings_cannot_be_submitted_for_review(editor_client):
    article = make_article(status=Article.Status.DRAFT, body=SLIP)
    qa.recheck(article)

    response = submit(editor_client, article)

    assert "还有1条编辑检查提示未确认" in response.text
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_acknowledging_each_warning_lets_the_story_go_to_review_and_is_recorded(editor_client, editor):
    article = make_article(status=Article.Status.DRAFT, body=SLIP)
    qa.recheck(article)
    finding = article.findings.get()
    data = postdata.article(body=SLIP, loaded_version=article.version)

    response = editor_client.post(change_url(article), {**data, "acknowledge_findings": [finding.pk]})
    assert response.status_code == 302
    submit(editor_client, article)

    article.refresh_from_db()
    assert article.status == Article.Status.FIRST_REVIEW and article.unacknowledged_findings() == []
    assert Acknowledgement.objects.get().acknowledged_by == editor


def test_a_clean_story_goes_to_review_without_any_warning(editor_client):
    assert editor_client.post(reverse("admin:articles_article_add"), postdata.article()).status_code == 302
    article = Article.objects.get()

    submit(editor_client, article)

    article.refresh_from_db()
    assert article.status == Article.Status.FIRST_REVIEW
    assert not Finding.objects.exists()


def test_terms_kept_in_the_admin_are_checked_on_save(editor_client):
    response = editor_client.post(
        reverse("admin:editorial_term_add"),
        {"term": "农民工", "preferred": "进城务工人员", "kind": "outdated", "note": ""},
    )
    assert response.status_code == 302 and Term.objects.count() == 1
    editor_client.post(reverse("admin:articles_article_add"), postdata.article(body="<p>组织农民工参加培训。</p>"))
    assert Finding.objects.get().message == "过时说法“农民工”，现在的说法是“进城务工人员”。"


def test_editor_uploads_a_gb18030_page_and_gets_draft_stories(editor_client):
    upload = SimpleUploadedFile("page3.txt", CLEAN_PAGE.encode("gb18030"), content_type="text/plain")

    response = editor_client.post(
        IMPORT_URL, {"file": upload, "date": "2024-08-02", "page": "3", "page_name": "地方新闻"}
    )

    assert response.status_code == 200
    assert "导入结果" in response.text and "嘉兴举办首届数控技能大赛" in response.text
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and article.subheadline == "120名一线职工同台竞技"


def test_a_dry_run_upload_only_reports(editor_client):
    upload = SimpleUploadedFile("page3.txt", CLEAN_PAGE.encode(), content_type="text/plain")

    response = editor_client.post(IMPORT_URL, {"file": upload, "date": "2024-08-02", "page": "3", "dry_run": "on"})

    assert "试运行结果（未写入）" in response.text
    assert not Article.objects.exists()


def test_upload_rejects_a_file_that_is_not_text(editor_client):
    upload = SimpleUploadedFile("page.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = editor_client.post(IMPORT_URL, {"file": upload, "date": "2024-08-02", "page": "3"})
    assert "请上传 .txt 文本文件" in response.text


def test_readers_cannot_open_the_upload_form(client, db):
    from tests.builders import make_reader

    client.force_login(make_reader())
    assert client.get(IMPORT_URL).status_code == 302  # admin_view sends non-staff to the login page


def test_a_segments_warnings_are_shown_next_to_that_segment(editor_client):
    from tests.builders import union

    shaoxing, jinhua = union("shaoxing"), union("jinhua")
    article = make_article(
        status=Article.Status.DRAFT,
        headline="各地工会学习全会精神",
        segments=[
            (shaoxing, "<p>绍兴市总工会召开党组会议，为谱写金华篇章贡献力量。</p>"),
            (jinhua, "<p>金华市总工会召开党组会议，传达学习全会精神。</p>"),
        ],
    )
    qa.recheck(article)
    [mismatch] = article.findings.filter(code="segment-union-mismatch")
    assert mismatch.segment == "绍兴市总工会"

    page = editor_client.get(change_url(article)).text

    shaoxing_form, jinhua_form = page.split('id="segments-0"')[1].split('id="segments-1"')
    assert "分段与工会不符" in shaoxing_form
    assert "分段与工会不符" not in jinhua_form.split('id="segments-empty"')[0]


def test_upload_refuses_a_file_far_larger_than_a_page(editor_client):
    upload = SimpleUploadedFile("page.txt", "工会".encode() * 400_000, content_type="text/plain")

    response = editor_client.post(IMPORT_URL, {"file": upload, "date": "2024-08-02", "page": "3"})

    assert response.status_code == 200
    assert "文件太大" in response.text
    assert not Article.objects.exists()


def test_the_import_result_names_each_finding_in_chinese_and_links_it_to_its_story_and_segment(
    editor_client, sample_page
):
    upload = SimpleUploadedFile("page2.txt", sample_page.encode(), content_type="text/plain")

    response = editor_client.post(IMPORT_URL, {"file": upload, "date": "2024-08-02", "page": "2"})

    page = response.text
    for code in ("repaired-break", "duplicate-text", "segment-union-mismatch", "normalised-punctuation"):
        assert code not in page
    roundup = Article.objects.get(headline="推动全会精神深入人心、落地生根")
    story_url = change_url(roundup)
    lishui = [s.union.short_name for s in roundup.segments.all()].index("丽水")
    assert f'<a href="{story_url}">重复文字</a>［<a href="{story_url}#segments-{lishui}">丽水市总工会</a>］' in page
    assert f'<a href="{story_url}">分段与工会不符</a>' in page
    assert "已接合断行" in page and "已改为全角标点" in page
    # The anchor is the segment's row on the story form, where the same warning stands.
    form = editor_client.get(story_url).text.split(f'id="segments-{lishui}"')[1]
    assert "重复文字" in form.split(f'id="segments-{lishui + 1}"')[0]


def test_a_character_lost_at_a_column_break_waits_on_the_story_form_until_mended(editor_client):
    from tests.printpage.pages import LOST_CHARACTER

    upload = SimpleUploadedFile("page3.txt", LOST_CHARACTER.encode(), content_type="text/plain")
    result = editor_client.post(IMPORT_URL, {"file": upload, "date": "2024-08-02", "page": "3"}).text
    article = Article.objects.get()

    assert "断行处疑缺字</a>：转行接合处“基层单位会始终把”中的“会”前后不成词" in result
    assert "断行处疑缺字" in editor_client.get(change_url(article)).text

    mended = article.body.replace("单位会始终", "单位工会始终")
    data = postdata.article(headline=article.headline, body=mended, loaded_version=article.version)
    assert editor_client.post(change_url(article), data).status_code == 302
    assert "断行处疑缺字" not in editor_client.get(change_url(article)).text
    assert not article.findings.filter(code="unlikely-join").exists()


def test_a_brand_kept_beside_its_union_is_flagged_in_another_citys_segment(editor_client, sample_page):
    from tests.admin.postdata import inline
    from tests.admin.test_union_admin import union_form
    from unions.models import Union

    shaoxing = Union.objects.get(short_name="绍兴", level=Union.Level.CITY)
    fields = {"name": shaoxing.name, "short_name": "绍兴", "level": "city", "slug": shaoxing.slug}
    # The union stays where it is in the tree (the form's own initial place).
    place = (
        editor_client.get(reverse("admin:unions_union_change", args=[shaoxing.pk])).context["adminform"].form.initial
    )
    fields.update(treebeard_ref_node=place["treebeard_ref_node"].pk, treebeard_position=place["treebeard_position"])
    data = {**union_form(**fields), **inline("brands", {"name": "越工驿站", "union": shaoxing.pk})}
    assert editor_client.post(reverse("admin:unions_union_change", args=[shaoxing.pk]), data).status_code == 302
    assert list(shaoxing.brands.values_list("name", flat=True)) == ["越工驿站"]

    upload = SimpleUploadedFile("page2.txt", sample_page.encode(), content_type="text/plain")
    page = editor_client.post(IMPORT_URL, {"file": upload, "date": "2024-08-02", "page": "2"}).text

    assert "嘉兴市总工会的分段中出现绍兴的工作品牌“越工驿站”" in page
    roundup = Article.objects.get(headline="推动全会精神深入人心、落地生根")
    jiaxing = editor_client.get(change_url(roundup)).text.split('id="segments-1"')[1].split('id="segments-2"')[0]
    assert "绍兴的工作品牌“越工驿站”" in jiaxing


def test_a_leader_kept_as_a_term_is_checked_on_the_story_form(editor_client):
    term = {"term": "张三", "preferred": "省总工会党组书记、主席张三", "kind": "leader", "note": ""}
    refused = editor_client.post(reverse("admin:editorial_term_add"), {**term, "preferred": "主席"})
    assert "须包含姓名" in refused.text and not Term.objects.exists()
    assert editor_client.post(reverse("admin:editorial_term_add"), term).status_code == 302

    editor_client.post(reverse("admin:articles_article_add"), postdata.article(body="<p>张三主席出席会议。</p>"))

    article = Article.objects.get()
    page = editor_client.get(change_url(article)).text
    assert "领导姓名职务" in page and "首次出现时应写作“省总工会党组书记、主席张三”" in page


def test_a_collocation_the_desk_adds_finds_the_same_words_missing_a_character(editor_client):
    term = {"term": "安全生产月活动", "preferred": "", "kind": "collocation", "note": ""}
    refused = editor_client.post(reverse("admin:editorial_term_add"), {**term, "term": "生产月"})
    assert "固定搭配至少5个字" in refused.text and not Term.objects.exists()
    assert editor_client.post(reverse("admin:editorial_term_add"), term).status_code == 302

    editor_client.post(
        reverse("admin:articles_article_add"),
        postdata.article(body="<p>各级工会开展安全生月活动，扩大会精神影响。</p>"),
    )

    page = editor_client.get(change_url(Article.objects.get())).text
    assert "固定搭配疑缺字" in page
    assert "固定搭配应为“安全生产月活动”" in page and "固定搭配应为“扩大会议精神”" in page
