"""Failed-login limits, on top of django-axes (database handler).

Failures are counted per account and per client address (AXES_LOCKOUT_PARAMETERS);
LOGIN_FAILURE_LIMIT of either within LOGIN_LOCKOUT_MINUTES refuses every login for
that account, or from that address, until the minutes have passed since the last
counted failure or someone who manages users unlocks it (unionnews.accounts.admin).
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.signals import user_locked_out
from django.contrib import admin
from django.db.models import Max
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from unionnews.accounts import audit


class LoginLimitBackend(AxesStandaloneBackend):
    """Refuses every login attempt while the account or address is locked out.

    Marks the request, so that the lockout is written to the audit log once, when it begins,
    and not again for each refused attempt. A call without a request (the test client's
    login(), code) has no client to count and is let through to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.refused_while_locked_out = True
            raise


def lockout_ends_at(request, credentials):
    """When the last counted failure behind this lockout is LOGIN_LOCKOUT_MINUTES old."""
    attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)
    times = [q.aggregate(latest=Max("attempt_time"))["latest"] for q in attempts]
    return max([t for t in times if t is not None], default=timezone.now()) + get_cool_off(request)


def lockout_response(request, original_response=None, credentials=None):
    """The page a refused login gets: in the admin's look, saying until when and whom to ask."""
    context = {
        **admin.site.each_context(request),
        "title": "登录已被暂时锁定",
        "username": get_client_username(request, credentials) or "",
        "ends_at": timezone.localtime(lockout_ends_at(request, credentials)),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


@receiver(user_locked_out)
def _record_lockout(sender, request, username, ip_address, **kwargs):
    if getattr(request, "refused_while_locked_out", False):
        return
    audit.record(
        None,
        audit.Action.LOCKED_OUT,
        request=request,
        username=str(username or "")[:150],
        address=ip_address,
        failures=getattr(request, "axes_failures_since_start", None),
    )
