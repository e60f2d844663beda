from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def keepalive(request):
    """static/admin-extra/keepalive.js: the editor is working on an open admin page.

    end_idle_sessions counts the request as activity; 401 tells the page that the
    session has ended, so the editor learns it before a save is turned away.
    """
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    return HttpResponse(status=204)
