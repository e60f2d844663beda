"""The user admin's 两步验证 section, and django-otp's own device admins taken away."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from unionnews.accounts.twofactor import devices

# They would show every user's TOTP secret to a superuser and let devices be deleted
# without an audit entry; the pages under /admin/two-factor/ cover what is needed.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class TwoFactorUserAdminMixin:
    """Adds a 两步验证 section to a user's change page: on or off, and a reset link for who may reset it."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, ("两步验证", {"fields": [], "description": self.two_factor_status(request, obj)})]

    def two_factor_status(self, request, user):
        device = devices.authenticator(user)
        if device is None:
            required = devices.is_required(user)
            return "未启用。" + ("（其角色要求启用，下次登录时会先进入设置页面。）" if required else "")
        status = format_html("已启用（{} 设置）。", f"{timezone.localtime(device.created_at):%Y-%m-%d}")
        if devices.reset_refusal(request.user, user):
            return status
        return format_html(
            '{} <a class="button" href="{}">重置两步验证</a>（手机丢失时：对方将只用密码登录，并可重新设置。）',
            status,
            reverse("twofactor:reset", args=[user.pk]),
        )
