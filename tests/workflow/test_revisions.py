"""Revisions: compare any two as a readable diff of Chinese text, and restore one."""

from django.urls import reverse

from articles import diffs, revisions
from articles.models import Article, TimelineEntry
from tests.admin import postdata
from tests.builders import make_draft


def test_chinese_text_is_compared_character_by_character_and_words_whole():
    html = diffs.diff_html("湖州市总工会召开全委会 meeting", "湖州市总工会召开常委会 meetings")

    assert html == "湖州市总工会召开<del>全</del><ins>常</ins>委会 <del>meeting</del><ins>meetings</ins>"


def test_the_diff_escapes_markup_typed_as_text():
    html = diffs.diff_html("", "<script>alert(1)</script>")

    assert "<script>" not in html and "&lt;script&gt;" in html


def test_body_and_segments_are_compared_as_readable_paragraphs(huzhou):
    article = make_draft(body="<p>第一段。</p><p>第二段。</p>", segments=[(huzhou, "<p>湖州开展宣讲。</p>")])
    old = revisions.snapshot(article)
    new = revisions.snapshot(article)
    new["body"] = "<p>第一段。</p><p>第二段有改动。</p>"
    new["segments"][0]["body"] = "<p>湖州开展集中宣讲。</p>"

    changes = dict(revisions.changes(old, new))

    assert list(changes) == ["正文", "分段"]
    assert changes["正文"] == "第一段。\n第二段<ins>有改动</ins>。"
    assert "【湖州市总工会】" in changes["分段"] and "<ins>集中</ins>" in changes["分段"]


def test_a_change_of_formatting_alone_is_visible():
    html = diffs.rich_diff_html("<p>工会召开会议。</p>", "<p>工会<strong>召开</strong>会议。</p>")

    assert html == '工会<ins class="format">〔粗体〕</ins>召开<ins class="format">〔/粗体〕</ins>会议。'


def edit(client, article, version, **fields):
    return client.post(
        reverse("admin:articles_article_change", args=[article.pk]), postdata.article(loaded_version=version, **fields)
    )


def test_editors_compare_two_revisions_and_restore_an_old_one(staff, client_for):
    article = make_draft(headline="第一稿")
    client = client_for(staff.section_editor)
    edit(client, article, 0, headline="湖州召开全委会")
    edit(client, article, 1, headline="湖州召开常委会")

    listing = client.get(reverse("admin:articles_article_revisions", args=[article.pk]))
    compared = client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"a": 1, "b": 2})

    assert listing.status_code == 200 and "第2版" in listing.text
    assert compared.status_code == 200
    assert "湖州召开<del>全</del><ins>常</ins>委会" in compared.text

    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.version) == ("湖州召开全委会", 3)
    newest = article.revisions.first()
    assert (newest.number, newest.note) == (3, "恢复为第1版的内容")
    assert article.timeline.filter(action=TimelineEntry.Action.RESTORE, actor=staff.section_editor).exists()


def test_restoring_needs_the_right_to_edit(staff, client_for, huzhou):
    article = make_draft(headline="第一稿", created_by=staff.correspondent)
    editor = client_for(staff.section_editor)
    edit(editor, article, 0, headline="第二稿", article_unions=[{"union": huzhou.pk, "role": "subject"}])
    Article.objects.filter(pk=article.pk).update(status="first_review")

    response = client_for(staff.correspondent).post(reverse("admin:articles_article_restore", args=[article.pk, 1]))

    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.headline, article.version, article.revisions.count()) == ("第二稿", 1, 2)


def test_comparing_needs_two_version_numbers(staff, client_for):
    article = make_draft()

    response = client_for(staff.section_editor).get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"a": "x"}
    )

    assert response.status_code == 404


def test_odd_version_numbers_are_a_404_not_a_server_error(staff, client_for):
    article = make_draft()
    client = client_for(staff.section_editor)
    url = reverse("admin:articles_article_compare", args=[article.pk])

    for a, b in [("²", "1"), ("99999999999999999999", "1"), ("-1", "0")]:
        assert client.get(url, {"a": a, "b": b}).status_code == 404
