from django.db import migrations, models


def from_audit_log(apps, schema_editor):
    """A RemovedStory for every story the audit log saw deleted whose row is gone.

    Those are the stories purged from the trash, and the stories deleted before there
    was a trash, whose entries have no was_live: readers had seen them all, as the
    article page assumed until now. Rows that still exist decide by themselves.
    """
    db = schema_editor.connection.alias
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    Article = apps.get_model("articles", "Article")
    RemovedStory = apps.get_model("articles", "RemovedStory")
    stories = {}
    entries = AuditEntry.objects.using(db).filter(action__in=["delete", "purge"]).order_by("at", "pk")
    for object_id, object_repr, at, data in entries.values_list("object_id", "object_repr", "at", "data").iterator():
        if not object_id.isdigit():
            continue
        data = data if isinstance(data, dict) else {}
        story = stories.setdefault(int(object_id), RemovedStory(pk=int(object_id)))
        story.was_live = story.was_live or bool(data.get("was_live", True))
        story.headline = (data.get("headline") or object_repr)[:200]
        story.removed_at = at  # the last entry: the purge, if there was one
    ids = list(stories)
    for start in range(0, len(ids), 500):
        for pk in Article.objects.using(db).filter(pk__in=ids[start : start + 500]).values_list("pk", flat=True):
            del stories[pk]
    RemovedStory.objects.using(db).bulk_create(stories.values(), batch_size=500)


class Migration(migrations.Migration):
    """Stories deleted for good leave a RemovedStory, which the article page reads instead
    of searching the audit log; filled from the audit log's delete and purge entries."""

    dependencies = [
        ("articles", "0018_rendition_sizes"),
        ("accounts", "0002_audit_log_from_articles"),
    ]

    operations = [
        migrations.CreateModel(
            name="RemovedStory",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False, verbose_name="稿件编号")),
                ("headline", models.CharField(blank=True, max_length=200, verbose_name="主题")),
                ("was_live", models.BooleanField(default=False, verbose_name="读者曾看到")),
                ("removed_at", models.DateTimeField(verbose_name="彻底删除时间")),
            ],
            options={
                "verbose_name": "已彻底删除的稿件",
                "verbose_name_plural": "已彻底删除的稿件",
            },
        ),
        migrations.RunPython(from_audit_log, migrations.RunPython.noop),
    ]
