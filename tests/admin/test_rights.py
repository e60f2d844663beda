"""Granting rights in the user and group admin: nobody hands out what they do not hold,
and nobody takes over an account that holds more than they do."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from tests.admin import postdata
from tests.builders import PASSWORD, make_staff
from unionnews.accounts import roles
from unionnews.accounts.models import AuditEntry

REFUSED_ROLE = "只能授予你自己拥有的角色和权限"
REFUSED_PERMISSION = "只能把你自己拥有的权限放进角色"
NEW_PASSWORD = "zhejiang-2025-news"


def user_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


def group_url(group):
    return reverse("admin:auth_group_change", args=[group.pk])


def role(name):
    return Group.objects.get(name=name)


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def new_password(password=NEW_PASSWORD):
    return {"password1": password, "password2": password, "usable_password": "true"}


@pytest.fixture
def newcomer(db):
    """A fresh staff account with no role yet, the one the administrator sets up."""
    return make_staff("xinren")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", password=PASSWORD)


def test_an_administrator_cannot_make_themselves_superuser(staff, client_for):
    administrator = staff.administrator
    client = client_for(administrator)

    form = client.get(user_url(administrator))
    response = client.post(user_url(administrator), postdata.account(administrator, is_superuser="on"))

    assert form.status_code == 200 and 'name="is_superuser"' not in form.text
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert not administrator.is_superuser
    assert not AuditEntry.objects.filter(action="permissions").exists()


def test_an_administrator_cannot_make_another_account_superuser(staff, client_for, newcomer):
    response = client_for(staff.administrator).post(user_url(newcomer), postdata.account(newcomer, is_superuser="on"))

    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert not newcomer.is_superuser


def test_an_administrator_is_offered_only_the_roles_they_hold_every_permission_of(staff, client_for, newcomer):
    form = client_for(staff.administrator).get(user_url(newcomer))

    offered = form.context["adminform"].form.fields["groups"].queryset
    assert [group.name for group in offered] == [roles.ADMINISTRATOR]


def test_an_administrator_cannot_give_themselves_the_chiefs_role(staff, client_for):
    administrator = staff.administrator
    groups = [role(roles.ADMINISTRATOR).pk, role(roles.CHIEF).pk]

    response = client_for(administrator).post(
        user_url(administrator), postdata.account(administrator, groups=groups, first_name="改名")
    )

    assert response.status_code == 200
    assert REFUSED_ROLE in response.text
    administrator.refresh_from_db()
    assert list(administrator.groups.values_list("name", flat=True)) == [roles.ADMINISTRATOR]
    assert administrator.first_name == ""


def test_an_administrator_grants_their_own_role_to_others_but_not_the_chiefs(staff, client_for, newcomer):
    client = client_for(staff.administrator)

    refused = client.post(user_url(newcomer), postdata.account(newcomer, groups=[role(roles.CHIEF).pk]))
    granted = client.post(user_url(newcomer), postdata.account(newcomer, groups=[role(roles.ADMINISTRATOR).pk]))

    assert refused.status_code == 200 and REFUSED_ROLE in refused.text
    assert granted.status_code == 302
    assert list(newcomer.groups.values_list("name", flat=True)) == [roles.ADMINISTRATOR]
    entry = AuditEntry.objects.get(action="permissions")
    assert entry.actor == staff.administrator
    assert entry.data == {"added": [f"角色：{roles.ADMINISTRATOR}"], "removed": []}


def test_an_administrator_cannot_grant_a_permission_they_lack(staff, client_for, newcomer):
    data = postdata.account(newcomer, user_permissions=[permission("articles.final_review_article").pk])

    response = client_for(staff.administrator).post(user_url(newcomer), data)

    assert response.status_code == 200
    assert REFUSED_ROLE in response.text
    assert not newcomer.user_permissions.exists()


def test_an_administrator_sets_the_password_of_a_newcomer_but_not_of_the_chief(staff, client_for, newcomer):
    client = client_for(staff.administrator)

    assert client.post(password_url(newcomer), new_password()).status_code == 302
    assert client.post(password_url(staff.chief), new_password()).status_code == 403

    newcomer.refresh_from_db()
    staff.chief.refresh_from_db()
    assert newcomer.check_password(NEW_PASSWORD)
    assert staff.chief.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("whose", "note"),
    [
        ("chief", "这个账号拥有你没有的权限，你只能查看"),
        ("superuser", "这是超级用户的账号，只有超级用户能修改它"),
    ],
)
def test_an_account_holding_more_than_the_administrator_is_view_only_for_them(
    staff, client_for, superuser, whose, note
):
    target = staff.chief if whose == "chief" else superuser
    client = client_for(staff.administrator)
    # Strip every right the account holds and give it a new name and password.
    data = postdata.account(target, groups=[], is_superuser=None, username="duoquan")

    page = client.get(user_url(target))
    saved = client.post(user_url(target), data)
    password_page = client.get(password_url(target))
    password_set = client.post(password_url(target), new_password())
    deleted = client.post(reverse("admin:auth_user_delete", args=[target.pk]), {"post": "yes"})

    assert page.status_code == 200 and note in page.text
    assert 'name="_save"' not in page.text and 'href="../password/"' not in page.text
    assert (saved.status_code, password_page.status_code, password_set.status_code) == (403, 403, 403)
    assert deleted.status_code == 403
    target.refresh_from_db()
    assert target.username in ("zongbian", "admin")
    assert target.check_password(PASSWORD) and not target.check_password(NEW_PASSWORD)
    assert target.is_superuser == (whose == "superuser")
    assert target.groups.filter(name=roles.CHIEF).exists() == (whose == "chief")


def test_what_the_administrator_is_refused_a_superuser_may_do(staff, client_for, superuser, newcomer):
    grant = postdata.account(
        newcomer,
        is_superuser="on",
        groups=[role(roles.CHIEF).pk],
        user_permissions=[permission("articles.final_review_article").pk],
    )
    demote = postdata.account(staff.chief, groups=[role(roles.REPORTER).pk])
    chief_role = {"name": roles.CHIEF, "permissions": [permission("auth.view_user").pk]}

    def attempt(user):
        client = client_for(user)
        return [
            client.post(user_url(newcomer), grant).status_code,
            client.post(user_url(staff.chief), demote).status_code,
            client.post(password_url(staff.chief), new_password()).status_code,
            client.post(group_url(role(roles.CHIEF)), chief_role).status_code,
        ]

    assert attempt(staff.administrator) == [200, 403, 403, 403]
    assert attempt(superuser) == [302, 302, 302, 302]

    newcomer.refresh_from_db()
    staff.chief.refresh_from_db()
    assert newcomer.is_superuser and newcomer.groups.filter(name=roles.CHIEF).exists()
    assert newcomer.user_permissions.filter(codename="final_review_article").exists()
    assert list(staff.chief.groups.values_list("name", flat=True)) == [roles.REPORTER]
    assert staff.chief.check_password(NEW_PASSWORD)
    assert list(role(roles.CHIEF).permissions.all()) == [permission("auth.view_user")]
    audited = AuditEntry.objects.filter(action="permissions")
    assert {(entry.actor, entry.object_repr) for entry in audited} == {
        (superuser, "xinren"),
        (superuser, "zongbian"),
        (superuser, roles.CHIEF),
    }


def test_an_administrator_adds_a_group_only_with_permissions_they_hold(staff, client_for):
    client = client_for(staff.administrator)
    add_url = reverse("admin:auth_group_add")
    view_users = permission("auth.view_user").pk

    refused = client.post(
        add_url, {"name": "签发组", "permissions": [view_users, permission("articles.final_review_article").pk]}
    )
    added = client.post(add_url, {"name": "用户查看", "permissions": [view_users]})

    assert refused.status_code == 200 and REFUSED_PERMISSION in refused.text
    assert not Group.objects.filter(name="签发组").exists()
    assert added.status_code == 302
    assert list(Group.objects.get(name="用户查看").permissions.all()) == [permission("auth.view_user")]


def test_a_group_holding_more_than_the_administrator_is_view_only_for_them(staff, client_for):
    chief = role(roles.CHIEF)
    before = set(chief.permissions.values_list("pk", flat=True))
    client = client_for(staff.administrator)

    page = client.get(group_url(chief))
    saved = client.post(group_url(chief), {"name": "改名", "permissions": [permission("auth.view_user").pk]})
    deleted = client.post(reverse("admin:auth_group_delete", args=[chief.pk]), {"post": "yes"})

    assert page.status_code == 200 and "这个角色含有你没有的权限" in page.text
    assert (saved.status_code, deleted.status_code) == (403, 403)
    chief.refresh_from_db()
    assert chief.name == roles.CHIEF and set(chief.permissions.values_list("pk", flat=True)) == before


def test_the_administrator_manages_every_byline_while_a_correspondent_sees_their_cities(staff, client_for, jiaxing):
    from tests.builders import make_contributor

    make_contributor("嘉兴通讯员甲", union=jiaxing)
    url = reverse("admin:articles_contributor_changelist")

    assert "嘉兴通讯员甲" in client_for(staff.administrator).get(url).text
    assert "嘉兴通讯员甲" not in client_for(staff.correspondent).get(url).text
