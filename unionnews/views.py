"""The two refusals Django answers itself, in Chinese: 403 (PermissionDenied) and a failed CSRF check.

Under /admin/ they look like the admin (with its menus for staff), elsewhere like the site.
"""

from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

# Django's CSRF reasons (django.middleware.csrf), by how they start, in words a desk can act on.
CSRF_CAUSES = [
    ("CSRF cookie", "浏览器没有保存本站的安全凭证（Cookie），可能是禁用了 Cookie，或会话已过期被清除。"),
    ("Origin checking", "请求来源无法验证：提交不是从本站的页面发出的，或经过的代理改动了来源信息。"),
    ("Referer checking", "请求来源无法验证：提交不是从本站的页面发出的，或浏览器隐去了来源信息。"),
]
CSRF_CAUSE_DEFAULT = "页面已过期：表单打开的时间太长，或在此期间重新登录、退出过（例如在另一个窗口）。"


def _looks_like_admin(request):
    return hasattr(request, "user") and request.path.startswith(reverse("admin:index"))


def _back_url(request):
    """The page the refused request came from, if it is on this site."""
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if referer and safe else ""


def _refusal(request, template, context):
    was_post = request.method == "POST"
    # After a refused POST, the browser's own back keeps what was typed; reloading the referer would not.
    context = {**context, "back_url": "" if was_post else _back_url(request), "was_post": was_post}
    if _looks_like_admin(request):
        context = {**admin.site.each_context(request), **context}
        template = f"admin/{template}"
    return render(request, template, context, status=403)


def permission_denied(request, exception):
    """handler403: show the reason the code gave (workflow messages are Chinese sentences)."""
    return _refusal(request, "403.html", {"title": "没有权限", "reason": str(exception)})


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a forged POST, or a form left open past its session."""
    cause = next((text for prefix, text in CSRF_CAUSES if reason.startswith(prefix)), CSRF_CAUSE_DEFAULT)
    return _refusal(request, "403_csrf.html", {"title": "提交未被接受", "cause": cause})


# Admin pages of the models that left the articles app (2026-12), by model, with their new app.
MOVED_FROM_ARTICLES = {
    **dict.fromkeys(["event", "eventunion", "standing", "award"], "events"),
    "searchdocument": "search",
    **dict.fromkeys(["term", "finding", "acknowledgement", "printimport", "caption"], "editorial"),
    "auditentry": "accounts",
}


def moved_admin_page(request, model, rest):
    """An old bookmark (/admin/articles/event/3/change/) opens the page at its new address."""
    url = f"{reverse('admin:index')}{MOVED_FROM_ARTICLES[model]}/{model}/{rest}"
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(url)
