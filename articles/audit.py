"""The audit log: one call per security-relevant event, and the signals that feed it."""

from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from articles.models import AuditEntry

Action = AuditEntry.Action


def record(user, action, obj=None, request=None, username="", **data):
    actor = user if user is not None and user.is_authenticated else None
    return AuditEntry.objects.create(
        actor=actor,
        username=username or (actor.get_username() if actor else ""),
        action=action,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        ip=request.META.get("REMOTE_ADDR") if request is not None else None,
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


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def _rights_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    names = sorted(str(item) for item in model.objects.filter(pk__in=pk_set or []))
    # The request's user is not known to a signal; the admin's own LogEntry names them.
    record(None, Action.PERMISSIONS, instance, change=action.removeprefix("post_"), items=names,
           kind=model._meta.model_name)
