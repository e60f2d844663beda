from django.conf import settings
from django.db import models
from django.utils import timezone

from unionnews.text import XmlSafeModel


class Term(XmlSafeModel):
    """An entry of the desk's list of standard expressions and forbidden or outdated terms."""

    class Kind(models.TextChoices):
        FORBIDDEN = "forbidden", "禁用词"
        OUTDATED = "outdated", "过时说法"
        STANDARD = "standard", "不规范表述"

    term = models.CharField("词语", max_length=50, unique=True, error_messages={"unique": "词表里已有这个词语。"})
    preferred = models.CharField("规范说法", max_length=100, blank=True, help_text="稿件中应使用的说法；禁用词可留空。")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "规范用语"
        verbose_name_plural = "规范用语（编辑检查词表）"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.preferred}" if self.preferred else self.term


class Finding(models.Model):
    """A QA warning on a story, recomputed by Article.recheck() after every save."""

    class Code(models.TextChoices):
        DUPLICATE_TEXT = "duplicate-text", "重复文字"
        SEGMENT_UNION_MISMATCH = "segment-union-mismatch", "分段与工会不符"
        BROKEN_BREAK = "broken-break", "断行未接合"
        HALFWIDTH_PUNCTUATION = "halfwidth-punctuation", "半角标点"
        UNBALANCED_PAIR = "unbalanced-pair", "引号括号不配对"
        TERM = "term", "规范用语"
        MISSING_BYLINE = "missing-byline", "缺少署名"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="findings")
    code = models.CharField("类别", max_length=30, choices=Code.choices)
    message = models.CharField("说明", max_length=300)
    excerpt = models.TextField("原文", blank=True)
    segment = models.CharField("所在分段", max_length=100, blank=True)
    # Stable across rechecks, so an acknowledgement survives later saves.
    fingerprint = models.CharField(max_length=40, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "编辑检查提示"
        verbose_name_plural = "编辑检查提示"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.get_code_display()}：{self.excerpt[:30]}"


class Acknowledgement(models.Model):
    """An editor's record that a finding was seen and is fine (or will be handled)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="acknowledgements")
    fingerprint = models.CharField(max_length=40)
    code = models.CharField("类别", max_length=30, choices=Finding.Code.choices)
    excerpt = models.TextField("原文", blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确认人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField("确认时间", default=timezone.now)

    class Meta:
        verbose_name = "检查提示确认"
        verbose_name_plural = "检查提示确认"
        ordering = ["acknowledged_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="one_acknowledgement_per_finding")
        ]

    def __str__(self):
        return f"{self.get_code_display()}：{self.excerpt[:30]}"
