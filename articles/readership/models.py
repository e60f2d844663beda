from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from articles.models import Article


class DailyViewsQuerySet(models.QuerySet):
    def between(self, first, last):
        """Rows of the days first..last (dates, both included)."""
        return self.filter(day__range=(first, last))

    def since(self, first):
        return self.filter(day__gte=first)

    def per_story(self):
        """{"article": pk, "views": total} rows, one per story: what statistics aggregate."""
        return self.values("article").annotate(views=Sum("views")).order_by()

    def total_for(self, outer_ref="pk"):
        """A subquery expression: the views of the story OuterRef(outer_ref) in these rows,
        0 when there are none. Annotate a story queryset with it (one query, no N+1)."""
        rows = self.filter(article=OuterRef(outer_ref)).order_by().values("article").annotate(total=Sum("views"))
        return Coalesce(Subquery(rows.values("total")[:1]), 0)


class DailyViews(models.Model):
    """How many times readers opened a story on one day (Asia/Shanghai)."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="daily_views", verbose_name="稿件")
    day = models.DateField("日期")
    views = models.PositiveIntegerField("阅读量", default=0)

    objects = DailyViewsQuerySet.as_manager()

    class Meta:
        verbose_name = "每日阅读量"
        verbose_name_plural = "每日阅读量"
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="one_views_row_per_story_and_day")]
        # 热门 and statistics read a period's rows first, then group them by story.
        indexes = [models.Index(fields=["day", "article"], name="readership_day_article")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"

    @classmethod
    def add(cls, article_id, day, views=1):
        """Add `views` to the story's row of `day`, creating it: an F() update, so concurrent
        adds never lose one. Two queries at most (three when two writers create the row at once)."""
        if cls.objects.filter(article_id=article_id, day=day).update(views=F("views") + views):
            return
        try:
            with transaction.atomic():
                cls.objects.create(article_id=article_id, day=day, views=views)
        except IntegrityError:
            # Created by another request since the update above, or the story is gone.
            cls.objects.filter(article_id=article_id, day=day).update(views=F("views") + views)


def popular_since(first, limit):
    """The published stories most read from the day `first` on, most first, as
    [(article_id, views)]: one query, grouping only that period's rows."""
    rows = (
        DailyViews.objects.since(first)
        .filter(article__in=Article.objects.published())
        .per_story()
        .order_by("-views", "-article")[:limit]
    )
    return [(row["article"], row["views"]) for row in rows]


def days_back(today, days):
    """The first day of the `days` days ending with `today`."""
    return today - timedelta(days=days - 1)
