"""Tag parsing that understands Chinese separators, tag suggestions, and who sees which tags.

Editors type tags the way they write Chinese: 学习贯彻，工会、工BA. Full-width
commas, enumeration commas (、) and semicolons become plain commas, and
django-taggit's own parser does the rest (quotes, spaces, duplicates).
Characters XML 1.0 forbids are dropped first, as from all stored text (unionnews.text).

A tag carried only by drafts is not public (public_tags), and a correspondent
sees only the tags of stories they may see (visible_tags).
"""

import re

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag
from taggit.utils import _parse_tags

from articles import workflow
from articles.models import Article, TaggedArticle
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


def public_tags():
    """Tags readers may see: those carried by at least one published story."""
    published = TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=Article.objects.published())
    return Tag.objects.filter(Exists(published))


def public_tag_like(text):
    """The public tag `text` names in another case, by slug or name (工BA for 工ba), or None."""
    return public_tags().filter(Q(slug__iexact=text) | Q(name__iexact=text)).order_by("pk").first()


# The tag index counts the tags of this many newest published stories (a few months of a
# provincial desk's output) and shows at most TAG_INDEX_SIZE of them.
TAG_INDEX_WINDOW = 2000
TAG_INDEX_SIZE = 200


def tag_index():
    """The tags of the newest TAG_INDEX_WINDOW published stories, each with `uses`: how many
    of them carry it; commonest first, at most TAG_INDEX_SIZE (the /tags/ page).

    One query whose cost is bounded by the window, not by the archive: the newest stories from
    the index article_status_newest, their tags from tagged_article_by_story, grouped. Every
    tag it returns is public. Counting every tag over the whole archive (300,000 links at
    100,000 stories) is a scan per request; older tags stay reachable from their stories.
    """
    newest = Article.objects.published().newest_first().values("pk")[:TAG_INDEX_WINDOW]
    return list(
        Tag.objects.filter(articles_taggedarticle_items__content_object__in=newest)
        .annotate(uses=Count("*"))  # the links joined by the filter; COUNT(*) needs no column of theirs
        .order_by("-uses", "name")[:TAG_INDEX_SIZE]
    )


def visible_tags(user, tags=None):
    """The tags `user` may see in the admin, each with `uses`: how many stories they may
    see carry it.

    Editors of every union see every tag, unused ones too. Others see only tags carried by
    a story in their scope or by a published story, and only those stories are counted,
    so neither the list nor a count reveals another city's draft.
    """
    tags = Tag.objects.all() if tags is None else tags
    if workflow.scope_unions(user) is None:
        return tags.annotate(uses=Count("articles_taggedarticle_items"))
    known = Q(articles_taggedarticle_items__content_object__in=workflow.known_to(user))
    return tags.annotate(uses=Count("articles_taggedarticle_items", filter=known)).filter(uses__gt=0)


def suggest(term, user, limit=10):
    """Names of the tags `user` may see starting with `term`, most used first (one query)."""
    term = term.strip()
    if not term:
        return []
    return list(
        visible_tags(user)
        .filter(name__istartswith=term)
        .order_by("-uses", "name")
        .values_list("name", flat=True)[:limit]
    )
