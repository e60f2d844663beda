from django.db import models

from articles import images
from unionnews import media
from unionnews.text import XmlSafeModel


class Photo(XmlSafeModel):
    """A photo on a story. Renditions for pages and cards are made once, on save.

    The original, stripped of personal metadata on upload, is kept in private
    storage (editors download it through the admin); readers get the renditions.
    """

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        "图片",
        upload_to="photos/%Y/%m/",
        storage=media.originals,
        width_field="width",
        height_field="height",
        validators=[images.validate_photo],
        help_text="JPEG、PNG 或 WebP 格式。",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    # Django stores each rendition's size when it is assigned, for the width and
    # height attributes that reserve the photo's place on the page.
    display = models.ImageField(
        upload_to="photos/display/%Y/%m/",
        editable=False,
        blank=True,
        width_field="display_width",
        height_field="display_height",
    )
    display_width = models.PositiveIntegerField(editable=False, null=True)
    display_height = models.PositiveIntegerField(editable=False, null=True)
    thumbnail = models.ImageField(
        upload_to="photos/thumb/%Y/%m/",
        editable=False,
        blank=True,
        width_field="thumbnail_width",
        height_field="thumbnail_height",
    )
    thumbnail_width = models.PositiveIntegerField(editable=False, null=True)
    thumbnail_height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField("图片说明", max_length=300, blank=True)
    credit = models.CharField("摄影/来源", max_length=100, blank=True, help_text="例如：记者 张三 摄")
    alt_text = models.CharField(
        "替代文字", max_length=200, blank=True, help_text="为视障读者描述图片内容；留空则使用图片说明。"
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption or f"图片 {self.pk}"

    @property
    def alt(self):
        return self.alt_text or self.caption

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            # A new upload: where and with what it was taken is nobody's business.
            self.image = images.without_personal_metadata(self.image)
        if self.image and self._needs_renditions():
            self.display = images.rendition(self.image, images.DISPLAY_WIDTH)
            self.thumbnail = images.rendition(self.image, images.THUMBNAIL_WIDTH)
        super().save(*args, **kwargs)

    def _needs_renditions(self):
        if not self.image._committed or not self.display:
            return True  # a new upload, or renditions never made
        if self._state.adding:
            return False  # a stored file with its renditions, e.g. a photo restored from a revision
        stored = type(self).objects.filter(pk=self.pk).values_list("image", flat=True).first()
        return stored != self.image.name
