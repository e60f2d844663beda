import django.db.models.deletion
from django.db import migrations, models


def rename_permissions(old, new):
    def rename(apps, schema_editor):
        alias = schema_editor.connection.alias
        # `migrate` renames the content type itself (contenttypes' RenameContentType);
        # a migration run by other means (the tests' executor) does not.
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.using(alias).filter(app_label="articles", model=new).exists():
            ContentType.objects.using(alias).filter(app_label="articles", model=old).update(model=new)
        Permission = apps.get_model("auth", "Permission")
        for verb in ["add", "change", "delete", "view"]:
            Permission.objects.using(alias).filter(
                content_type__app_label="articles", codename=f"{verb}_{old}"
            ).update(codename=f"{verb}_{new}")

    return rename


class Migration(migrations.Migration):
    """ArticleEvent, a line of a story's timeline, becomes TimelineEntry (article.timeline), so
    a search for "event" finds meetings and competitions only. Groups keep their rights: the
    content type follows the rename (Django does that), the permissions' codenames here."""

    dependencies = [
        ("articles", "0014_models_moved_to_their_apps"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel("ArticleEvent", "TimelineEntry"),
        migrations.AlterField(
            model_name="timelineentry",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="timeline", to="articles.article"
            ),
        ),
        migrations.RunPython(
            rename_permissions("articleevent", "timelineentry"), rename_permissions("timelineentry", "articleevent")
        ),
    ]
