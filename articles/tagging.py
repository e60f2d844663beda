"""Tag parsing that understands Chinese separators, and tag suggestions.

Editors type tags the way they write Chinese: 学习贯彻，工会、工BA. Full-width
commas, enumeration commas (、) and semicolons become plain commas, and
django-taggit's own parser does the rest (quotes, spaces, duplicates).
"""

import re

from django.db.models import Count
from taggit.models import Tag
from taggit.utils import _parse_tags

CHINESE_SEPARATORS = re.compile(r"[，、;；\n]")


def parse_tags(tagstring):
    if not tagstring:
        return []
    return _parse_tags(CHINESE_SEPARATORS.sub(",", tagstring))


def suggest(term, limit=10):
    """Names of existing tags starting with `term`, most used first (one query)."""
    term = term.strip()
    if not term:
        return []
    return list(
        Tag.objects.filter(name__istartswith=term)
        .annotate(uses=Count("articles_taggedarticle_items"))
        .order_by("-uses", "name")
        .values_list("name", flat=True)[:limit]
    )
