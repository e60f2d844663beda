import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from unionnews.db.moves import move_content_types


class Migration(migrations.Migration):
    """AuditEntry, moved here from articles; its table (and on PostgreSQL its append-only trigger) keeps its name."""

    dependencies = [
        ('accounts', '0001_password_age_and_login_failures'),
        ('articles', '0013_audit_log_append_only'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='时间')),
                        ('username', models.CharField(blank=True, max_length=150, verbose_name='用户名')),
                        ('action', models.CharField(choices=[('login', '登录'), ('login_failed', '登录失败'), ('logout', '退出'), ('publish', '签发'), ('unpublish', '取消签发'), ('withdraw', '撤稿'), ('delete', '删除稿件'), ('restore', '恢复稿件'), ('purge', '彻底删除稿件'), ('edit_live', '修改已发布稿件'), ('import', '导入版面'), ('permissions', '权限变更'), ('locked_out', '登录被锁定'), ('unlock', '解除登录锁定'), ('password_change', '修改密码'), ('session_expired', '超时自动退出'), ('otp_enrol', '启用两步验证'), ('otp_reset', '重置两步验证'), ('otp_failed', '验证码错误'), ('recovery_codes', '生成恢复码'), ('archive', '归档审计日志')], max_length=20, verbose_name='操作')),
                        ('object_id', models.CharField(blank=True, max_length=50, verbose_name='对象编号')),
                        ('object_repr', models.CharField(blank=True, max_length=300, verbose_name='对象')),
                        ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP 地址')),
                        ('data', models.JSONField(blank=True, default=dict, verbose_name='详情')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
                    ],
                    options={
                        'verbose_name': '审计日志',
                        'verbose_name_plural': '审计日志',
                        'db_table': 'articles_auditentry',
                        'ordering': ['-at', '-pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types("articles", "accounts", ['auditentry']),
    ]
