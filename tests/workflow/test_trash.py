"""The 回收站: deleting moves a story to the trash, 总编 restores it, purge_trash ends it."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse, reverse_lazy

from articles.models import Article, RemovedStory, Revision, TimelineEntry
from tests.builders import (
    NOON,
    make_article,
    make_draft,
    make_page,
    run_migration_step,
    status_of,
    transition_url,
)
from unionnews.accounts import audit
from unionnews.accounts.models import AuditEntry

Status = Article.Status
LIST_URL = reverse("admin:articles_article_changelist")
DESK_URL = reverse("admin:articles_article_desk")
TRASH_URL = reverse_lazy("admin:articles_article_trash")
AUTOCOMPLETE_URL = reverse("admin:autocomplete")
LATER = NOON + timedelta(days=1)


def delete_url(article):
    return reverse("admin:articles_article_delete", args=[article.pk])


def restore_url(article):
    return reverse("admin:articles_article_untrash", args=[article.pk])


def listed(client, **params):
    return [story.headline for story in client.get(LIST_URL, params).context["cl"].result_list]


def timeline(article):
    return list(article.timeline.values_list("actor__username", "action", "from_status", "to_status"))


def search_hits(client, words):
    response = client.get(reverse("search"), {"q": words})
    assert response.status_code == 200
    return [hit.article.headline for hit in response.context["hits"]]


def purge(*args):
    out, err = StringIO(), StringIO()
    call_command("purge_trash", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@time_machine.travel(LATER, tick=False)
def test_a_correspondent_deletes_their_draft_and_the_chief_restores_it(staff, client_for, huzhou):
    draft = make_draft(headline="湖州市总工会开展送清凉", unions=[huzhou], created_by=staff.correspondent)
    correspondent, chief = client_for(staff.correspondent), client_for(staff.chief)

    confirmation = correspondent.get(delete_url(draft))
    assert confirmation.status_code == 200
    assert "移入回收站，可在30天内由总编恢复" in confirmation.text
    assert "相关" not in confirmation.text and "都将被删除" not in confirmation.text

    response = correspondent.post(delete_url(draft), {"post": "yes"}, follow=True)

    assert response.redirect_chain[-1][0] == LIST_URL
    assert "已将稿件“湖州市总工会开展送清凉”移入回收站，可在30天内由总编恢复。" in response.text
    assert status_of(draft) == Status.DELETED
    assert listed(correspondent) == []
    assert "湖州市总工会开展送清凉" not in correspondent.get(DESK_URL).text
    entry = AuditEntry.objects.get(action="delete", object_id=str(draft.pk))
    assert (entry.actor, entry.data["status_before_delete"]) == (staff.correspondent, "draft")

    page = chief.get(TRASH_URL)
    assert page.status_code == 200
    assert "湖州市总工会开展送清凉" in page.text and "草稿" in page.text
    assert "姚晴（" in page.text and "tongxunyuan" not in page.text and "还剩 30 天" in page.text
    assert "恢复后回到“草稿”状态" in chief.get(restore_url(draft)).text

    response = chief.post(restore_url(draft))

    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[draft.pk])
    assert status_of(draft) == Status.DRAFT
    assert listed(correspondent) == ["湖州市总工会开展送清凉"]
    assert timeline(draft) == [
        ("tongxunyuan", "delete", "draft", "deleted"),
        ("zongbian", "undelete", "deleted", "draft"),
    ]
    assert AuditEntry.objects.filter(action="restore", actor=staff.chief, object_id=str(draft.pk)).exists()
    assert "回收站是空的" in chief.get(TRASH_URL).text


@time_machine.travel(LATER, tick=False)
def test_a_published_story_in_the_trash_is_gone_for_readers_and_desk_but_keeps_its_history(
    staff, client_for, huzhou, client
):
    story = make_article(headline="越工驿站正式开张", unions=[huzhou], pages=[make_page(2)])
    Revision.objects.create(article=story, number=1, author=staff.deputy, snapshot={"headline": story.headline})
    chief, editor = client_for(staff.chief), client_for(staff.section_editor)
    client_for(staff.deputy).post(
        reverse("admin:articles_article_transition", args=[story.pk, "correct"]), {"comment": "第二段人数有误"}
    )
    assert client.get(story.get_absolute_url()).status_code == 200

    confirmation = chief.get(delete_url(story))
    assert "移入回收站，可在30天内由总编恢复" in confirmation.text and "都将被删除" not in confirmation.text
    assert chief.post(delete_url(story), {"post": "yes"}).status_code == 302

    assert client.get(story.get_absolute_url()).status_code == 410
    for url in ["/", reverse("articles:list"), "/feed/"]:
        assert "越工驿站正式开张" not in client.get(url).text, url
    assert search_hits(client, "越工驿站") == []
    assert listed(editor) == [] and listed(editor, q="越工驿站") == []
    assert "越工驿站正式开张" not in editor.get(DESK_URL).text
    found = editor.get(
        AUTOCOMPLETE_URL, {"app_label": "articles", "model_name": "placement", "field_name": "article", "term": "越工"}
    ).json()["results"]
    assert found == []
    assert chief.get(reverse("admin:articles_article_change", args=[story.pk])).status_code == 404
    assert story.revisions.count() == 1 and story.corrections.count() == 1
    assert [action for _, action, _, _ in timeline(story)] == ["correct", "delete"]

    assert "已发布（2025-06-12 12:00）" in chief.get(TRASH_URL).text
    assert "恢复后立即重新出现在网站上" in chief.get(restore_url(story)).text
    chief.post(restore_url(story))

    assert client.get(story.get_absolute_url()).status_code == 200
    assert search_hits(client, "越工驿站") == ["越工驿站正式开张"]
    assert listed(editor) == ["越工驿站正式开张"]
    assert [action for _, action, _, _ in timeline(story)] == ["correct", "delete", "undelete"]
    assert story.revisions.count() == 1 and story.placements.count() == 1


@pytest.mark.parametrize("role", ["section_editor", "deputy", "correspondent"])
def test_only_the_chief_sees_the_trash_and_restores(staff, client_for, huzhou, role):
    story = make_draft(headline="待恢复稿", unions=[huzhou], created_by=staff.correspondent)
    client_for(staff.chief).post(delete_url(story), {"post": "yes"})
    other = client_for(getattr(staff, role))

    assert other.get(TRASH_URL).status_code == 403
    assert other.get(restore_url(story)).status_code == 403
    assert other.post(restore_url(story)).status_code == 403
    assert status_of(story) == Status.DELETED
    assert not AuditEntry.objects.filter(action="restore").exists()
    assert "回收站" not in other.get(LIST_URL).text


def test_bulk_delete_says_trash_and_audits_each_story(staff, client_for, huzhou):
    first = make_draft(headline="第一篇", unions=[huzhou])
    second = make_draft(headline="第二篇", unions=[huzhou], status=Status.FIRST_REVIEW)
    editor = client_for(staff.section_editor)
    selected = {"action": "delete_selected", "_selected_action": [first.pk, second.pk]}

    confirmation = editor.post(LIST_URL, selected)
    assert "移入回收站，可在30天内由总编恢复" in confirmation.text
    assert "第一篇" in confirmation.text and "都将被删除" not in confirmation.text

    response = editor.post(LIST_URL, {**selected, "post": "yes"}, follow=True)

    assert "已将2篇稿件移入回收站" in response.text
    assert (status_of(first), status_of(second)) == (Status.DELETED, Status.DELETED)
    assert first.status_before_delete == "draft" and second.status_before_delete == "first_review"
    assert AuditEntry.objects.filter(action="delete", actor=staff.section_editor).count() == 2
    assert "status__exact=deleted" not in editor.get(LIST_URL, {"_facets": "True"}).text  # no empty 已删除 filter


def test_a_signed_off_story_whose_time_passed_in_the_trash_goes_live_when_restored(staff, client_for, huzhou, client):
    with time_machine.travel(NOON - timedelta(days=2), tick=False):
        scheduled = make_article(headline="定时稿", unions=[huzhou])  # to be published at NOON
        client_for(staff.chief).post(delete_url(scheduled), {"post": "yes"})
        assert "恢复后仍将于2025-06-12 12:00定时发布" in client_for(staff.chief).get(restore_url(scheduled)).text

    with time_machine.travel(LATER, tick=False):
        # Never seen by readers: not found rather than gone.
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        chief = client_for(staff.chief)
        assert "删除前已由总编签发，恢复后立即重新出现在网站上" in chief.get(restore_url(scheduled)).text
        chief.post(restore_url(scheduled))
        assert client.get(scheduled.get_absolute_url()).status_code == 200


@time_machine.travel(LATER, tick=False)
def test_a_withdrawn_story_stays_gone_in_the_trash_and_after_restore(staff, client_for, huzhou, client):
    story = make_article(headline="有误的稿件", unions=[huzhou])
    chief = client_for(staff.chief)
    chief.post(reverse("admin:articles_article_transition", args=[story.pk, "withdraw"]), {"comment": "数据有误"})
    chief.post(delete_url(story), {"post": "yes"})

    assert client.get(story.get_absolute_url()).status_code == 410
    assert "恢复后仍为已撤稿状态" in chief.get(restore_url(story)).text
    chief.post(restore_url(story))

    assert status_of(story) == Status.WITHDRAWN
    assert client.get(story.get_absolute_url()).status_code == 410


def test_the_trash_shows_days_left_pages_long_lists_and_refuses_bad_pages(
    staff, client_for, huzhou, settings, monkeypatch
):
    settings.TRASH_DAYS = 7
    monkeypatch.setattr("articles.admin.trash.PER_PAGE", 2)
    chief = client_for(staff.chief)
    with time_machine.travel(NOON, tick=False):
        for headline in ["旧稿一", "旧稿二"]:
            chief.post(delete_url(make_draft(headline=headline, unions=[huzhou])), {"post": "yes"})
    with time_machine.travel(NOON + timedelta(days=5), tick=False):
        chief.post(delete_url(make_draft(headline="新稿", unions=[huzhou])), {"post": "yes"})

    with time_machine.travel(NOON + timedelta(days=7, hours=1), tick=False):
        first, second = chief.get(TRASH_URL), chief.get(TRASH_URL, {"page": 2})

    assert "新稿" in first.text and "还剩 5 天" in first.text and "第 1 / 2 页" in first.text
    assert "旧稿" in second.text and "已到期，下次清理时彻底删除" in second.text
    assert chief.get(TRASH_URL, {"page": "abc"}).status_code == 404
    assert chief.get(TRASH_URL, {"page": 9}).status_code == 404


def test_purge_deletes_only_stories_in_the_trash_longer_than_trash_days(staff, client_for, huzhou, client, settings):
    settings.TRASH_DAYS = 30
    chief = client_for(staff.chief)
    with time_machine.travel(LATER, tick=False):
        old = make_article(headline="早已删除的稿件", unions=[huzhou])
        old_draft = make_draft(headline="早已删除的草稿", unions=[huzhou])
        chief.post(delete_url(old), {"post": "yes"})
        chief.post(delete_url(old_draft), {"post": "yes"})
    with time_machine.travel(LATER + timedelta(days=20), tick=False):
        recent = make_article(headline="新近删除的稿件", unions=[huzhou])
        chief.post(delete_url(recent), {"post": "yes"})
    kept = make_article(headline="未删除的稿件", unions=[huzhou])

    with time_machine.travel(LATER + timedelta(days=31), tick=False):
        out, err = purge("--dry-run")
        assert "Dry run: 2 stories" in out and "早已删除的稿件 (deleted 2025-06-13 12:00): would purge" in err
        assert Article.objects.count() == 4

        out, err = purge()

    assert "Purged 2 stories in the trash for more than 30 days." in out
    assert "[1/2]" in err and "[2/2]" in err
    assert set(Article.objects.values_list("headline", flat=True)) == {"新近删除的稿件", "未删除的稿件"}
    assert not TimelineEntry.objects.filter(article_id=old.pk).exists()
    tombstone = AuditEntry.objects.get(action="purge", object_id=str(old.pk))
    assert tombstone.data["headline"] == "早已删除的稿件" and tombstone.data["url"] == old.get_absolute_url()
    assert tombstone.data["status_before_delete"] == "published"
    assert tombstone.data["published_at"] == NOON.isoformat()
    assert client.get(old.get_absolute_url()).status_code == 410
    assert client.get(old_draft.get_absolute_url()).status_code == 404
    assert client.get(kept.get_absolute_url()).status_code == 200
    assert status_of(recent) == Status.DELETED


def test_readers_get_the_withdrawn_page_of_a_story_withdrawn_trashed_or_purged_in_a_fixed_number_of_queries(
    staff, client_for, huzhou, client, settings, django_assert_num_queries
):
    settings.TRASH_DAYS = 30
    chief = client_for(staff.chief)
    with time_machine.travel(LATER, tick=False):
        withdrawn = make_article(headline="撤回的稿件", unions=[huzhou])
        purged = make_article(headline="彻底删除的稿件", unions=[huzhou])
        purged_draft = make_draft(headline="彻底删除的草稿", unions=[huzhou])
        chief.post(transition_url(withdrawn, "withdraw"), {"comment": "数据有误"})
        for story in [purged, purged_draft]:
            chief.post(delete_url(story), {"post": "yes"})
    with time_machine.travel(LATER + timedelta(days=20), tick=False):
        trashed = make_article(headline="回收站里的稿件", unions=[huzhou])
        chief.post(delete_url(trashed), {"post": "yes"})
    with time_machine.travel(LATER + timedelta(days=31), tick=False):
        purge()
    assert set(Article.objects.values_list("headline", flat=True)) == {"撤回的稿件", "回收站里的稿件"}
    never = Article(pk=purged.pk + 100, published_at=NOON)

    # The story row answers while it exists; a purged story's RemovedStory once it is gone.
    for story, status, queries in [
        (withdrawn, 410, 2),
        (trashed, 410, 2),
        (purged, 410, 3),
        (purged_draft, 404, 3),
        (never, 404, 3),
    ]:
        with django_assert_num_queries(queries) as captured:
            page = client.get(story.get_absolute_url())
        assert page.status_code == status, story
        assert ("这篇稿件已撤回" in page.text) == (status == 410)
        assert not [query for query in captured.captured_queries if "auditentry" in query["sql"]]


def test_stories_deleted_for_good_before_the_removed_stories_keep_their_answer(huzhou, client):
    before_the_trash = make_article(headline="早年删除的稿件", unions=[huzhou])
    purged_draft = make_draft(headline="彻底删除的草稿", unions=[huzhou])
    restored = make_article(headline="恢复的稿件", unions=[huzhou])
    # What earlier releases left: a delete entry without was_live from before the trash, a purge entry.
    audit.record(None, AuditEntry.Action.DELETE, before_the_trash)
    audit.record(None, AuditEntry.Action.DELETE, purged_draft, was_live=False)
    audit.record(None, AuditEntry.Action.PURGE, purged_draft, headline="彻底删除的草稿", was_live=False)
    audit.record(None, AuditEntry.Action.DELETE, restored, was_live=True)
    Article.objects.filter(pk__in=[before_the_trash.pk, purged_draft.pk]).delete()

    run_migration_step("articles", "removed_stories", "from_audit_log")

    assert set(RemovedStory.objects.values_list("pk", "headline", "was_live")) == {
        (before_the_trash.pk, "早年删除的稿件", True),
        (purged_draft.pk, "彻底删除的草稿", False),
    }
    assert client.get(before_the_trash.get_absolute_url()).status_code == 410
    assert client.get(purged_draft.get_absolute_url()).status_code == 404
    assert client.get(restored.get_absolute_url()).status_code == 200
