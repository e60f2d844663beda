from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connections, models, transaction
from django.utils import timezone

REFUSAL = "审计日志只能追加，不能修改或删除。"
# 网络安全法 第二十一条: network logs are kept for at least six months.
ARCHIVE_AFTER_DAYS = 180


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied(REFUSAL)

    def delete(self):
        raise PermissionDenied(REFUSAL)

    def bulk_create(self, objs, *args, update_conflicts=False, **kwargs):
        if update_conflicts:
            raise PermissionDenied(REFUSAL)  # an "upsert" would overwrite existing entries
        return super().bulk_create(objs, *args, **kwargs)

    def delete_archived(self, cutoff):
        """For `manage.py archive_audit` only, once the rows before `cutoff` are safely in
        the archive file. Refuses any row that is not at least ARCHIVE_AFTER_DAYS old.

        On PostgreSQL a trigger refuses every UPDATE and DELETE of the table (migration
        articles 0012), except clearing the actor of a deleted user and a delete marked as
        archiving; this is the mark. (Deleting a user still clears `actor` on their entries:
        Django does that through the plain base manager, and the username stays.)"""
        if cutoff > timezone.now() - timedelta(days=ARCHIVE_AFTER_DAYS):
            raise PermissionDenied(f"审计日志至少保存 {ARCHIVE_AFTER_DAYS} 天。")
        rows = self.filter(at__lt=cutoff)
        with transaction.atomic(using=self.db):
            if connections[self.db].vendor == "postgresql":
                with connections[self.db].cursor() as cursor:
                    cursor.execute("SET LOCAL unionnews.archiving_audit = 'on'")
            return super(AuditEntryQuerySet, rows).delete()


class AuditEntry(models.Model):
    """Who logged in, who failed to, who published, withdrew or deleted, who changed rights.

    Rows are never edited. A deleted story leaves its tombstone here (object_id,
    object_repr and the snapshot in `data`).
    """

    class Action(models.TextChoices):
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出"
        PUBLISH = "publish", "签发"
        UNPUBLISH = "unpublish", "取消签发"
        WITHDRAW = "withdraw", "撤稿"
        DELETE = "delete", "删除稿件"
        RESTORE = "restore", "恢复稿件"
        PURGE = "purge", "彻底删除稿件"
        EDIT_LIVE = "edit_live", "修改已发布稿件"
        IMPORT = "import", "导入版面"
        PERMISSIONS = "permissions", "权限变更"
        LOCKED_OUT = "locked_out", "登录被锁定"
        UNLOCK = "unlock", "解除登录锁定"
        PASSWORD_CHANGE = "password_change", "修改密码"
        SESSION_EXPIRED = "session_expired", "超时自动退出"
        OTP_ENROL = "otp_enrol", "启用两步验证"
        OTP_RESET = "otp_reset", "重置两步验证"
        OTP_FAILED = "otp_failed", "验证码错误"
        RECOVERY_CODES = "recovery_codes", "生成恢复码"
        ARCHIVE = "archive", "归档审计日志"
        EPAPER_UPLOAD = "epaper_upload", "上传版面PDF"
        EPAPER_AREAS = "epaper_areas", "校正稿件区域"

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField("用户名", max_length=150, blank=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    object_id = models.CharField("对象编号", max_length=50, blank=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    data = models.JSONField("详情", default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        db_table = "articles_auditentry"  # kept from when this model lived in articles
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(REFUSAL)
        # An INSERT only: a new object given an existing pk must not overwrite that entry.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(REFUSAL)
