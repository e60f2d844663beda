"""Two-factor login on django-otp's models.

A user has at most one TOTP device (their authenticator app) and one static
device holding their recovery codes. Two-factor login is on once the TOTP
device is confirmed; the recovery codes exist only beside it. Both devices
throttle wrong codes themselves (django-otp's ThrottlingMixin: each failure
doubles the wait before the next try).
"""

from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from unionnews.accounts.roles import ADMINISTRATOR

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "身份验证器"
RECOVERY_NAME = "恢复码"


def authenticator(user):
    """The user's confirmed TOTP device, or None (one query)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_enrolled(user):
    """Whether `user` has turned two-factor login on (one query)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_required(user):
    """Whether a role of `user` is in settings.REQUIRE_2FA_ROLES (superusers count as 管理员).

    Costs a query only when the setting names roles.
    """
    roles = set(settings.REQUIRE_2FA_ROLES)
    if not roles or not user.is_staff:
        return False
    if user.is_superuser and ADMINISTRATOR in roles:
        return True
    return user.groups.filter(name__in=roles).exists()


def pending_authenticator(user):
    """The TOTP device being set up: the same one (and QR code) until it is confirmed."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret(device):
    """The device's key as an authenticator app takes it typed in: base32, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def confirm(device, code):
    """Turn two-factor login on if `code` is what the new device shows; return the recovery codes, or None."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # Anything set up half-way before (another browser tab) is of no use now.
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        return new_recovery_codes(device.user)


def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones and return them.

    Only their hashes would be better, but django-otp stores static tokens as typed;
    they are as secret as the TOTP key beside them.
    """
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": RECOVERY_NAME, "confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(code):
    """What a person types, as stored: no spaces or dashes, lower case (recovery codes are base32)."""
    return "".join(code.split()).replace("-", "").lower()


def is_authenticator_code(code):
    return len(code) == 6 and code.isdigit()


@dataclass
class Check:
    """The outcome of a code typed at the second step."""

    device: object = None  # the device that accepted it
    kind: str = ""  # "totp" or "recovery"
    locked_until: datetime | None = None  # set when too many wrong codes came too fast

    @property
    def accepted(self):
        return self.device is not None

    def wait_seconds(self):
        return max(1, round((self.locked_until - timezone.now()).total_seconds())) if self.locked_until else 0


def check(user, code):
    """Check a 6-digit code against the user's app, anything else against their recovery codes.

    A recovery code that matches is deleted, so it works once. A wrong code makes
    the device wait longer before it accepts another try.
    """
    code = normalise(code)
    kind, model = ("totp", TOTPDevice) if is_authenticator_code(code) else ("recovery", StaticDevice)
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        if device is None:
            return Check(kind=kind)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            return Check(kind=kind, locked_until=(details or {}).get("locked_until"))
        return Check(device=device if device.verify_token(code) else None, kind=kind)


def turn_off(user):
    """Remove the user's authenticator and recovery codes: two-factor login is off."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def reset_refusal(actor, user):
    """Why `actor` may not reset `user`'s two-factor login (lost phone), or "" if they may."""
    if actor.pk == user.pk:
        return "不能在这里重置自己的两步验证。请在右上角的“两步验证”页面关闭后重新启用。"
    if actor.is_superuser:
        return ""
    if not (actor.is_staff and actor.has_perm("auth.change_user") and actor.groups.filter(name=ADMINISTRATOR).exists()):
        return "只有管理员或超级用户可以重置他人的两步验证。"
    if user.is_superuser:
        return "超级用户的两步验证只能由超级用户重置。"
    return ""
