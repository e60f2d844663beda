"""What readers get: scheduled sign-off, withdrawn stories (410), corrections, previews."""

import re
from datetime import timedelta

import time_machine
from django.urls import reverse

from articles.models import Article
from tests.builders import NOON, make_article, make_draft
from unionnews.accounts.models import AuditEntry

Status = Article.Status


def sign_off(client, article, **data):
    return client.post(reverse("admin:articles_article_transition", args=[article.pk, "approve"]), data)


def test_a_story_signed_off_for_later_appears_to_readers_feeds_and_sitemap_at_that_time(
    staff, client_for, huzhou, client
):
    article = make_draft(headline="全省职工技能大赛明日开幕", unions=[huzhou], status=Status.FINAL_REVIEW)
    with time_machine.travel(NOON, tick=False):
        response = sign_off(client_for(staff.chief), article, publish_at="2025-06-12T18:30")
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED and article.is_scheduled
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "全省职工技能大赛明日开幕" not in client.get("/feed/").text
        assert client.get("/sitemap-articles-2025-06.xml").status_code == 404  # June has no story yet
        assert article.get_absolute_url() not in client.get("/sitemap-news.xml").text
        listing = client_for(staff.chief).get(reverse("admin:articles_article_changelist")).text
        assert "定时发布：2025-06-12 18:30（6\xa0小时，30\xa0分钟后）" in listing

    with time_machine.travel(NOON + timedelta(hours=6, minutes=31), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "全省职工技能大赛明日开幕" in client.get("/feed/").text
        assert article.get_absolute_url() in client.get("/sitemap-articles-2025-06.xml").text
        assert article.get_absolute_url() in client.get("/sitemap-news.xml").text
        assert "全省职工技能大赛明日开幕" in client.get(huzhou.get_absolute_url()).text


def test_a_scheduled_story_reads_scheduled_everywhere_in_the_admin_until_it_is_live(staff, client_for, huzhou):
    article = make_draft(headline="全省职工技能大赛明日开幕", unions=[huzhou], status=Status.FINAL_REVIEW)
    editor = client_for(staff.section_editor)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    with time_machine.travel(NOON, tick=False):
        sign_off(client_for(staff.chief), article, publish_at="2025-06-12T18:30")
        pages = {
            "list": editor.get(reverse("admin:articles_article_changelist")).text,
            "desk": editor.get(reverse("admin:articles_article_desk")).text,
            "form": editor.get(change_url).text,
        }
        for name, page in pages.items():
            assert "定时发布：2025-06-12 18:30" in page, name
        assert re.findall(r'class="field-state">([^<]*)<', pages["list"]) == [
            "定时发布：2025-06-12 18:30（6\xa0小时，30\xa0分钟后）"
        ]
        assert "已发布" not in pages["desk"] and "已发布" not in pages["form"]
        assert "待终审 → 定时发布：2025-06-12 18:30" in pages["form"]  # the timeline's sign-off line

    with time_machine.travel(NOON + timedelta(hours=7), tick=False):
        listing = editor.get(reverse("admin:articles_article_changelist")).text
        assert re.findall(r'class="field-state">([^<]*)<', listing) == ["已发布"]


@time_machine.travel(NOON, tick=False)
def test_a_publication_time_in_the_past_is_refused(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou], status=Status.FINAL_REVIEW)

    response = client_for(staff.chief).post(
        reverse("admin:articles_article_transition", args=[article.pk, "approve"]),
        {"publish_at": "2025-06-12T08:00"},
        follow=True,
    )

    assert "定时发布的时间不能早于现在。" in response.text
    article.refresh_from_db()
    assert article.status == Status.FINAL_REVIEW


@time_machine.travel(NOON, tick=False)
def test_the_chief_can_take_back_a_scheduled_story(staff, client_for, huzhou):
    article = make_article(unions=[huzhou], published_at=NOON + timedelta(days=1))

    response = client_for(staff.chief).post(
        reverse("admin:articles_article_transition", args=[article.pk, "return"]), {"comment": "推迟发布"}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.DRAFT, None)
    assert AuditEntry.objects.filter(action="unpublish", actor=staff.chief).exists()


def test_a_withdrawn_story_answers_410_with_a_notice(staff, client_for, huzhou, client):
    article = make_article(headline="有误的稿件", unions=[huzhou])

    response = client_for(staff.chief).post(
        reverse("admin:articles_article_transition", args=[article.pk, "withdraw"]), {"comment": "数据有误"}
    )

    assert response.status_code == 302
    page = client.get(article.get_absolute_url())
    assert page.status_code == 410
    assert "这篇稿件已撤回" in page.text and "有误的稿件" not in page.text
    assert "有误的稿件" not in client.get("/feed/").text
    entry = AuditEntry.objects.get(action="withdraw")
    assert (entry.actor, entry.data["comment"]) == (staff.chief, "数据有误")


def test_withdrawing_needs_a_reason(staff, client_for, huzhou):
    article = make_article(unions=[huzhou])

    client_for(staff.chief).post(reverse("admin:articles_article_transition", args=[article.pk, "withdraw"]))

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_correction_is_shown_under_the_story_and_in_the_feed(staff, client_for, huzhou, client):
    article = make_article(headline="湖州市总工会召开全委会", unions=[huzhou])

    response = client_for(staff.deputy).post(
        reverse("admin:articles_article_transition", args=[article.pk, "correct"]),
        {"comment": "原稿中“第十届”应为“第十一届”。"},
    )

    assert response.status_code == 302
    page = client.get(article.get_absolute_url()).text
    assert "更正" in page and "原稿中“第十届”应为“第十一届”。" in page
    assert "原稿中“第十届”应为“第十一届”。" in client.get("/feed/").text
    assert article.timeline.get().action == "correct"


def test_staff_with_rights_preview_a_draft_exactly_as_readers_will_see_it(staff, client_for, huzhou, client):
    article = make_draft(headline="尚未发布的稿件", unions=[huzhou], body="<p>正文内容。</p>")
    url = reverse("admin:articles_article_preview", args=[article.pk])

    response = client_for(staff.correspondent).get(url)

    assert response.status_code == 200
    assert "尚未发布的稿件" in response.text and "正文内容。" in response.text
    assert "预览" in response.text and 'content="noindex"' in response.text
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(url).status_code == 302  # to the login page
    assert client_for(staff.section_editor).get(url).status_code == 200


def test_a_correspondent_cannot_preview_another_unions_story(staff, client_for, jiaxing):
    article = make_draft(unions=[jiaxing])

    assert (
        client_for(staff.correspondent).get(reverse("admin:articles_article_preview", args=[article.pk])).status_code
        == 404
    )
