from django.db import migrations, models


class Migration(migrations.Migration):
    """Events, the search index, the editorial checks and the audit log now live in apps of
    their own (events, search, editorial, accounts); only the migration state moves."""

    dependencies = [
        ('articles', '0013_audit_log_append_only'),
        ('events', '0001_models_from_articles'),
        ('search', '0001_models_from_articles'),
        ('editorial', '0001_models_from_articles'),
        ('accounts', '0002_audit_log_from_articles'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='acknowledgement',
                    name='acknowledged_by',
                ),
                migrations.RemoveField(
                    model_name='acknowledgement',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='auditentry',
                    name='actor',
                ),
                migrations.RemoveField(
                    model_name='award',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='award',
                    name='union',
                ),
                migrations.RemoveField(
                    model_name='caption',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='event',
                    name='unions',
                ),
                migrations.RemoveField(
                    model_name='eventunion',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='standing',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='eventunion',
                    name='union',
                ),
                migrations.RemoveField(
                    model_name='finding',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='printimport',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='printimport',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='searchdocument',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='standing',
                    name='union',
                ),
                migrations.DeleteModel(
                    name='Term',
                ),
                migrations.AlterField(
                    model_name='article',
                    name='events',
                    field=models.ManyToManyField(blank=True, related_name='articles', to='events.event', verbose_name='相关活动'),
                ),
                migrations.DeleteModel(
                    name='Acknowledgement',
                ),
                migrations.DeleteModel(
                    name='AuditEntry',
                ),
                migrations.DeleteModel(
                    name='Award',
                ),
                migrations.DeleteModel(
                    name='Caption',
                ),
                migrations.DeleteModel(
                    name='Event',
                ),
                migrations.DeleteModel(
                    name='EventUnion',
                ),
                migrations.DeleteModel(
                    name='Finding',
                ),
                migrations.DeleteModel(
                    name='PrintImport',
                ),
                migrations.DeleteModel(
                    name='SearchDocument',
                ),
                migrations.DeleteModel(
                    name='Standing',
                ),
            ],
            database_operations=[],
        ),
    ]
