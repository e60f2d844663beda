from django.db import models

from articles import images
from unionnews import media
from unionnews.text import XmlSafeModel


class Photo(XmlSafeModel):
    """A photo on a story. Renditions for pages and cards are made once, on save.

    The original, stripped of personal metadata on upload, is kept in private
    storage (editors download it through the admin); readers get the renditions:
    `renditions` lists them (WebP and JPEG at images.RENDITION_WIDTHS, with their
    sizes), and `display` and `thumbnail` name two of the JPEGs for what wants a
    single file (og:image, JSON-LD, the admin). Photos stored before renditions
    existed have only `display` and `thumbnail`, which the pages then list
    (`python manage.py make_renditions` makes the rest). Every file is named in
    these fields, so a copy of a row's field values is a photo sharing its files.
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
    # [{"format": "webp" or "jpeg", "width": 400, "height": 300, "name": "photos/renditions/…"}]
    renditions = models.JSONField(default=list, blank=True, editable=False)
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
            self.make_renditions()
        super().save(*args, **kwargs)

    # What make_renditions() sets, for save(update_fields=…) and update().
    RENDITION_FIELDS = (
        "renditions",
        "display",
        "display_width",
        "display_height",
        "thumbnail",
        "thumbnail_width",
        "thumbnail_height",
    )

    def make_renditions(self):
        """Make and store the renditions of `image`, and point `display` and `thumbnail` at two of them."""
        storage = type(self)._meta.get_field("display").storage
        self.renditions = images.store_renditions(storage, self.image)
        jpegs = [r for r in self.renditions if r["format"] == "jpeg"]  # largest first
        thumbnail = min((r for r in jpegs if r["width"] >= images.THUMBNAIL_WIDTH), default=jpegs[0], key=_width)
        # Django reads a file's size when its name is assigned; set from what was made all the same.
        self.display, self.thumbnail = jpegs[0]["name"], thumbnail["name"]
        self.display_width, self.display_height = jpegs[0]["width"], jpegs[0]["height"]
        self.thumbnail_width, self.thumbnail_height = thumbnail["width"], thumbnail["height"]

    @property
    def webp_srcset(self):
        """The WebP renditions for a <source srcset>; empty for a photo stored before there were any."""
        return self._srcset("webp")

    @property
    def jpeg_srcset(self):
        """The JPEG renditions for an <img srcset>; for an older photo, its display and thumbnail files."""
        return self._srcset("jpeg") or ", ".join(
            f"{file.url} {width}w"
            for file, width in [(self.display, self.display_width), (self.thumbnail, self.thumbnail_width)]
            if file and width
        )

    def jpeg_sizes(self):
        """[(url, width, height)] of the JPEG renditions, largest first (for JSON-LD and feeds).

        For a photo stored before there were renditions: its display file, if it has one.
        """
        storage = type(self)._meta.get_field("display").storage
        sizes = [
            (storage.url(r["name"]), r["width"], r.get("height"))
            for r in sorted(self._valid_renditions(), key=_width, reverse=True)
            if r["format"] == "jpeg"
        ]
        if not sizes and self.display:
            sizes = [(self.display.url, self.display_width, self.display_height)]
        return sizes

    def _srcset(self, rendition_format):
        storage = type(self)._meta.get_field("display").storage
        return ", ".join(
            f"{storage.url(r['name'])} {r['width']}w"
            for r in sorted(self._valid_renditions(), key=_width)
            if r["format"] == rendition_format
        )

    def _valid_renditions(self):
        """The entries of `renditions` pages can use; anything else (a hand-edited row, say) is left out."""
        if not isinstance(self.renditions, list):
            return []
        return [
            r
            for r in self.renditions
            if isinstance(r, dict)
            and r.get("format") in images.FORMATS
            and isinstance(r.get("name"), str)
            and r["name"]
            and isinstance(r.get("width"), int)
            and r["width"] > 0
        ]

    def rendition_names(self):
        return [r["name"] for r in self._valid_renditions()]

    def _needs_renditions(self):
        if not self.image._committed or not self.display:
            return True  # a new upload, or renditions never made
        if self._state.adding:
            return False  # a stored file with its renditions, e.g. a photo restored from a revision
        stored = type(self).objects.filter(pk=self.pk).values_list("image", flat=True).first()
        return stored != self.image.name


def _width(rendition):
    return rendition["width"]
