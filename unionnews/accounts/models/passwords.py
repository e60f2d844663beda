from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db import models
from django.utils import timezone


class PasswordAge(models.Model):
    """When a user's password was last set (kept by passwords.RecordPasswordAge)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="password_age",
    )
    set_at = models.DateTimeField("密码设置时间")

    class Meta:
        verbose_name = "密码设置时间"
        verbose_name_plural = "密码设置时间"

    def __str__(self):
        return f"{self.user_id}: {self.set_at:%Y-%m-%d %H:%M}"

    @classmethod
    def expires_at(cls, user):
        """When `user`'s password becomes too old, or None if passwords do not expire (one query).

        A password set before its age was recorded counts from when the account was made."""
        if settings.PASSWORD_MAX_AGE_DAYS <= 0:
            return None
        row = cls.objects.filter(user=user).values_list("set_at", flat=True).first()
        return (row or user.date_joined) + timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)

    @classmethod
    def touch(cls, user):
        cls.objects.update_or_create(user=user, defaults={"set_at": timezone.now()})


class LoginFailure(AccessAttempt):
    """django-axes' count of failed logins for one account from one address, named for the admin."""

    class Meta:
        proxy = True
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"
