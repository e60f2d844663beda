"""/healthz: the process is up and Django answers."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """ "ok" as plain text, touching neither the database nor the cache.

    For a load balancer's liveness check, and the bare Django view `manage.py
    benchmark_pages` compares each page with: the whole middleware stack, no work.
    never_cache keeps proxies and the page cache from storing it.
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
