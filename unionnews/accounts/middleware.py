"""Idle admin sessions end; a staff user with a password too old must change it first.

Both act only for a logged-in user, so an anonymous reader's session is never touched
(and never gets a cookie).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from unionnews.accounts import audit
from unionnews.accounts.models import PasswordAge

LAST_SEEN = "last_seen"
# The session (one database write) is refreshed at most this often.
REFRESH_SECONDS = 60
IDLE_MESSAGE = "长时间未操作，已自动退出，请重新登录。"


def _is_background(request):
    """A request the page makes by itself (the story form's presence ping) is not activity."""
    match = request.resolver_match
    return match is not None and (match.url_name or "").endswith("_presence")


class end_idle_sessions:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.ADMIN_IDLE_MINUTES <= 0 or not request.user.is_authenticated:
            return None
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN)
        if last_seen is not None and now - last_seen > settings.ADMIN_IDLE_MINUTES * 60:
            audit.record(
                request.user, audit.Action.SESSION_EXPIRED, request=request, idle_minutes=(now - last_seen) // 60
            )
            # Not logout(): its signal would write a 退出 the user never did.
            request.session.flush()
            request.user = AnonymousUser()
            if request.path.startswith(reverse("admin:index")) and request.resolver_match.url_name != "keepalive":
                # Only where the login page will show it: elsewhere it would leave a cookie behind.
                messages.warning(request, IDLE_MESSAGE)
                return redirect(f"{reverse('admin:login')}?next={request.path}")
            return None
        if not _is_background(request) and (last_seen is None or now - last_seen >= REFRESH_SECONDS):
            request.session[LAST_SEEN] = now
        return None


FRESH_UNTIL = "password_fresh_until"
PASSWORD_MESSAGE = "你的密码已使用超过 {days} 天，请先修改密码再继续工作。"


class require_password_change:
    """With PASSWORD_MAX_AGE_DAYS set, a staff user whose password is older goes to the
    admin's 修改密码 page on every admin request until they change it.

    The expiry time is remembered in the session, so this costs a query only once per
    session and when the remembered time has passed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.PASSWORD_MAX_AGE_DAYS <= 0 or not request.user.is_authenticated or not request.user.is_staff:
            return None
        admin_root = reverse("admin:index")
        allowed = {reverse("admin:password_change"), reverse("admin:password_change_done"), reverse("admin:logout")}
        if not request.path.startswith(admin_root) or request.path in allowed or "/jsi18n/" in request.path:
            return None
        if request.path.startswith(reverse("twofactor:setup")):
            return None  # the second step of the login comes first (require_two_factor)
        now = timezone.now().timestamp()
        fresh_until = request.session.get(FRESH_UNTIL)
        if fresh_until is not None and now < fresh_until:
            return None
        expires_at = PasswordAge.expires_at(request.user).timestamp()
        if now < expires_at:
            request.session[FRESH_UNTIL] = expires_at
            return None
        messages.warning(request, PASSWORD_MESSAGE.format(days=settings.PASSWORD_MAX_AGE_DAYS))
        return redirect("admin:password_change")
