"""Keeping each story's StoryFigures in step with the story, in the transaction that changes it.

What moves a story's figures, and what tells us:
- its creation: post_save of a new Article;
- its text: only articles.editing writes it, and it sends story_saved once the story and all
  its relations are written (a placement's 头条 mark included);
- its placements and photos written anywhere else (the e-paper and print-page imports, a
  script): their post_save and post_delete, unless articles.editing is writing that story
  (story_saved follows) or the story itself is being deleted (its row goes with it);
- a print page given another number: post_save of PrintPage refreshes its stories.
Bulk writes send no signals: generate_stories and the migration that made the table call
refresh_all().
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from articles import signals
from articles.models import Article, Photo, Placement, PrintPage
from articles.models.writes import in_progress
from articles.statistics import scoring
from articles.statistics.models import StoryFigures

FIELDS = ["tier", "photos", "characters"]


def refresh(articles):
    """Write the figures of `articles` (stories with their body loaded): three queries."""
    rows = scoring.measure(articles)
    StoryFigures.objects.bulk_create(rows, update_conflicts=True, unique_fields=["article"], update_fields=FIELDS)


def refresh_ids(ids):
    refresh(Article.objects.filter(pk__in=ids).only("pk", "body"))


def refresh_all(batch_size=2000, progress=None):
    """Rewrite every story's figures, `batch_size` stories at a time, each batch in its own
    transaction; calls progress(done, total) after each batch when given."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            refresh_ids(ids[start : start + batch_size])
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))


def story_saved(sender, article, **kwargs):
    refresh([article])


def story_created(sender, instance, created, **kwargs):
    """A story made outside articles.editing (a script, a test's builder) starts with its figures."""
    if created and not in_progress(instance.pk):
        refresh([instance])


def _deleting_a_story(origin):
    return isinstance(origin, Article) or getattr(origin, "model", None) is Article


def part_changed(sender, instance, origin=None, **kwargs):
    """A placement or photo was saved or deleted outside articles.editing."""
    if in_progress(instance.article_id) or _deleting_a_story(origin):
        return
    refresh_ids([instance.article_id])


def page_saved(sender, instance, created, **kwargs):
    if not created:
        refresh_ids(instance.placements.values_list("article", flat=True))


def connect():
    signals.story_saved.connect(story_saved, dispatch_uid="statistics.story_saved")
    post_save.connect(story_created, sender=Article, dispatch_uid="statistics.story_created")
    for model in (Placement, Photo):
        post_save.connect(part_changed, sender=model, dispatch_uid=f"statistics.{model.__name__}.saved")
        post_delete.connect(part_changed, sender=model, dispatch_uid=f"statistics.{model.__name__}.deleted")
    post_save.connect(page_saved, sender=PrintPage, dispatch_uid="statistics.page_saved")
