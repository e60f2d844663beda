from django.db import models
from django.utils import timezone

from articles.models.status import published_q
from articles.richtext import RichTextField, sanitize, teaser
from unionnews.text import XmlSafeModel


class SegmentQuerySet(models.QuerySet):
    def published(self):
        """Segments of roundups readers can see."""
        return self.filter(published_q(via="article__"))

    def about(self, union):
        return self.filter(union.subtree_q(via="union__"))

    def listed_under(self, union):
        """Parts about `union` or any union below it, newest roundup first.

        Agrees with about(union), but reads SegmentListing: an index range scan.
        """
        return self.filter(listings__union=union, listings__published_at__lte=timezone.now()).order_by(
            "-listings__published_at", "position", "pk"
        )


class Segment(XmlSafeModel):
    """One union's part of a roundup (e.g. 湖州 in "11个设区市总工会学习全会精神")."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="segments")
    union = models.ForeignKey(
        "unions.Union", verbose_name="工会组织", on_delete=models.PROTECT, related_name="segments"
    )
    heading = models.CharField("小标题", max_length=100, blank=True)
    body = RichTextField("内容")
    position = models.PositiveSmallIntegerField("顺序", default=0)

    objects = SegmentQuerySet.as_manager()

    class Meta:
        verbose_name = "分段"
        verbose_name_plural = "分段（综述稿各单位内容）"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.article} · {self.union.short_name}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#segment-{self.pk}"

    def teaser(self, length=80):
        return teaser(self.body, length)

    def save(self, *args, **kwargs):
        sanitize(self, "body")
        super().save(*args, **kwargs)
