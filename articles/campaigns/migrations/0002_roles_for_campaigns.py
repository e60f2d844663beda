from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: what unionnews/accounts/roles.py added for 专题: the desk's editors build campaigns.
DESK = [
    f"{verb}_{model}" for model in ["campaign", "lead", "section", "link"] for verb in ["view", "add", "change", "delete"]
]
ADDED = {"编辑": DESK, "副总编": DESK, "总编": DESK}


def add_permissions(apps, schema_editor):
    campaigns = apps.get_app_config("campaigns")
    campaigns.models_module = True
    create_permissions(campaigns, verbosity=0, apps=apps)
    campaigns.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames)
            )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial"), ("epaper", "0002_roles_for_epaper")]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
