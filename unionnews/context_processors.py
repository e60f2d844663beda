from django.conf import settings


def site(request):
    """Site-wide values every public template may read.

    canonical_url is SITE_URL plus the path, keeping only a ?page= beyond the
    first, so filters and tracking parameters never split a page's identity.
    """
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "canonical_url": f"{settings.SITE_URL}{request.path}{query}",
    }


def csp_nonce(request):
    """The request's Content-Security-Policy nonce, as `csp_nonce`.

    That is the name Django 6's admin templates read ({% csp_nonce_attr %}), so
    they mark their inline tags with django-csp's nonce. The nonce is made, and
    named in the header, only when a template uses it.
    """
    return {"csp_nonce": getattr(request, "csp_nonce", None)}
