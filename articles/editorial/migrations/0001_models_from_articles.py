import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from unionnews.db.moves import move_content_types


class Migration(migrations.Migration):
    """Term, Finding, Acknowledgement, PrintImport and Caption, moved here from articles; their tables keep their names."""

    dependencies = [
        ('articles', '0013_audit_log_append_only'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Term',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('term', models.CharField(error_messages={'unique': '词表里已有这个词语。'}, max_length=50, unique=True, verbose_name='词语')),
                        ('preferred', models.CharField(blank=True, help_text='稿件中应使用的说法；禁用词可留空。', max_length=100, verbose_name='规范说法')),
                        ('kind', models.CharField(choices=[('forbidden', '禁用词'), ('outdated', '过时说法'), ('standard', '不规范表述')], default='standard', max_length=20, verbose_name='类别')),
                        ('note', models.TextField(blank=True, verbose_name='说明')),
                    ],
                    options={
                        'verbose_name': '规范用语',
                        'verbose_name_plural': '规范用语（编辑检查词表）',
                        'db_table': 'articles_term',
                        'ordering': ['term'],
                    },
                ),
                migrations.CreateModel(
                    name='Caption',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.CharField(max_length=300, verbose_name='图片说明')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='顺序')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='captions', to='articles.article')),
                    ],
                    options={
                        'verbose_name': '待配图说明',
                        'verbose_name_plural': '待配图说明（版面导入的图片说明，尚无图片）',
                        'db_table': 'articles_caption',
                        'ordering': ['position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Finding',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(choices=[('duplicate-text', '重复文字'), ('segment-union-mismatch', '分段与工会不符'), ('broken-break', '断行未接合'), ('halfwidth-punctuation', '半角标点'), ('unbalanced-pair', '引号括号不配对'), ('term', '规范用语'), ('missing-byline', '缺少署名')], max_length=30, verbose_name='类别')),
                        ('message', models.CharField(max_length=300, verbose_name='说明')),
                        ('excerpt', models.TextField(blank=True, verbose_name='原文')),
                        ('segment', models.CharField(blank=True, max_length=100, verbose_name='所在分段')),
                        ('fingerprint', models.CharField(editable=False, max_length=40)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='articles.article')),
                    ],
                    options={
                        'verbose_name': '编辑检查提示',
                        'verbose_name_plural': '编辑检查提示',
                        'db_table': 'articles_finding',
                        'ordering': ['position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Acknowledgement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('fingerprint', models.CharField(max_length=40)),
                        ('code', models.CharField(choices=[('duplicate-text', '重复文字'), ('segment-union-mismatch', '分段与工会不符'), ('broken-break', '断行未接合'), ('halfwidth-punctuation', '半角标点'), ('unbalanced-pair', '引号括号不配对'), ('term', '规范用语'), ('missing-byline', '缺少署名')], max_length=30, verbose_name='类别')),
                        ('excerpt', models.TextField(blank=True, verbose_name='原文')),
                        ('acknowledged_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='确认时间')),
                        ('acknowledged_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='确认人')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='acknowledgements', to='articles.article')),
                    ],
                    options={
                        'verbose_name': '检查提示确认',
                        'verbose_name_plural': '检查提示确认',
                        'db_table': 'articles_acknowledgement',
                        'ordering': ['acknowledged_at', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('article', 'fingerprint'), name='one_acknowledgement_per_finding')],
                    },
                ),
                migrations.CreateModel(
                    name='PrintImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('headline', models.CharField(max_length=200, verbose_name='主题')),
                        ('continued_from', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='上接版次')),
                        ('data', models.JSONField(verbose_name='解析结果')),
                        ('fingerprint', models.CharField(max_length=64)),
                        ('imported_at', models.DateTimeField(auto_now=True, verbose_name='导入时间')),
                        ('article_version', models.PositiveIntegerField(default=0, verbose_name='导入后版本')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='print_imports', to='articles.article')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='imports', to='articles.printpage')),
                    ],
                    options={
                        'verbose_name': '版面导入记录',
                        'verbose_name_plural': '版面导入记录',
                        'db_table': 'articles_printimport',
                        'ordering': ['page__number', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('article', 'page'), name='one_import_per_article_page')],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types("articles", "editorial", ['term', 'finding', 'acknowledgement', 'printimport', 'caption']),
    ]
