from django.db import models

from unionnews.text import XmlSafeModel


class PrintImport(models.Model):
    """The parsed text of one story's part on one print page, as imported.

    A story's parts (page 1 up to 下转第2版, page 2 from 上接第1版) are kept
    apart so the web story can be rebuilt in page order whichever page came
    first; `fingerprint` makes re-importing an unchanged page a no-op.
    """

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="print_imports")
    page = models.ForeignKey("articles.PrintPage", on_delete=models.CASCADE, related_name="imports")
    headline = models.CharField("主题", max_length=200)
    continued_from = models.PositiveSmallIntegerField("上接版次", null=True, blank=True)
    data = models.JSONField("解析结果")
    fingerprint = models.CharField(max_length=64)
    imported_at = models.DateTimeField("导入时间", auto_now=True)
    # The story's version this import left; a later version means an editor changed it since.
    article_version = models.PositiveIntegerField("导入后版本", default=0)

    class Meta:
        verbose_name = "版面导入记录"
        verbose_name_plural = "版面导入记录"
        ordering = ["page__number", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "page"], name="one_import_per_article_page")]

    def __str__(self):
        return f"{self.page} {self.headline}"


class Caption(XmlSafeModel):
    """A photo caption printed with a story whose image has not been uploaded.

    Photo needs an image file, and a text page has none: the caption waits
    here until an editor adds the photo (and copies the caption onto it)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="captions")
    text = models.CharField("图片说明", max_length=300)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "待配图说明"
        verbose_name_plural = "待配图说明（版面导入的图片说明，尚无图片）"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text
