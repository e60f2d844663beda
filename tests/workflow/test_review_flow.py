"""三审三校 through the real admin: every allowed and forbidden transition, by POST."""

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article, TimelineEntry
from tests.builders import NOON, make_article, make_draft, make_staff, status_of, transition_url
from unionnews.accounts.models import AuditEntry

Status = Article.Status


def post(client, article, action, **data):
    return client.post(transition_url(article, action), data)


@pytest.fixture
def draft(staff, huzhou):
    return make_draft(headline="湖州市总工会开展送清凉", unions=[huzhou], created_by=staff.correspondent)


@time_machine.travel(NOON, tick=False)
def test_a_draft_passes_three_reviews_and_is_published_when_signed_off(staff, client_for, draft, client):
    steps = [
        (staff.correspondent, "submit", Status.FIRST_REVIEW),
        (staff.section_editor, "approve", Status.SECOND_REVIEW),
        (staff.deputy, "approve", Status.FINAL_REVIEW),
        (staff.chief, "approve", Status.PUBLISHED),
    ]
    for user, action, expected in steps:
        response = post(client_for(user), draft, action, comment="同意")
        assert response.status_code == 302
        assert response.url == reverse("admin:articles_article_change", args=[draft.pk])
        assert status_of(draft) == expected

    assert draft.published_at == NOON and draft.is_published
    assert client.get(draft.get_absolute_url()).status_code == 200
    timeline = list(draft.timeline.values_list("actor__username", "action", "from_status", "to_status"))
    assert timeline == [
        ("tongxunyuan", "submit", "draft", "first_review"),
        ("bianji1", "first_review", "first_review", "second_review"),
        ("fuzongbian", "second_review", "second_review", "final_review"),
        ("zongbian", "sign_off", "final_review", "published"),
    ]
    assert AuditEntry.objects.filter(action="publish", actor=staff.chief, object_id=str(draft.pk)).exists()


@pytest.mark.parametrize(
    ("who", "status", "action"),
    [
        ("correspondent", Status.FIRST_REVIEW, "approve"),
        ("reporter", Status.FIRST_REVIEW, "approve"),
        ("section_editor", Status.SECOND_REVIEW, "approve"),
        ("deputy", Status.FINAL_REVIEW, "approve"),
        ("section_editor", Status.FINAL_REVIEW, "approve"),
        ("correspondent", Status.FIRST_REVIEW, "return"),
        ("reporter", Status.SECOND_REVIEW, "return"),
        ("correspondent", Status.PUBLISHED, "withdraw"),
        ("section_editor", Status.PUBLISHED, "withdraw"),
        ("deputy", Status.PUBLISHED, "withdraw"),
        ("correspondent", Status.PUBLISHED, "correct"),
        ("section_editor", Status.PUBLISHED, "correct"),
        ("administrator", Status.DRAFT, "submit"),
    ],
)
def test_a_transition_beyond_the_users_role_is_forbidden_and_changes_nothing(
    staff, client_for, huzhou, who, status, action
):
    article = make_article(status=status, unions=[huzhou], published_at=NOON if status == Status.PUBLISHED else None)

    response = post(client_for(getattr(staff, who)), article, action, comment="理由")

    assert response.status_code in (403, 404)
    assert status_of(article) == status
    assert not article.timeline.exists() and not article.corrections.exists()


def test_a_reviewer_may_not_approve_a_story_they_wrote(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou], created_by=staff.section_editor, status=Status.FIRST_REVIEW)

    assert post(client_for(staff.section_editor), article, "approve").status_code == 403
    assert status_of(article) == Status.FIRST_REVIEW


def test_one_person_may_not_approve_two_stages_of_the_same_story(staff, client_for, draft):
    from unionnews.accounts import roles

    both = make_staff("shuangrenzhi", roles.SECTION_EDITOR, roles.DEPUTY_CHIEF)
    post(client_for(staff.correspondent), draft, "submit")
    assert post(client_for(both), draft, "approve").status_code == 302

    response = post(client_for(both), draft, "approve")

    assert response.status_code == 403
    assert status_of(draft) == Status.SECOND_REVIEW


def test_a_small_desk_may_let_one_person_approve_several_stages(staff, client_for, draft, settings):
    from unionnews.accounts import roles

    settings.WORKFLOW_ONE_PERSON_MAY_REVIEW_TWICE = True
    both = make_staff("shuangrenzhi", roles.SECTION_EDITOR, roles.DEPUTY_CHIEF)
    post(client_for(staff.correspondent), draft, "submit")
    post(client_for(both), draft, "approve")

    assert post(client_for(both), draft, "approve").status_code == 302
    assert status_of(draft) == Status.FINAL_REVIEW


def test_after_a_return_the_next_round_may_be_reviewed_by_the_same_people(staff, client_for, draft):
    post(client_for(staff.correspondent), draft, "submit")
    post(client_for(staff.section_editor), draft, "approve")
    post(client_for(staff.deputy), draft, "return", comment="数据需核实")
    post(client_for(staff.correspondent), draft, "submit")

    assert post(client_for(staff.section_editor), draft, "approve").status_code == 302
    assert status_of(draft) == Status.SECOND_REVIEW


