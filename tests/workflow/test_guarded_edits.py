"""Every change of what readers see goes through one guarded path (articles.editing):
scope, sign-off, revisions of everything, the read-only view, the review buttons."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from articles import editing
from articles.models import Article, TimelineEntry
from tests.admin.forms import form_data
from tests.builders import NOON, change_url, make_article, make_contributor, make_draft, make_event, make_page
from unionnews.accounts.models import AuditEntry

Status = Article.Status


def edit(client, article, **changes):
    data = form_data(client.get(change_url(article)))
    return client.post(change_url(article), {**data, "_continue": "1", **changes})


# Scope: a correspondent cannot reach past their autocomplete with a forged id.


def test_a_correspondent_cannot_credit_or_set_as_editor_a_person_hidden_from_them(staff, client_for, huzhou, jiaxing):
    hidden = make_contributor("嘉兴通讯员", union=jiaxing)
    draft = make_draft(unions=[huzhou], created_by=staff.correspondent)
    client = client_for(staff.correspondent)
    data = form_data(client.get(change_url(draft)))

    credited = client.post(
        change_url(draft),
        {**data, "credits-0-contributor": str(hidden.pk), "credits-0-role": "correspondent", "credits-0-position": "0"},
    )
    as_editor = client.post(change_url(draft), {**data, "editor": str(hidden.pk)})

    for response in (credited, as_editor):
        assert response.status_code == 200 and "选择一个有效的选项" in response.text
    draft.refresh_from_db()
    assert draft.editor is None and not draft.credits.exists() and draft.version == 0


def test_a_correspondent_cannot_attach_another_citys_unpublished_event(staff, client_for, huzhou, jiaxing):
    event = make_event(slug="jiaxing-secret", status="draft", unions=[jiaxing])
    draft = make_draft(unions=[huzhou], created_by=staff.correspondent)
    client = client_for(staff.correspondent)

    response = edit(client, draft, events=[str(event.pk)])

    assert response.status_code == 200 and "选择一个有效的选项" in response.text
    assert not draft.events.exists()


def test_an_out_of_scope_union_added_by_an_editor_does_not_block_the_correspondents_save(
    staff, client_for, huzhou, jiaxing
):
    draft = make_draft(unions=[huzhou, (jiaxing, "mentioned")], created_by=staff.correspondent)

    response = edit(client_for(staff.correspondent), draft, headline="通讯员改的标题")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "通讯员改的标题"
    assert sorted(u.slug for u in draft.unions.all()) == ["huzhou", "jiaxing"]


# Sign-off: what readers see is text someone entitled to 签发 has signed.


@time_machine.travel(NOON, tick=False)
def test_an_edit_to_a_signed_off_story_not_yet_live_sends_it_back_to_final_review(staff, client_for, huzhou, client):
    article = make_article(headline="定时稿", unions=[huzhou], published_at=NOON + timedelta(hours=2))

    response = edit(client_for(staff.deputy), article, body="<p>副总编签发后改的正文。</p>")

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.FINAL_REVIEW, None)
    reopened = article.timeline.get(action=TimelineEntry.Action.REOPEN)
    assert (reopened.actor, reopened.to_status) == (staff.deputy, Status.FINAL_REVIEW)
    with time_machine.travel(NOON + timedelta(hours=3)):
        assert client.get(article.get_absolute_url()).status_code == 404  # never went live unsigned
    # The 总编 who signed it before may sign the new text.
    signed = client_for(staff.chief).post(
        reverse("admin:articles_article_transition", args=[article.pk, "approve"]), {"comment": "同意"}
    )
    assert signed.status_code == 302
    article.refresh_from_db()
    assert article.is_published and "副总编签发后改的正文" in article.body


@time_machine.travel(NOON + timedelta(days=1), tick=False)
def test_an_edit_to_a_live_story_is_an_audited_update_shown_to_readers(staff, client_for, huzhou, client):
    article = make_article(headline="已发布稿", unions=[huzhou])

    response = edit(
        client_for(staff.deputy),
        article,
        body="<p>约有1200家企业参加。</p>",
        correction_note="原稿“1000家企业”有误，应为“1200家企业”。",
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_published and article.revised_at == NOON + timedelta(days=1)
    assert article.timeline.filter(action=TimelineEntry.Action.UPDATE, actor=staff.deputy).exists()
    assert AuditEntry.objects.get(action=AuditEntry.Action.EDIT_LIVE).data["changed"] == ["正文"]
    page = client.get(article.get_absolute_url())
    assert "约有1200家企业" in page.text and "更新于" in page.text
    assert "应为“1200家企业”" in page.text  # the correction is published with the update


def test_a_section_editor_may_not_change_a_live_story_even_by_posting(staff, client_for, huzhou):
    article = make_article(headline="已发布稿", unions=[huzhou])
    data = form_data(client_for(staff.deputy).get(change_url(article)))

    response = client_for(staff.section_editor).post(change_url(article), {**data, "headline": "篡改"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "已发布稿"


# Revisions hold everything a reader sees; restoring brings all of it back.


def test_revisions_keep_tags_unions_credits_photos_and_the_editor_and_restore_brings_them_back(
    staff, client_for, huzhou, jiaxing
):
    writer = make_contributor("羊晓江")
    desk = make_contributor("周文澜")
    article = make_draft(unions=[huzhou], tags=["送清凉"], photos=1, credits=[(writer, "reporter")])
    client = client_for(staff.section_editor)
    edit(client, article, editor=str(desk.pk), **{"photos-0-caption": "原图片说明"})
    photo = article.photos.get()

    data = form_data(client.get(change_url(article)))
    data.update(
        {
            "tags": "劳动竞赛",
            "editor": "",
            "photos-0-DELETE": "on",
            "article_unions-0-union": str(jiaxing.pk),
            "credits-0-role": "correspondent",
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (list(article.tags.names()), article.editor, article.photos.count()) == (["劳动竞赛"], None, 0)

    compared = client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"a": 1, "b": 2})
    labels = [label for label, _ in compared.context["changes"]]
    assert labels == ["责任编辑", "标签", "相关工会", "署名", "图片"]
    assert "原图片说明" in compared.text

    assert client.post(reverse("admin:articles_article_restore", args=[article.pk, 1])).status_code == 302
    article.refresh_from_db()
    assert list(article.tags.names()) == ["送清凉"] and article.editor == desk
    assert [u.slug for u in article.unions.all()] == ["huzhou"]
    assert article.byline() == "记者 羊晓江"
    restored = article.photos.get()
    assert (restored.caption, restored.image.name, restored.display.name) == (
        "原图片说明",
        photo.image.name,
        photo.display.name,
    )
    assert restored.renditions == photo.renditions and len(restored.renditions) == 2  # WebP and JPEG


def test_restoring_is_guarded_like_an_edit(staff, client_for, huzhou):
    article = make_article(unions=[huzhou])
    editing.save(article, staff.chief, {"headline": "总编改的标题"})

    response = client_for(staff.section_editor).post(reverse("admin:articles_article_restore", args=[article.pk, 1]))

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "总编改的标题"


def test_content_cannot_be_changed_outside_the_guarded_path(huzhou):
    article = make_article(unions=[huzhou])
    article.headline = "绕过检查"

    with pytest.raises(RuntimeError, match=r"articles\.editing\.save"):
        article.save()


def test_the_print_page_admin_shows_its_stories_but_cannot_move_them(editor_client, huzhou):
    page = make_page()
    article = make_article(unions=[huzhou], pages=[page])
    url = reverse("admin:articles_printpage_change", args=[page.pk])
    data = form_data(editor_client.get(url), form_id="printpage_form")
    data.update({"placements-0-part": "5"})

    editor_client.post(url, data)

    assert article.placements.get().part == 1


# What the review screens show.


def test_acknowledged_warnings_show_who_waved_them_through_and_when(staff, client_for, huzhou):
    draft = make_draft(unions=[huzhou], body="<p>会议强调,要抓好落实。</p>", created_by=staff.correspondent)
    client = client_for(staff.correspondent)
    edit(client, draft)  # every save runs the editorial checks
    with time_machine.travel(NOON, tick=False):
        response = client.get(change_url(draft))
        data = form_data(response)
        findings = response.context["adminform"].form.fields["acknowledge_findings"].queryset
        assert findings.exists()
        client.post(change_url(draft), {**data, "acknowledge_findings": [str(f.pk) for f in findings]})

    page = client_for(staff.section_editor).get(change_url(draft))

    assert re.search(r"姚晴（[^）]+）确认于 2025-06-12 12:00", page.text)  # the byline with its unit


def test_a_correspondent_sees_their_submitted_story_as_readers_will(staff, client_for, huzhou):
    draft = make_draft(
        unions=[huzhou],
        body="<p>本报讯 <strong>重点</strong>内容。</p>",
        segments=[(huzhou, "<p>湖州<em>分段</em>。</p>")],
        created_by=staff.correspondent,
    )
    Article.objects.filter(pk=draft.pk).update(status=Status.FIRST_REVIEW)

    page = client_for(staff.correspondent).get(change_url(draft))

    assert page.status_code == 200
    assert "<strong>重点</strong>内容" in page.text and "<em>分段</em>" in page.text
    assert "&lt;p&gt;" not in page.text and "&lt;strong&gt;" not in page.text
    assert "Acknowledge" not in page.text and "None" not in page.text


def test_the_review_button_saves_the_edits_typed_on_the_page_first(staff, client_for, huzhou):
    draft = make_draft(unions=[huzhou], created_by=staff.correspondent)
    client = client_for(staff.correspondent)
    data = form_data(client.get(change_url(draft)))

    response = client.post(change_url(draft), {**data, "subheadline": "送审前补的副题", "_workflow": "submit"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.subheadline, draft.status) == ("送审前补的副题", Status.FIRST_REVIEW)
    assert [e.action for e in draft.timeline.all()] == [TimelineEntry.Action.EDIT, TimelineEntry.Action.SUBMIT]


def test_the_review_button_does_nothing_when_the_form_has_errors(staff, client_for, huzhou):
    draft = make_draft(unions=[huzhou], created_by=staff.correspondent)
    client = client_for(staff.correspondent)
    data = form_data(client.get(change_url(draft)))

    response = client.post(change_url(draft), {**data, "headline": "", "_workflow": "submit"})

    assert response.status_code == 200 and "这个字段是必填项" in response.text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_no_transition_after_a_save_that_merged_someone_elses_changes(staff, client_for, huzhou):
    draft = make_draft(unions=[huzhou], created_by=staff.correspondent)
    mine, theirs = client_for(staff.correspondent), client_for(staff.reporter)
    data = form_data(mine.get(change_url(draft)))
    edit(theirs, draft, summary="记者补的摘要")

    response = mine.post(change_url(draft), {**data, "subheadline": "通讯员的副题", "_workflow": "submit"}, follow=True)

    assert "请核对全文后再进行审稿操作" in response.text
    draft.refresh_from_db()
    assert (draft.summary, draft.subheadline, draft.status) == ("记者补的摘要", "通讯员的副题", Status.DRAFT)


def test_a_refused_review_step_keeps_the_edit_it_was_posted_with(staff, client_for, huzhou):
    author = make_contributor("编辑本人", user=staff.section_editor)
    story = make_draft(unions=[huzhou], credits=[(author, "reporter")])
    Article.objects.filter(pk=story.pk).update(status=Status.FIRST_REVIEW)
    client = client_for(staff.section_editor)
    data = form_data(client.get(change_url(story)))

    response = client.post(
        change_url(story), {**data, "summary": "审稿时补的摘要", "_workflow": "approve"}, follow=True
    )

    assert response.status_code == 200
    assert "操作未完成：您是本稿作者（署名、创建、导入或提交了本稿），不能审核本稿。" in response.text
    story.refresh_from_db()
    assert (story.summary, story.status) == ("审稿时补的摘要", Status.FIRST_REVIEW)


def test_a_correction_typed_without_other_changes_is_published(staff, client_for, huzhou, client):
    article = make_article(unions=[huzhou])

    response = edit(client_for(staff.deputy), article, correction_note="第二段中的日期应为6月12日。")

    assert response.status_code == 302
    assert article.corrections.get().text == "第二段中的日期应为6月12日。"
    assert "应为6月12日" in client.get(article.get_absolute_url()).text


def test_restoring_an_old_version_brings_back_a_replaced_image(staff, client_for, huzhou):
    from tests.builders import tiny_png

    article = make_draft(unions=[huzhou], photos=1)
    client = client_for(staff.section_editor)
    edit(client, article, **{"photos-0-caption": "第一张"})
    first = article.photos.get().image.name
    data = form_data(client.get(change_url(article)))
    assert (
        client.post(change_url(article), {**data, "photos-0-image": tiny_png("new.png", color=(0, 0, 200))}).status_code
        == 302
    )
    assert article.photos.get().image.name != first

    client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))

    photo = article.photos.get()
    assert (photo.image.name, photo.caption) == (first, "第一张")


def test_an_odd_conflict_version_is_a_form_error_not_a_server_error(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou])
    client = client_for(staff.section_editor)
    data = form_data(client.get(change_url(article)))

    response = client.post(change_url(article), {**data, "resolved_against": "²", "headline": "新标题"})

    assert response.status_code == 200 and response.context["errors"]
    article.refresh_from_db()
    assert article.headline != "新标题"


def test_a_section_editor_may_not_rename_or_delete_a_tag_or_event_signed_off_stories_carry(staff, client_for, huzhou):
    from taggit.models import Tag

    event = make_event(slug="huzhou-league")
    make_article(unions=[huzhou], tags=["工BA"], events=[event])
    tag = Tag.objects.get(name="工BA")
    editor, deputy = client_for(staff.section_editor), client_for(staff.deputy)
    tag_url = reverse("admin:taggit_tag_change", args=[tag.pk])

    renamed = editor.post(tag_url, {"name": "篮球", "slug": "lanqiu"})
    deleted = editor.post(reverse("admin:taggit_tag_delete", args=[tag.pk]), {"post": "yes"})
    dropped = editor.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})
    bulk = editor.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "delete_selected", "_selected_action": [tag.pk], "post": "yes"},
    )

    assert [r.status_code for r in (renamed, deleted, dropped, bulk)] == [403, 403, 403, 403]
    assert Tag.objects.filter(name="工BA").exists() and event.articles.exists()
    assert deputy.post(tag_url, {"name": "职工篮球", "slug": "zhigong-lanqiu"}).status_code == 302
    assert Tag.objects.get(pk=tag.pk).name == "职工篮球"
