"""schema.org data (JSON-LD) every page kind shares: the publisher, images, breadcrumbs.

The apps build their own (articles.schema, articles.events.schema, unions.schema) from
values already loaded, never with a query; templates print them with the `jsonld`
filter. Every URL is absolute on `base`, unionnews.siteurl.site_url().
"""

from typing import NamedTuple

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone

from unionnews.siteurl import absolute

CONTEXT = "https://schema.org"
# Files under static/ and their sizes in pixels. To rebrand, replace the files at these sizes.
LOGO = ("img/logo.png", 512, 512)
SITE_IMAGE = ("img/share.png", 1200, 630)  # shown when a page without a photo is shared


class Image(NamedTuple):
    url: str  # absolute
    width: int | None
    height: int | None
    alt: str = ""


def site_image(base):
    """The picture a page without one of its own shows when shared or in search results."""
    path, width, height = SITE_IMAGE
    return Image(absolute(base, static(path)), width, height, settings.SITE_NAME)


def logo(base):
    """The site's logo (square): the publisher's logo, and a small share card's picture."""
    path, width, height = LOGO
    return Image(absolute(base, static(path)), width, height, settings.SITE_NAME)


def image_object(image):
    data = {"@type": "ImageObject", "url": image.url}
    if image.width and image.height:
        data.update(width=image.width, height=image.height)
    return data


def publisher(base):
    """The site as an Organization with its logo: NewsArticle.publisher."""
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": f"{base}/", "logo": image_object(logo(base))}


def breadcrumbs(base, trail):
    """A BreadcrumbList of `trail`, [(name, path on the site)] from the home page to the page itself."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(base, path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def w3c(moment):
    """An ISO 8601 time in the site's time zone, to the second: 2025-06-12T12:00:00+08:00."""
    return timezone.localtime(moment).isoformat(timespec="seconds")
