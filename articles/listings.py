"""Keeps the unions' news lists (Listing) in step with stories, their unions and the union tree.

A story's rows follow its ArticleUnion links, the ancestors of those unions, its status
and its publication time; the receivers below rewrite them whenever one of those changes,
as it is saved. Bulk writers (the story generator, data migrations) call rebuild().
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from treebeard.mp_tree import path_updated

from articles.models import Article, ArticleUnion, Listing
from articles.models.status import Status
from unions.models import Union


def refresh(article_ids):
    """Rewrite the Listing rows of these stories from their links: three queries."""
    article_ids = list(article_ids)
    Listing.objects.filter(article_id__in=article_ids).delete()
    links = ArticleUnion.objects.filter(article_id__in=article_ids, article__status=Status.PUBLISHED).values_list(
        "article_id", "union__path", "article__published_at"
    )
    Listing.objects.bulk_create(_rows(links, _union_ids(path for _, path, _ in links)))


def rebuild(batch_size=5000, progress=None):
    """Rewrite every story's rows, in batches of stories; returns the number of rows written."""
    Listing.objects.all().delete()
    union_ids = dict(Union.objects.values_list("path", "pk"))
    links = (
        ArticleUnion.objects.filter(article__status=Status.PUBLISHED)
        .order_by("article_id")
        .values_list("article_id", "union__path", "article__published_at")
    )
    written, batch = 0, []
    for link in links.iterator(chunk_size=batch_size):
        batch.append(link)
        if len(batch) >= batch_size:
            written += _write_batch(batch, union_ids)
            batch = []
            if progress:
                progress(written)
    written += _write_batch(batch, union_ids)
    return written


def _write_batch(links, union_ids):
    # A story's links may straddle two batches: rows are unique per (union, story), so skip repeats.
    rows = _rows(links, union_ids)
    Listing.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return len(rows)


def _rows(links, union_ids):
    """One Listing per (story, union or ancestor of a union it links), without repeats."""
    seen = set()
    rows = []
    for article_id, path, published_at in links:
        for ancestor in _ancestor_paths(path):
            union_id = union_ids.get(ancestor)
            if union_id is not None and (union_id, article_id) not in seen:
                seen.add((union_id, article_id))
                rows.append(Listing(union_id=union_id, article_id=article_id, published_at=published_at))
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
def link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh([instance.article_id])


@receiver(path_updated, sender=Union, dispatch_uid="listings.union_moved")
def union_moved(sender, new_path, **kwargs):
    """A union moved in the tree: the stories about its subtree have new ancestors."""
    moved = ArticleUnion.objects.filter(union__path__startswith=new_path).values_list("article_id", flat=True)
    refresh(set(moved))
