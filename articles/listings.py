"""Keeps the unions' lists (Listing, SegmentListing) in step with stories, their unions and the tree.

A story's rows follow its ArticleUnion links, its roundup parts (Segment), the ancestors
of those unions, its status and its publication time; the receivers below rewrite them
whenever one of those changes, as it is saved. Bulk writers (the story generator, data
migrations) call rebuild(), which writes them all in SQL.
"""

from django.db import connection
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from treebeard.mp_tree import path_updated

from articles.models import Article, ArticleUnion, Listing, Segment, SegmentListing
from articles.models.status import Status
from unions.models import Union


def refresh(article_ids):
    """Rewrite the rows of these stories from their links and parts: six queries."""
    article_ids = list(article_ids)
    Listing.objects.filter(article_id__in=article_ids).delete()
    SegmentListing.objects.filter(segment__article_id__in=article_ids).delete()
    links = list(_links(ArticleUnion.objects.filter(article_id__in=article_ids)))
    parts = list(_parts(Segment.objects.filter(article_id__in=article_ids)))
    union_ids = _union_ids(path for _, path, _ in links + parts)
    Listing.objects.bulk_create(_rows(Listing, "article_id", links, union_ids))
    SegmentListing.objects.bulk_create(_rows(SegmentListing, "segment_id", parts, union_ids))


def rebuild():
    """Rewrite every story's rows; returns the number written.

    In the database, one INSERT … SELECT per level of the union tree (a link's ancestor at
    that level is the union whose path is that long a prefix of its own): seconds for
    100,000 stories, where building the rows in Python took a minute.
    """
    Listing.objects.all().delete()
    SegmentListing.objects.all().delete()
    deepest = Union.objects.aggregate(deepest=Max("depth"))["deepest"] or 0
    written = 0
    with connection.cursor() as cursor:
        for level in range(1, deepest + 1):
            for sql in (_LIST_LINKS, _LIST_PARTS):
                cursor.execute(sql, [level * Union.steplen, Status.PUBLISHED, level])
                written += cursor.rowcount
    return written


def _list_under_ancestors(target, key, source, item):
    """INSERT … SELECT of `source` rows (links or parts) under their unions' ancestors at one
    level: parameters (prefix length, status, level)."""
    return (
        f"INSERT INTO {target._meta.db_table} (union_id, {key}, published_at) "
        f"SELECT DISTINCT ancestor.id, {item}, story.published_at "
        f"FROM {source._meta.db_table} item "
        f"JOIN {Article._meta.db_table} story ON story.id = item.article_id "
        f"JOIN {Union._meta.db_table} own ON own.id = item.union_id "
        f"JOIN {Union._meta.db_table} ancestor ON ancestor.path = SUBSTR(own.path, 1, %s) "
        "WHERE story.status = %s AND own.depth >= %s"
    )


_LIST_LINKS = _list_under_ancestors(Listing, "article_id", ArticleUnion, "item.article_id")
_LIST_PARTS = _list_under_ancestors(SegmentListing, "segment_id", Segment, "item.id")


def _links(queryset):
    """(story, union path, time) of signed-off stories' links."""
    return queryset.filter(article__status=Status.PUBLISHED).values_list(
        "article_id", "union__path", "article__published_at"
    )


def _parts(queryset):
    """(segment, union path, time) of signed-off roundups' parts."""
    return queryset.filter(article__status=Status.PUBLISHED).values_list("pk", "union__path", "article__published_at")


def _rows(model, key, items, union_ids):
    """One row per (item, its union or an ancestor of it), without repeats."""
    seen = set()
    rows = []
    for item_id, path, published_at in items:
        for ancestor in _ancestor_paths(path):
            union_id = union_ids.get(ancestor)
            if union_id is not None and (union_id, item_id) not in seen:
                seen.add((union_id, item_id))
                rows.append(model(union_id=union_id, published_at=published_at, **{key: item_id}))
    return rows


def _ancestor_paths(path):
    """The union's own path and its ancestors' (treebeard's materialised path)."""
    return [path[:end] for end in range(Union.steplen, len(path) + 1, Union.steplen)]


def _union_ids(paths):
    ancestors = {ancestor for path in paths for ancestor in _ancestor_paths(path)}
    return dict(Union.objects.filter(path__in=ancestors).values_list("path", "pk")) if ancestors else {}


@receiver(post_save, sender=Article, dispatch_uid="listings.article_saved")
def article_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or created:
        return  # a new story has no unions yet; fixtures load their own rows
    if update_fields is not None and not {"status", "published_at"} & set(update_fields):
        return
    refresh([instance.pk])


@receiver(post_save, sender=ArticleUnion, dispatch_uid="listings.link_saved")
@receiver(post_delete, sender=ArticleUnion, dispatch_uid="listings.link_deleted")
@receiver(post_save, sender=Segment, dispatch_uid="listings.segment_saved")
def link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh([instance.article_id])


@receiver(path_updated, sender=Union, dispatch_uid="listings.union_moved")
def union_moved(sender, new_path, **kwargs):
    """A union moved in the tree: the stories about its subtree have new ancestors."""
    linked = ArticleUnion.objects.filter(union__path__startswith=new_path).values_list("article_id", flat=True)
    parts = Segment.objects.filter(union__path__startswith=new_path).values_list("article_id", flat=True)
    refresh({*linked, *parts})