def test_returning_needs_a_comment(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou], status=Status.SECOND_REVIEW)
    editor = client_for(staff.deputy)

    response = editor.post(transition_url(article, "return"), {"comment": "  "}, follow=True)

    assert "退回稿件时必须填写意见。" in response.text
    assert status_of(article) == Status.SECOND_REVIEW

    post(editor, article, "return", comment="导语太长，请压缩到100字以内")

    assert status_of(article) == Status.DRAFT
    event = article.timeline.get()
    assert (event.action, event.actor, event.comment) == ("return", staff.deputy, "导语太长，请压缩到100字以内")


@pytest.mark.parametrize("who", ["section_editor", "deputy", "chief"])
def test_any_reviewer_can_return_a_pending_story(staff, client_for, huzhou, who):
    article = make_draft(unions=[huzhou], status=Status.FINAL_REVIEW)

    assert post(client_for(getattr(staff, who)), article, "return", comment="请补充").status_code == 302
    assert status_of(article) == Status.DRAFT


def test_transitions_answer_only_post(staff, client_for, draft):
    response = client_for(staff.correspondent).get(transition_url(draft, "submit"))

    assert response.status_code == 405
    assert status_of(draft) == Status.DRAFT


def test_an_unknown_transition_is_not_found(staff, client_for, draft):
    assert post(client_for(staff.chief), draft, "publish-now").status_code == 404


def test_a_wrong_state_is_a_message_not_an_error(staff, client_for, draft):
    response = client_for(staff.chief).post(transition_url(draft, "approve"), follow=True)

    assert response.status_code == 200
    assert "这篇稿件不在待审状态。" in response.text
    assert status_of(draft) == Status.DRAFT


def test_outsiders_are_sent_to_the_login_page(client, draft):
    response = post(client, draft, "submit")

    assert response.status_code == 302 and "/admin/login/" in response.url
    assert status_of(draft) == Status.DRAFT


def test_change_form_shows_only_the_buttons_the_user_may_press(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou], status=Status.FINAL_REVIEW)
    change_url = reverse("admin:articles_article_change", args=[article.pk])

    chief_page = client_for(staff.chief).get(change_url).text
    editor_page = client_for(staff.section_editor).get(change_url).text

    assert "终审签发" in chief_page and 'name="publish_at"' in chief_page
    assert "终审签发" not in editor_page and "退回修改" in editor_page
    assert 'name="status"' not in chief_page


def test_a_correspondent_cannot_edit_a_story_once_submitted(staff, client_for, huzhou):
    from tests.admin import postdata

    article = make_draft(headline="原标题", unions=[huzhou], created_by=staff.correspondent, status=Status.FIRST_REVIEW)
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = client_for(staff.correspondent).post(url, postdata.article(headline="改标题", loaded_version=0))

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "原标题"


def test_editing_a_published_story_keeps_it_published_and_records_who_changed_what(staff, client_for, huzhou):
    from tests.admin import postdata

    article = make_article(headline="原标题", unions=[huzhou])
    url = reverse("admin:articles_article_change", args=[article.pk])
    link = article.article_unions.get()
    data = postdata.article(headline="新标题", loaded_version=article.version)
    data.update(
        postdata.inline(
            "article_unions", {"id": link.pk, "article": article.pk, "union": huzhou.pk, "role": "subject"}, initial=1
        )
    )

    response = client_for(staff.chief).post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.is_published) == ("新标题", True)
    assert article.revised_at is not None  # readers see 更新于…
    event = article.timeline.get()
    assert (event.action, event.actor) == (TimelineEntry.Action.UPDATE, staff.chief)
    assert "主题" in event.comment
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EDIT_LIVE)
    assert entry.actor == staff.chief and "主题" in entry.data["changed"]


def test_a_section_editor_cannot_edit_a_published_story(staff, client_for, huzhou):
    from tests.admin import postdata

    article = make_article(headline="原标题", unions=[huzhou])
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = client_for(staff.section_editor).post(url, postdata.article(headline="改", loaded_version=0))

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "原标题"


def test_only_the_chief_deletes_a_published_story_and_it_goes_to_the_trash_audited(staff, client_for, huzhou, client):
    article = make_article(headline="要删除的稿件", unions=[huzhou])
    delete_url = reverse("admin:articles_article_delete", args=[article.pk])

    assert client_for(staff.deputy).post(delete_url, {"post": "yes"}).status_code == 403
    assert status_of(article) == Status.PUBLISHED

    assert client_for(staff.chief).post(delete_url, {"post": "yes"}).status_code == 302

    assert status_of(article) == Status.DELETED  # in the trash (回收站), not gone
    tombstone = AuditEntry.objects.get(action="delete", object_id=str(article.pk))
    assert tombstone.object_repr == "要删除的稿件" and tombstone.actor == staff.chief
    assert tombstone.data["url"] == article.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 410


def test_a_correspondent_may_delete_their_own_draft_but_not_a_published_story(staff, client_for, huzhou, draft):
    published = make_article(unions=[huzhou])
    correspondent = client_for(staff.correspondent)

    assert (
        correspondent.post(reverse("admin:articles_article_delete", args=[published.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert (
        correspondent.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"}).status_code
        == 302
    )
    assert (status_of(published), status_of(draft)) == (Status.PUBLISHED, Status.DELETED)


def test_bulk_delete_checks_each_story(staff, client_for, huzhou, draft):
    published = make_article(unions=[huzhou])

    response = client_for(staff.correspondent).post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert Article.objects.count() == 2
