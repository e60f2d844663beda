import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As in django.utils.html.json_script: nothing inside may close the <script>.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """<script type="application/ld+json"> for a dict, one for each dict of a list; json_script cannot set that type."""
    items = data if isinstance(data, list) else [data]
    return mark_safe("\n".join(_jsonld_script(item) for item in items))


def _jsonld_script(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


# How wide a photo shows, for `sizes`, as static/css/site.css lays it out: a
# card's thumbnail is 96px; a story's photos and the home page's lead card fill
# the content column: the page (at most 1120px) less 16px of padding each side
# and, from 860px up, less the 300px aside and the 40px gap beside it.
SLOT_SIZES = {
    "card": "96px",
    "column": "(min-width: 1120px) 748px, (min-width: 860px) calc(100vw - 372px), calc(100vw - 32px)",
}


@register.inclusion_tag("articles/_picture.html")
def picture(photo, slot="column", alt="", lcp=False):
    """A photo as <picture>: WebP and JPEG renditions the browser picks from by `slot`'s width.

    `lcp` marks the page's main picture (the largest thing painted first): it is
    fetched at once with high priority, every other one only when scrolled near.
    Nothing is read from storage: names, URLs and sizes come from the row.
    """
    file, width, height = photo.display, photo.display_width, photo.display_height
    if slot == "card" and photo.thumbnail:
        file, width, height = photo.thumbnail, photo.thumbnail_width, photo.thumbnail_height
    if not file:
        return {"src": ""}
    return {
        "src": file.url,
        "webp_srcset": photo.webp_srcset,
        "jpeg_srcset": photo.jpeg_srcset,
        "sizes": SLOT_SIZES[slot],
        "width": width,
        "height": height,
        "alt": alt,
        "lcp": lcp,
    }
