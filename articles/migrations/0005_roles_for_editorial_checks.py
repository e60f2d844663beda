from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITE = ["view_caption", "add_caption", "change_caption", "delete_caption", "view_finding", "view_acknowledgement"]
DESK = ["view_term", "add_term", "change_term", "delete_term", "view_printimport"]
ADDED = {
    "通讯员": WRITE,
    "记者": WRITE,
    "编辑": WRITE + DESK,
    "副总编": WRITE + DESK,
    "总编": WRITE + DESK,
}


def add_permissions(apps, schema_editor):
    articles = apps.get_app_config("articles")
    articles.models_module = True
    create_permissions(articles, verbosity=0, apps=apps)
    articles.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
            )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_print_import_and_editorial_checks")]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
