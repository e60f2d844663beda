from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: what unionnews/accounts/roles.py added with the unions' brands (工作品牌),
# kept beside each union by whoever keeps the unions.
ADDED = {"管理员": ["view_brand", "add_brand", "change_brand", "delete_brand"]}


def add_permissions(apps, schema_editor):
    unions = apps.get_app_config("unions")
    unions.models_module = True
    create_permissions(unions, verbosity=0, apps=apps)
    unions.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="unions", codename__in=codenames))


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ADDED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="unions", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_article_short_headline"), ("unions", "0003_brand")]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
