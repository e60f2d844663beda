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
