"""The desk page, and the audit log the administrator reads."""

import re
from datetime import timedelta

import time_machine
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.builders import NOON, PASSWORD, make_article, make_draft
from unionnews.accounts import roles
from unionnews.accounts.models import AuditEntry

Status = Article.Status
DESK_URL = reverse("admin:articles_article_desk")


def section(response, title):
    return next(s.stories for s in response.context["sections"] if s.title == title)


def test_the_desk_shows_what_waits_for_each_role(staff, client_for, huzhou):
    first = make_draft(headline="待初审稿", unions=[huzhou], status=Status.FIRST_REVIEW)
    second = make_draft(headline="待复审稿", unions=[huzhou], status=Status.SECOND_REVIEW)

    editor_desk = client_for(staff.section_editor).get(DESK_URL)
    deputy_desk = client_for(staff.deputy).get(DESK_URL)

    assert editor_desk.status_code == 200
    assert section(editor_desk, "等我初审") == [first]
    assert section(deputy_desk, "等我复审") == [second]
    assert "等我初审" not in [s.title for s in deputy_desk.context["sections"]]


def test_the_desk_shows_my_drafts_returned_stories_scheduled_and_recent(staff, client_for, huzhou):
    mine = make_draft(headline="我的草稿", unions=[huzhou], created_by=staff.correspondent)
    returned = make_draft(
        headline="被退回的稿", unions=[huzhou], created_by=staff.correspondent, status=Status.SECOND_REVIEW
    )
    client_for(staff.deputy).post(
        reverse("admin:articles_article_transition", args=[returned.pk, "return"]), {"comment": "请补充数据"}
    )
    scheduled = make_article(
        headline="定时稿", unions=[huzhou], published_at=make_article().published_at.replace(year=2099)
    )

    desk = client_for(staff.correspondent).get(DESK_URL)

    assert section(desk, "我的草稿") == [mine]
    assert section(desk, "退回给我的") == [returned]
    assert section(desk, "定时发布") == [scheduled]
    assert "被退回的稿" in desk.text


def test_logins_and_failed_logins_are_logged(staff, client):
    client.post(reverse("admin:login"), {"username": "zongbian", "password": "wrong"})
    client.post(reverse("admin:login"), {"username": "zongbian", "password": PASSWORD})

    entries = list(AuditEntry.objects.filter(action__in=["login", "login_failed"]).order_by("pk"))
    assert [(e.action, e.username) for e in entries] == [("login_failed", "zongbian"), ("login", "zongbian")]
    assert entries[0].ip == "127.0.0.1" and "wrong" not in str(entries[0].data)


def test_changing_a_users_roles_in_the_admin_is_logged_with_who_did_it(staff, client_for):
    # Only a superuser may grant 总编 (a role holds rights the administrator lacks).
    superuser = User.objects.create_superuser("admin", password=PASSWORD)
    reporter = staff.reporter
    chief = Group.objects.get(name=roles.CHIEF)
    data = {
        "username": reporter.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "groups": [*reporter.groups.values_list("pk", flat=True), chief.pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2025-06-12",
        "date_joined_1": "12:00:00",
    }

    response = client_for(superuser).post(reverse("admin:auth_user_change", args=[reporter.pk]), data)

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="permissions")
    assert entry.object_repr == "jizhe" and entry.actor == superuser
    assert entry.data == {"added": [f"角色：{roles.CHIEF}"], "removed": []}


def test_changing_a_groups_permissions_in_the_admin_is_logged(staff, client_for):
    group = Group.objects.get(name=roles.ADMINISTRATOR)
    kept = list(group.permissions.values_list("pk", flat=True))
    data = {"name": group.name, "permissions": kept[1:]}

    response = client_for(staff.administrator).post(reverse("admin:auth_group_change", args=[group.pk]), data)

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="permissions")
    assert entry.actor == staff.administrator and len(entry.data["removed"]) == 1 and entry.data["added"] == []


def test_only_the_administrator_reads_the_audit_log(staff, client_for):
    url = reverse("admin:accounts_auditentry_changelist")

    assert client_for(staff.administrator).get(url).status_code == 200
    assert client_for(staff.chief).get(url).status_code == 403
    assert client_for(staff.administrator).post(reverse("admin:accounts_auditentry_add")).status_code == 403


def test_the_administrator_manages_users_but_not_stories(staff, client_for, huzhou):
    article = make_article(unions=[huzhou])
    admin = client_for(staff.administrator)

    assert admin.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert admin.post(
        reverse("admin:articles_article_transition", args=[article.pk, "withdraw"]), {"comment": "x"}
    ).status_code in (403, 404)


