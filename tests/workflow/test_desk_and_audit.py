"""The desk page, and the audit log the administrator reads."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Article
from tests.builders import PASSWORD, make_article, make_draft
from unionnews.accounts import roles
from unionnews.accounts.models import AuditEntry

Status = Article.Status
DESK_URL = reverse("admin:articles_article_desk")


def section(response, title):
    return next(stories for name, stories in response.context["sections"] if name == title)


def test_the_desk_shows_what_waits_for_each_role(staff, client_for, huzhou):
    first = make_draft(headline="待初审稿", unions=[huzhou], status=Status.FIRST_REVIEW)
    second = make_draft(headline="待复审稿", unions=[huzhou], status=Status.SECOND_REVIEW)

    editor_desk = client_for(staff.section_editor).get(DESK_URL)
    deputy_desk = client_for(staff.deputy).get(DESK_URL)

    assert editor_desk.status_code == 200
    assert section(editor_desk, "等我初审") == [first]
    assert section(deputy_desk, "等我复审") == [second]
    assert "等我初审" not in [name for name, _ in deputy_desk.context["sections"]]


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
