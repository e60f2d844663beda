from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from unionnews.accounts.twofactor import devices


def require_two_factor(get_response):
    """No admin page before the second step.

    A staff user whose session has not been verified by django-otp (OTPMiddleware,
    which must come before this) is sent to the code page if they have turned
    two-factor login on, or to the set-up page if their role requires it
    (settings.REQUIRE_2FA_ROLES); logging out always works. Costs one query per
    admin request of an unverified user (two when roles are required), none elsewhere.
    """

    def middleware(request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and request.path.startswith(reverse("admin:index"))
            and not user.is_verified()
            and request.path != reverse("admin:logout")
        ):
            if devices.is_enrolled(user):
                target = reverse("twofactor:verify")
            elif devices.is_required(user):
                target = reverse("twofactor:setup")
            else:
                target = None
            if target is not None and request.path != target:
                query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                return redirect(f"{target}?{query}" if query else target)
        return get_response(request)

    return middleware
