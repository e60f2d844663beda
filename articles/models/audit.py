from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

REFUSAL = "审计日志只能追加，不能修改或删除。"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied(REFUSAL)

    def delete(self):
        raise PermissionDenied(REFUSAL)

    def delete_archived(self):
        """For `manage.py archive_audit` only, once the rows are safely in the archive file.

        (Deleting a user still clears `actor` on their entries: Django does that through
        the plain base manager, and the username stays.)"""
        return super().delete()


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

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField("用户名", max_length=150, blank=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    object_id = models.CharField("对象编号", max_length=50, blank=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    data = models.JSONField("详情", default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(REFUSAL)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(REFUSAL)
