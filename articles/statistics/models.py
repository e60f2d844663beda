from datetime import datetime, time

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone


class ScoringRuleQuerySet(models.QuerySet):
    def in_force_on(self, day):
        """The version that applies to a story published on `day` (a local date), or None."""
        return self.filter(valid_from__lte=day).order_by("-valid_from").first()


def points(label, default, help_text=""):
    """A score of the table: not negative, in tenths of a point."""
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=1,
        default=default,
        help_text=help_text,
        validators=[MinValueValidator(0, "分值不能为负数。")],
    )


class ScoringRule(models.Model):
    """One version of the desk's scoring table (计分标准), applying from `valid_from` on.

    A story is scored by the version in force on its publication date (local time), so a
    new version changes the points of the stories published from that day only.
    """

    valid_from = models.DateField(
        "起用日期", unique=True, help_text="从这一天（含）起发布的稿件按本标准计分，直到下一版标准起用。"
    )
    front_lead = points("头版头条", 10)
    front_page = points("一版", 6)
    other_page = points("其他版", 3)
    web_only = points("仅网络", 2)
    per_photo = points("每张图片", 1.5)
    per_segment = points("组稿分段", 1, help_text="综述稿每个分段计给该分段的工会组织。")
    note = models.CharField("说明", max_length=200, blank=True)

    objects = ScoringRuleQuerySet.as_manager()

    class Meta:
        verbose_name = "计分标准"
        verbose_name_plural = "计分标准"
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.valid_from:%Y-%m-%d} 起用的计分标准"

    @property
    def starts_at(self):
        """The first moment (local midnight) this version applies to, as an aware datetime."""
        return timezone.make_aware(datetime.combine(self.valid_from, time.min))


class StoryFigures(models.Model):
    """What 稿件考核 counts of one story: its best print position, its photos and its characters.

    Kept by articles.statistics.keeping in the transaction of every change that moves them (an
    edit, a placement, a photo, a page renumbered), so a year's statistics join one row per
    story instead of working each story out again. The points are not kept: they depend on
    the scoring version, which the desk may add later for days already past.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="figures", verbose_name="稿件"
    )
    tier = models.PositiveSmallIntegerField("见报位置", default=0)  # scoring.WEB_ONLY … scoring.FRONT_LEAD
    photos = models.PositiveIntegerField("图片", default=0)
    characters = models.PositiveIntegerField("字数", default=0)

    class Meta:
        verbose_name = "稿件考核数据"
        verbose_name_plural = "稿件考核数据"

    def __str__(self):
        return f"稿件 {self.article_id} 的考核数据"

    def as_tuple(self):
        return (self.tier, self.photos, self.characters)
