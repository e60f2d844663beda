import django.db.models.deletion
from django.db import migrations, models

from unionnews.db.moves import move_content_types


class Migration(migrations.Migration):
    """Event, EventUnion, Standing and Award, moved here from articles; their tables keep their names."""

    dependencies = [
        ('articles', '0013_audit_log_append_only'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('unions', '0002_zhejiang_unions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Event',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='名称')),
                        ('slug', models.SlugField(allow_unicode=True, error_messages={'unique': '已有活动使用这个网址标识，请换一个。'}, help_text='网址中使用，例如 huzhou-gongba-2024；发布后请勿修改。', max_length=100, unique=True, verbose_name='网址标识')),
                        ('kind', models.CharField(choices=[('meeting', '会议'), ('competition', '竞赛'), ('training', '培训'), ('campaign', '主题活动')], default='meeting', max_length=20, verbose_name='类型')),
                        ('starts_at', models.DateTimeField(verbose_name='开始时间')),
                        ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='结束时间')),
                        ('place', models.CharField(blank=True, max_length=100, verbose_name='地点')),
                        ('description', models.TextField(blank=True, verbose_name='介绍')),
                        ('status', models.CharField(choices=[('draft', '草稿'), ('published', '已发布')], default='draft', max_length=20, verbose_name='状态')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='修改时间')),
                    ],
                    options={
                        'verbose_name': '活动',
                        'verbose_name_plural': '活动与赛事',
                        'db_table': 'articles_event',
                        'ordering': ['-starts_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Award',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=50, verbose_name='奖项')),
                        ('kind', models.CharField(choices=[('individual', '个人奖'), ('team', '团体奖')], default='team', max_length=20, verbose_name='类别')),
                        ('recipient', models.CharField(help_text='个人姓名或队伍、单位名称', max_length=100, verbose_name='获奖者')),
                        ('organisation', models.CharField(blank=True, max_length=100, verbose_name='所属单位')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='顺序')),
                        ('union', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='awards', to='unions.union', verbose_name='相关工会')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='awards', to='events.event')),
                    ],
                    options={
                        'verbose_name': '奖项',
                        'verbose_name_plural': '奖项',
                        'db_table': 'articles_award',
                        'ordering': ['position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='EventUnion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('organiser', '主办'), ('host', '承办'), ('supporter', '协办')], default='organiser', max_length=20, verbose_name='角色')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='event_unions', to='events.event')),
                        ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='event_links', to='unions.union', verbose_name='工会组织')),
                    ],
                    options={
                        'verbose_name': '主办/承办单位',
                        'verbose_name_plural': '主办/承办单位',
                        'db_table': 'articles_eventunion',
                        'ordering': ['role', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='event',
                    name='unions',
                    field=models.ManyToManyField(related_name='events', through='events.EventUnion', to='unions.union', verbose_name='主办/承办单位'),
                ),
                migrations.CreateModel(
                    name='Standing',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rank', models.PositiveSmallIntegerField(verbose_name='名次')),
                        ('team', models.CharField(max_length=100, verbose_name='队伍')),
                        ('organisation', models.CharField(blank=True, help_text='例如：长兴天顺物流有限公司', max_length=100, verbose_name='所属单位')),
                        ('note', models.CharField(blank=True, help_text='例如：冠军、加时赛胜出', max_length=100, verbose_name='备注')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='standings', to='events.event')),
                        ('union', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='standings', to='unions.union', verbose_name='代表工会')),
                    ],
                    options={
                        'verbose_name': '名次',
                        'verbose_name_plural': '比赛名次',
                        'db_table': 'articles_standing',
                        'ordering': ['rank', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='eventunion',
                    constraint=models.UniqueConstraint(fields=('event', 'union', 'role'), name='one_role_per_event_union', violation_error_message='这个单位已经以该角色列出。'),
                ),
                migrations.AddConstraint(
                    model_name='event',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('ends_at__gte', models.F('starts_at')), _connector='OR'), name='event_ends_after_it_starts', violation_error_message='结束时间不能早于开始时间。'),
                ),
                migrations.AddConstraint(
                    model_name='standing',
                    constraint=models.UniqueConstraint(fields=('event', 'team'), name='one_standing_per_team', violation_error_message='这支队伍已经在名次表中。'),
                ),
                migrations.AddConstraint(
                    model_name='standing',
                    constraint=models.CheckConstraint(condition=models.Q(('rank__gte', 1)), name='standing_rank_positive', violation_error_message='名次从1开始。'),
                ),
            ],
            database_operations=[],
        ),
        move_content_types("articles", "events", ['event', 'eventunion', 'standing', 'award']),
    ]
