from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: what unionnews/accounts/roles.py added for 数字报: whoever may import a print
# page's text may upload its PDF and correct its story areas.
DESK = [
    *(f"{verb}_{model}" for model in ["pagefile", "storyarea"] for verb in ["view", "add", "change", "delete"]),
    "view_editionfile",
]
ADDED = {"编辑": DESK, "副总编": DESK, "总编": DESK}


def add_permissions(apps, schema_editor):
    epaper = apps.get_app_config("epaper")
    epaper.models_module = True
    create_permissions(epaper, verbosity=0, apps=apps)
    epaper.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="epaper", codename__in=codenames))


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="epaper", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("epaper", "0001_initial"), ("articles", "0025_roles_for_brands")]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
