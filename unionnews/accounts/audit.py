"""The audit log: one call per security-relevant event, and the auth signals that feed it.

Changes of rights are recorded by the User and Group admins (unionnews/accounts/admin/users.py),
which know who made them."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from unionnews.accounts.addresses import client_ip
from unionnews.accounts.models import AuditEntry

Action = AuditEntry.Action


def record(user, action, obj=None, request=None, username="", **data):
    actor = user if user is not None and user.is_authenticated else None
    return AuditEntry.objects.create(
        actor=actor,
        username=username or (actor.get_username() if actor else ""),
        action=action,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        ip=client_ip(request) if request is not None else None,
        data=data,
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(user, Action.LOGIN, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(user, Action.LOGOUT, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`.
    record(None, Action.LOGIN_FAILED, request=request, username=str(credentials.get("username", ""))[:150])
