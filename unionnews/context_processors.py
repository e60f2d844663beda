from django.conf import settings


def site(request):
    """Site-wide values every public template may read."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
