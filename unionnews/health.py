"""/healthz: the process is up and Django answers."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from unionnews.db import replica


@never_cache
def healthz(request):
    """ "ok" as plain text, touching neither the database nor the cache.

    For a load balancer's liveness check, and the bare Django view `manage.py
    benchmark_pages` compares each page with: the whole middleware stack, no work.
    never_cache keeps proxies and the page cache from storing it.

    With a read replica, X-Read-Replica tells what this process last learnt of it (ok,
    lagging, down, unknown) without asking: a replica that is down is no reason to take
    the node out of the load balancer, since readers read the primary meanwhile.
    """
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    if replica.configured():
        response["X-Read-Replica"] = replica.health.state
    return response
