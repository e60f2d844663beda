"""Two editors open the same story: the second save from a stale form is refused, nothing is lost."""

from django.urls import reverse

from articles.models import Article
from tests.admin import postdata
from tests.builders import make_draft


def save(client, article, loaded_version, **fields):
    data = postdata.article(loaded_version=loaded_version, **fields)
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def test_a_save_from_a_stale_form_is_refused_and_keeps_the_editors_text(staff, client_for):
    first, second = client_for(staff.section_editor), client_for(staff.chief)
    first.post(reverse("admin:articles_article_add"), postdata.article(headline="原标题"))
    article = Article.objects.get()
    opened = first.get(reverse("admin:articles_article_change", args=[article.pk])).context["adminform"].form
    version = opened["loaded_version"].value()
    assert save(first, article, version, headline="甲改的标题").status_code == 302

    response = save(second, article, version, headline="乙改的标题", body="<p>乙写的正文。</p>")

    assert response.status_code == 200, response
    text = response.context["adminform"].form.non_field_errors()[0]
    assert "保存失败" in text and "bianji1" in text and "对方改动了：主题" in text
    assert 'value="乙改的标题"' in response.text and "乙写的正文" in response.text
    article.refresh_from_db()
    assert article.headline == "甲改的标题"
    # The form now carries the current version: saving again after merging goes through.
    merged_version = response.context["adminform"].form["loaded_version"].value()
    assert int(merged_version) == article.version
    assert save(second, article, merged_version, headline="合并后的标题").status_code == 302
    article.refresh_from_db()
    assert article.headline == "合并后的标题"


def test_each_save_bumps_the_version_and_keeps_a_revision(staff, client_for):
    article = make_draft(headline="第一稿")
    client = client_for(staff.section_editor)

    save(client, article, 0, headline="第二稿")
    save(client, article, 1, headline="第三稿")

    article.refresh_from_db()
    assert article.version == 2
    assert [(r.number, r.snapshot["headline"], r.author) for r in article.revisions.all()] == [
        (2, "第三稿", staff.section_editor), (1, "第二稿", staff.section_editor),
    ]
