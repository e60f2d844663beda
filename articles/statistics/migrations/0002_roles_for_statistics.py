from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: what unionnews/accounts/roles.py added for 稿件考核: the desk's editors see everybody's
# figures (view); the 总编 keeps the scoring table. Correspondents and reporters see their own.
VIEW = ["view_scoringrule"]
KEEP = [f"{verb}_scoringrule" for verb in ["view", "add", "change", "delete"]]
ADDED = {"编辑": VIEW, "副总编": VIEW, "总编": KEEP}


def add_permissions(apps, schema_editor):
    statistics = apps.get_app_config("statistics")
    statistics.models_module = True
    create_permissions(statistics, verbosity=0, apps=apps)
    statistics.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="statistics", codename__in=codenames)
            )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="statistics", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial"), ("articles", "0025_roles_for_brands")]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
