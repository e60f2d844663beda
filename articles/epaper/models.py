"""The print edition on the web: a page's PDF, its images, and where each story sits on it.

Positions are in PDF points (1/72 inch) measured from the page's top-left
corner, as [x0, y0, x1, y1] with x0 < x1 and y0 < y1: the page image of any
size maps onto them by the ratio of its width to PageFile.width.
"""

from django.conf import settings
from django.db import models

# Widths in pixels of the images rendered from each page PDF (heights follow the page).
THUMB_WIDTH = 240
SCREEN_WIDTH = 1000
ZOOM_WIDTH = 2000


def page_folder(instance, filename):
    return f"epaper/{instance.page.edition_date:%Y/%m/%d}/{filename}"


class PageFile(models.Model):
    """A page's PDF as the layout system made it, with the images rendered from it once at upload."""

    page = models.OneToOneField(
        "articles.PrintPage", verbose_name="版面", on_delete=models.CASCADE, related_name="file"
    )
    pdf = models.FileField("版面PDF", upload_to=page_folder, max_length=200)
    width = models.FloatField("宽（磅）")
    height = models.FloatField("高（磅）")
    thumb = models.ImageField("缩略图", upload_to=page_folder, max_length=200)
    screen = models.ImageField("版面图", upload_to=page_folder, max_length=200)
    zoom = models.ImageField("放大图", upload_to=page_folder, max_length=200)
    has_text = models.BooleanField("有文字层", default=True, help_text="扫描的版面没有文字层，稿件区域需手工标出。")
    uploaded_at = models.DateTimeField("上传时间", auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "版面文件"
        verbose_name_plural = "版面文件"

    def __str__(self):
        return str(self.page)

    def scale(self, pixels_wide):
        """Pixels per point in an image of the page pixels_wide across."""
        return pixels_wide / self.width


class EditionFile(models.Model):
    """The whole day's edition as one PDF, its pages in order; remade whenever a page's PDF changes."""

    edition_date = models.DateField("出版日期", unique=True)
    pdf = models.FileField("全版PDF", upload_to="epaper/editions/", max_length=200)
    page_count = models.PositiveSmallIntegerField("版数", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "整期PDF"
        verbose_name_plural = "整期PDF"
        ordering = ["-edition_date"]

    def __str__(self):
        return f"{self.edition_date:%Y-%m-%d}"


class StoryArea(models.Model):
    """Where one story is printed on a page: one or more rectangles (a story wraps around
    a photo or jumps columns). Found from the PDF's text at upload; an editor corrects it."""

    page = models.ForeignKey("articles.PrintPage", verbose_name="版面", on_delete=models.CASCADE, related_name="areas")
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="稿件",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="print_areas",
        help_text="空着表示还没有对应的稿件。",
    )
    headline = models.CharField("版面上的标题", max_length=200, blank=True)
    boxes = models.JSONField("区域", default=list, help_text="[[x0, y0, x1, y1], …]，单位为磅，从版面左上角量起。")
    order = models.PositiveSmallIntegerField("阅读顺序", default=0)
    corrected = models.BooleanField("编辑已调整", default=False)

    class Meta:
        verbose_name = "稿件区域"
        verbose_name_plural = "稿件区域"
        ordering = ["page", "order", "pk"]

    def __str__(self):
        return self.headline or f"区域 {self.pk}"
