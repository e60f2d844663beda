from django.contrib.auth.models import Group

from unionnews.accounts.roles import ROLES


def test_migrated_groups_hold_exactly_the_permissions_roles_lists(db):
    """unionnews/accounts/roles.py is the truth; each change to it needs a migration."""
    for name, codes in ROLES.items():
        permissions = Group.objects.get(name=name).permissions.select_related("content_type")
        held = {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
        assert held == set(codes), name