def log_in(client, user):
    return client.post(
        reverse("admin:login") + "?next=/admin/", {"username": user.username, "password": PASSWORD}, follow=True
    )


def test_writers_and_reviewers_land_on_the_desk_after_logging_in(staff, client):
    for user in [staff.correspondent, staff.section_editor, staff.chief]:
        client.logout()
        response = log_in(client, user)
        assert response.redirect_chain[-1][0] == DESK_URL, user.username
        assert "<h1>编辑台</h1>" in response.text

    index = client.get(reverse("admin:index"), {"all": "1"})
    assert index.status_code == 200 and "稿件与组织管理" in index.text  # the whole admin is a click away


def test_the_superuser_and_the_administrator_keep_the_admin_index(staff, client):
    superuser = User.objects.create_superuser("admin", password=PASSWORD)

    response = log_in(client, superuser)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert f'href="{DESK_URL}"' in response.text  # 编辑台 in the user tools

    client.logout()
    response = log_in(client, staff.administrator)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert f'href="{DESK_URL}"' not in response.text  # no stories for the 管理员


def test_the_desk_shows_when_each_story_was_sent_returned_or_scheduled_not_when_it_was_last_saved(
    staff, client_for, huzhou
):
    correspondent, editor, deputy = (
        client_for(user) for user in [staff.correspondent, staff.section_editor, staff.deputy]
    )
    waiting = make_draft(headline="待初审稿", unions=[huzhou], created_by=staff.correspondent)
    returned = make_draft(headline="被退回的稿", unions=[huzhou], created_by=staff.correspondent)
    with time_machine.travel(NOON - timedelta(hours=3), tick=False):
        for article in [waiting, returned]:
            transition(correspondent, article, "submit")
    with time_machine.travel(NOON - timedelta(hours=2), tick=False):
        transition(editor, returned, "approve")
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        transition(deputy, returned, "return", comment="请补充数据")
    with time_machine.travel(NOON - timedelta(minutes=30), tick=False):
        Article.objects.filter(pk=waiting.pk).update(updated_at=timezone.now())  # saved again since, e.g. by an import
    scheduled = make_article(headline="定时稿", unions=[huzhou], published_at=NOON + timedelta(days=1))

    with time_machine.travel(NOON, tick=False):
        editor_desk = editor.get(DESK_URL)
        writer_desk = correspondent.get(DESK_URL)

    assert row(editor_desk, waiting) == ["待初审稿", "待初审", "姚晴（本报）", "2025-06-12 09:00"]
    assert "送审时间" in editor_desk.text and "等我初审 <strong>1</strong>" in editor_desk.text
    assert row(writer_desk, returned) == ["被退回的稿退回意见：请补充数据", "草稿", "姚晴（本报）", "2025-06-12 11:00"]
    assert "退回时间" in writer_desk.text and "退回给我的 <strong>1</strong>" in writer_desk.text
    assert row(writer_desk, scheduled)[1:] == ["定时发布：2025-06-13 12:00（还有 1\xa0日）", "", "2025-06-13 12:00"]


def test_the_desk_reads_the_same_number_of_queries_however_many_stories_were_returned(staff, client_for, huzhou):
    deputy, correspondent = client_for(staff.deputy), client_for(staff.correspondent)

    def return_one(number):
        article = make_draft(
            headline=f"退回稿{number}", unions=[huzhou], created_by=staff.correspondent, status=Status.SECOND_REVIEW
        )
        transition(deputy, article, "return", comment="请补充数据")

    return_one(0)
    with CaptureQueriesContext(connection) as one:
        correspondent.get(DESK_URL)
    for number in range(1, 6):
        return_one(number)
    with CaptureQueriesContext(connection) as six:
        response = correspondent.get(DESK_URL)

    assert len(section(response, "退回给我的")) == 6
    assert len(six) == len(one)


def transition(client, article, name, **data):
    response = client.post(reverse("admin:articles_article_transition", args=[article.pk, name]), data)
    assert response.status_code == 302, response.text[:500]


def row(response, article):
    """The cells of `article`'s row on the desk, as text."""
    html = response.text
    start = html.index(f'href="{reverse("admin:articles_article_change", args=[article.pk])}"')
    cells = html[html.rindex("<tr>", 0, start) : html.index("</tr>", start)]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.DOTALL)]
