"""Tag parsing that understands Chinese separators, and tag suggestions.

Editors type tags the way they write Chinese: 学习贯彻，工会、工BA. Full-width
commas, enumeration commas (、) and semicolons become plain commas, and
django-taggit's own parser does the rest (quotes, spaces, duplicates).
Characters XML 1.0 forbids are dropped first, as from all stored text (unionnews.text).
"""

import re

from django.db.models import Count
from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag
from taggit.utils import _parse_tags

from unionnews.text import clean_text_fields, xml_safe

CHINESE_SEPARATORS = re.compile(r"[，、;；\n]")


def parse_tags(tagstring):
    if not tagstring:
        return []
    return _parse_tags(CHINESE_SEPARATORS.sub(",", xml_safe(tagstring)))


@receiver(pre_save, sender=Tag)
def clean_tag_name(sender, instance, **kwargs):
    """Keep tag names XML-safe whoever saves them: tags.add() in code, scripts, the Tag admin.

    Our own models call clean_text_fields() from save(); Tag is django-taggit's,
    and giving it a save() would mean swapping in a custom tag model. Typed tags
    are cleaned earlier, in parse_tags(), so they find an existing tag by name.
    """
    clean_text_fields(instance)


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
