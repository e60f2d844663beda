"""Request limits enforced before anything reads the request body."""

from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string


def refuse_large_requests(get_response):
    """Answer 413 to a request that announces a body larger than MAX_REQUEST_BYTES.

    Django would otherwise read such a body (spooling uploads to disk) before
    any form refused it. This middleware only looks at the Content-Length
    header, so it must come before anything that touches request.POST or
    request.body (CsrfViewMiddleware does). A body without Content-Length
    (chunked) is not read by Django at all under WSGI, so nothing else needs
    checking; nginx bounds it in a real deployment (client_max_body_size).
    """

    def middleware(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django treats a malformed length as no body
        if length > settings.MAX_REQUEST_BYTES:
            return too_large(request)
        return get_response(request)

    return middleware


def too_large(request):
    limit = filesizeformat(settings.MAX_REQUEST_BYTES)
    photo_limit = filesizeformat(settings.PHOTO_MAX_BYTES)
    page = render_to_string("413.html", {"limit": limit, "photo_limit": photo_limit})
    return HttpResponse(page, status=413)
