from django.db import migrations, models

ROLE_ORDER = models.Case(
    models.When(role="subject", then=models.Value(0)),
    models.When(role="organiser", then=models.Value(1)),
    models.When(role="mentioned", then=models.Value(2)),
)


def fill_plain_role_order(apps, schema_editor):
    """Going back: the plain column comes back empty, so compute it once."""
    ArticleUnion = apps.get_model("articles", "ArticleUnion")
    ArticleUnion.objects.using(schema_editor.connection.alias).update(role_order=ROLE_ORDER)


class Migration(migrations.Migration):
    """ArticleUnion.role_order is computed by the database from role, not by save().

    A plain column cannot be altered into a generated one, so it is dropped and added
    again; the database fills the new column from role for every existing row.
    """

    dependencies = [
        ("articles", "0015_timeline_entries"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, fill_plain_role_order),
        migrations.RemoveField(model_name="articleunion", name="role_order"),
        migrations.AddField(
            model_name="articleunion",
            name="role_order",
            field=models.GeneratedField(
                db_persist=True, expression=ROLE_ORDER, output_field=models.PositiveSmallIntegerField()
            ),
        ),
    ]
