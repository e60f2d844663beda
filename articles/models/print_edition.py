from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from articles.models.status import published_q
from unionnews.text import XmlSafeModel


class PrintPageQuerySet(models.QuerySet):
    def issued(self):
        """Pages of editions already out (today's included); planned pages stay hidden."""
        return self.filter(edition_date__lte=timezone.localdate())

    def for_readers(self):
        """Pages readers may open: issued, and carrying at least one published story.

        A page whose stories are all drafts (an import not yet reviewed) stays hidden.
        """
        published_here = Placement.objects.filter(published_q(via="article__"), page=OuterRef("pk"))
        return self.issued().filter(Exists(published_here))


class PrintPage(XmlSafeModel):
    """A page (版面) of one day's print edition, e.g. 2024年8月2日 第2版 要闻."""

    edition_date = models.DateField("出版日期")
    number = models.PositiveSmallIntegerField("版次")
    name = models.CharField("版名", max_length=30, blank=True, help_text="例如：要闻、地方新闻、职工文化")

    objects = PrintPageQuerySet.as_manager()

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["-edition_date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition_date", "number"],
                name="one_page_per_number",
                violation_error_message="这一天的这个版次已经存在。",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="page_number_positive",
                violation_error_message="版次从第1版开始。",
            ),
        ]

    def __str__(self):
        label = f"{self.edition_date:%Y-%m-%d} 第{self.number}版"
        return f"{label} {self.name}" if self.name else label

    def get_absolute_url(self):
        return reverse("epaper:page", kwargs={"date": self.edition_date.isoformat(), "number": self.number})


class Placement(models.Model):
    """Where (part of) a story was printed. A story jumping from page 1 to
    page 2 has two placements; the jump lines 下转第2版 / 上接第1版 follow from
    their order."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="placements")
    page = models.ForeignKey(PrintPage, verbose_name="版面", on_delete=models.PROTECT, related_name="placements")
    part = models.PositiveSmallIntegerField("顺序", default=1, help_text="稿件跨版时，第1部分填1，转版部分填2。")
    # The page's lead story (头条): 稿件考核 scores 头版头条 apart from the rest of page 1.
    is_lead = models.BooleanField("头条", default=False, help_text="本版头条稿件请勾选（头版头条计分最高）。")

    class Meta:
        verbose_name = "见报位置"
        verbose_name_plural = "见报位置（版面与转版）"
        ordering = ["part", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "page"],
                name="one_placement_per_page",
                violation_error_message="这篇稿件已经排在这个版面上。",
            ),
        ]

    def __str__(self):
        return str(self.page)
