from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from articles.editorial.printpage import collocations
from unionnews.text import XmlSafeModel


class Term(XmlSafeModel):
    """An entry of the desk's list of standard expressions and forbidden or outdated terms."""

    class Kind(models.TextChoices):
        FORBIDDEN = "forbidden", "禁用词"
        OUTDATED = "outdated", "过时说法"
        STANDARD = "standard", "不规范表述"
        LEADER = "leader", "领导姓名职务"
        COLLOCATION = "collocation", "固定搭配"

    term = models.CharField("词语", max_length=50, unique=True, error_messages={"unique": "词表里已有这个词语。"})
    preferred = models.CharField(
        "规范说法",
        max_length=100,
        blank=True,
        help_text="稿件中应使用的说法；禁用词可留空。领导姓名职务：词语填姓名，规范说法填含姓名的完整称谓，"
        "如“省总工会党组书记、主席张三”，稿件中首次出现时须这样写。固定搭配：词语填完整的说法"
        "（至少5个字，如“扩大会议精神”），规范说法留空；稿件中少了其中一个字（扩大会精神）会被提示。",
    )
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    note = models.TextField("说明", blank=True)

    class Meta:
        db_table = "articles_term"  # kept from when this model lived in articles
        verbose_name = "规范用语"
        verbose_name_plural = "规范用语（编辑检查词表）"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.preferred}" if self.preferred else self.term

    def clean(self):
        if self.kind == self.Kind.LEADER and self.term not in self.preferred:
            raise ValidationError({"preferred": "领导姓名职务的规范说法须包含姓名，如“省总工会主席张三”。"})
        if self.kind == self.Kind.COLLOCATION and len(self.term) < collocations.MIN_LENGTH:
            raise ValidationError(
                {"term": f"固定搭配至少{collocations.MIN_LENGTH}个字：更短的说法少一个字后常是别的词的一部分。"}
            )


class Finding(models.Model):
    """A QA warning on a story, recomputed by qa.recheck() after every save of the story."""

    class Code(models.TextChoices):
        DUPLICATE_TEXT = "duplicate-text", "重复文字"
        SEGMENT_UNION_MISMATCH = "segment-union-mismatch", "分段与工会不符"
        BROKEN_BREAK = "broken-break", "断行未接合"
        HALFWIDTH_PUNCTUATION = "halfwidth-punctuation", "半角标点"
        UNBALANCED_PAIR = "unbalanced-pair", "引号括号不配对"
        TERM = "term", "规范用语"
        MISSING_BYLINE = "missing-byline", "缺少署名"
        UNLIKELY_JOIN = "unlikely-join", "断行处疑缺字"
        LEADER_TITLE = "leader-title", "领导姓名职务"
        TRUNCATED_COLLOCATION = "truncated-collocation", "固定搭配疑缺字"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="findings")
    code = models.CharField("类别", max_length=30, choices=Code.choices)
    message = models.CharField("说明", max_length=300)
    excerpt = models.TextField("原文", blank=True)
    segment = models.CharField("所在分段", max_length=100, blank=True)
    # Stable across rechecks, so an acknowledgement survives later saves.
    fingerprint = models.CharField(max_length=40, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "articles_finding"  # kept from when this model lived in articles
        verbose_name = "编辑检查提示"
        verbose_name_plural = "编辑检查提示"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.get_code_display()}：{self.excerpt[:30]}"


# What the importer repaired: shown on the import result, never stored as a Finding.
IMPORT_NOTE_NAMES = {"repaired-break": "已接合断行", "normalised-punctuation": "已改为全角标点"}


def code_name(code):
    """The Chinese name of a finding code, as the story form shows it."""
    return dict(Finding.Code.choices).get(code) or IMPORT_NOTE_NAMES.get(code, code)


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
        db_table = "articles_acknowledgement"  # kept from when this model lived in articles
        verbose_name = "检查提示确认"
        verbose_name_plural = "检查提示确认"
        ordering = ["acknowledged_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="one_acknowledgement_per_finding")
        ]

    def __str__(self):
        return f"{self.get_code_display()}：{self.excerpt[:30]}"


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
        db_table = "articles_printimport"  # kept from when this model lived in articles
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
        db_table = "articles_caption"  # kept from when this model lived in articles
        verbose_name = "待配图说明"
        verbose_name_plural = "待配图说明（版面导入的图片说明，尚无图片）"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text
