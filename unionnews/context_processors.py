from django.conf import settings

from unionnews import schema
from unionnews.siteurl import site_url


def site(request):
    """Site-wide values every public template may read.

    SITE_URL is where absolute URLs start (unionnews.siteurl). canonical_url is it plus
    the path, keeping only a ?page= beyond the first, so filters and tracking parameters
    never split a page's identity. share_image is the picture a page without one of its
    own shows when shared (og:image), site_logo the square one of a small share card.
    """
    base = site_url(request)
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": base,
        "canonical_url": f"{base}{request.path}{query}",
        "share_image": schema.site_image(base),
        "site_logo": schema.logo(base),
    }


def csp_nonce(request):
    """The request's Content-Security-Policy nonce, as `csp_nonce`.

    That is the name Django 6's admin templates read ({% csp_nonce_attr %}), so
    they mark their inline tags with django-csp's nonce. The nonce is made, and
    named in the header, only when a template uses it.
    """
    return {"csp_nonce": getattr(request, "csp_nonce", None)}
