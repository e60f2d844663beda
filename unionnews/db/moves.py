"""Moving a model to another app without touching its table.

The model's migration state moves with SeparateDatabaseAndState; its content type is
renamed here, so the permissions that point at it (and the groups holding them) and
the admin's log entries follow it to the new app label.
"""

from django.db import migrations


def move_content_types(old_label, new_label, models):
    """A reversible RunPython renaming the content types of `models` from one app label to another."""

    def forward(apps, schema_editor):
        _rename(apps, schema_editor.connection.alias, old_label, new_label, models)

    def backward(apps, schema_editor):
        _rename(apps, schema_editor.connection.alias, new_label, old_label, models)

    return migrations.RunPython(forward, backward, elidable=False)


def _rename(apps, alias, old_label, new_label, models):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        old = ContentType.objects.using(alias).filter(app_label=old_label, model=model).first()
        if old is None:
            continue  # a database made after the move: post_migrate creates the new one
        # A type made for the new label before this ran (e.g. by a stray post_migrate) holds no
        # group's rights yet: the old one, which does, takes its place.
        ContentType.objects.using(alias).filter(app_label=new_label, model=model).delete()
        old.app_label = new_label
        old.save(update_fields=["app_label"])
