"""The pages of two-factor login, in the admin's look, under /admin/two-factor/.

The middleware keeps everyone who still owes the second step (or, by role, the
set-up) on these pages; the views themselves only need a logged-in staff user.
"""

import django_otp
import qrcode
import qrcode.image.svg
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from unionnews.accounts import audit, sessions
from unionnews.accounts.twofactor import devices
from unionnews.accounts.twofactor.forms import ConfirmForm, TurnOffForm, VerifyForm

TEMPLATES = "admin/accounts/twofactor"


def _render(request, template, context, *, menus=True):
    """An admin page; without `menus` (before the second step) it lists none of the admin's tables."""
    context = {**admin.site.each_context(request), **context}
    if not menus:
        context.update(available_apps=[], is_nav_sidebar_enabled=False)
    return TemplateResponse(request, f"{TEMPLATES}/{template}", context)


def qr_svg(device):
    """The device's otpauth:// URL as an inline SVG QR code: one <path>, presentation attributes, no style."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, border=2)
    return mark_safe(image.to_string(encoding="unicode"))


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _show_recovery_codes(request, codes, *, title):
    return _render(request, "recovery_codes.html", {"title": title, "codes": codes})


@never_cache
@staff_member_required
def setup(request):
    """两步验证: set it up (QR code, secret, a code to confirm) or, once on, manage it."""
    user = request.user
    if devices.is_enrolled(user):
        return _render(
            request,
            "manage.html",
            {
                "title": "两步验证",
                "device": devices.authenticator(user),
                "codes_left": devices.recovery_codes_left(user),
                "required": devices.is_required(user),
            },
        )
    device = devices.pending_authenticator(user)
    form = ConfirmForm(request.POST or None, user=user, device=device)
    if request.method == "POST" and form.is_valid():
        device.refresh_from_db()
        django_otp.login(request, device)  # this session has just proved it holds the phone
        audit.record(user, audit.Action.OTP_ENROL, user, request=request)
        return _show_recovery_codes(request, form.recovery_codes, title="两步验证已启用")
    return _render(
        request,
        "setup.html",
        {
            "title": "启用两步验证",
            "form": form,
            "qr_svg": qr_svg(device),
            "secret": devices.secret(device),
            "required": devices.is_required(user),
        },
        menus=not devices.is_required(user),
    )


@never_cache
@require_POST
@staff_member_required
def recovery_codes(request):
    """New recovery codes, shown once; the old ones stop working."""
    if not devices.is_enrolled(request.user):
        return redirect("twofactor:setup")
    codes = devices.new_recovery_codes(request.user)
    audit.record(request.user, audit.Action.RECOVERY_CODES, request.user, request=request)
    return _show_recovery_codes(request, codes, title="新的恢复码")


@never_cache
@sensitive_post_parameters("code")
@staff_member_required
def verify(request):
    """The second step of logging in."""
    user = request.user
    if user.is_verified() or not devices.is_enrolled(user):
        return redirect(_next_url(request))
    form = VerifyForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            django_otp.login(request, form.outcome.device)
            if form.outcome.kind == "recovery":
                left = devices.recovery_codes_left(user)
                messages.warning(request, f"你用了一个恢复码，还剩 {left} 个。请尽快在“两步验证”页面生成新的恢复码。")
            return redirect(_next_url(request))
        if form.outcome is not None:  # a code was typed, and refused
            audit.record(
                user,
                audit.Action.OTP_FAILED,
                request=request,
                kind=form.outcome.kind,
                throttled=form.outcome.locked_until is not None,
            )
    return _render(
        request,
        "verify.html",
        {"title": "两步验证", "form": form, "next": _next_url(request)},
        menus=False,
    )


@never_cache
@sensitive_post_parameters("code")
@staff_member_required
def turn_off(request):
    """Turn two-factor login off, after a current code or the password."""
    user = request.user
    if not devices.is_enrolled(user):
        return redirect("twofactor:setup")
    form = TurnOffForm(request.POST or None, user=user, request=request)
    if request.method == "POST":
        if form.is_valid():
            devices.turn_off(user)
            audit.record(user, audit.Action.OTP_RESET, user, request=request, by_self=True)
            messages.success(request, "两步验证已关闭，恢复码已作废。")
            return redirect("twofactor:setup")
        if form.outcome is not None:
            audit.record(user, audit.Action.OTP_FAILED, request=request, kind=form.outcome.kind, while_turning_off=True)
    context = {"title": "关闭两步验证", "form": form, "required": devices.is_required(user)}
    return _render(request, "turn_off.html", context)


@never_cache
@staff_member_required
def reset(request, user_id):
    """A 管理员 or superuser turns off someone else's two-factor login (a lost phone)."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    refusal = devices.reset_refusal(request.user, user)
    if refusal:
        raise PermissionDenied(refusal)
    change_url = reverse("admin:auth_user_change", args=[user.pk])
    if request.method == "POST":
        devices.turn_off(user)
        # Whoever holds the lost phone may hold an open session too: it ends with the reset.
        ended = sessions.end_sessions(user)
        audit.record(request.user, audit.Action.OTP_RESET, user, request=request, sessions_ended=ended)
        logged_out = "，已在所有设备上退出登录" if ended is not None else ""
        messages.success(
            request, f"已重置 {user.get_username()} 的两步验证{logged_out}。对方下次登录时只需密码，并可重新启用。"
        )
        return redirect(change_url)
    return _render(
        request,
        "reset.html",
        {
            "title": "重置两步验证",
            "target": user,
            "enrolled": devices.is_enrolled(user),
            "required": devices.is_required(user),
            "change_url": change_url,
        },
    )
