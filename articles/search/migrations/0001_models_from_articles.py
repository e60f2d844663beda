import articles.search.lookups
import django.db.models.deletion
from django.db import migrations, models

from unionnews.db.moves import move_content_types


class Migration(migrations.Migration):
    """SearchDocument, moved here from articles; its table and indexes keep their names."""

    dependencies = [
        ('articles', '0013_audit_log_append_only'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SearchDocument',
                    fields=[
                        ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='articles.article')),
                        ('title_text', models.TextField(blank=True)),
                        ('body_text', models.TextField(blank=True)),
                        ('tokens', articles.search.lookups.TokensField(blank=True)),
                        ('title_tokens', articles.search.lookups.TokensField(blank=True, default='')),
                        ('status', models.CharField(max_length=20)),
                        ('published_at', models.DateTimeField(null=True)),
                    ],
                    options={
                        'verbose_name': '检索文本',
                        'verbose_name_plural': '检索文本',
                        'db_table': 'articles_searchdocument',
                        'indexes': [models.Index(fields=['status', '-published_at'], name='searchdoc_status_published')],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types("articles", "search", ['searchdocument']),
    ]
