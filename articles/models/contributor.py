from django.conf import settings
from django.db import models

from unionnews.text import XmlSafeModel


class Contributor(XmlSafeModel):
    """A reporter, correspondent, photographer or editor whose name goes on stories."""

    name = models.CharField("姓名", max_length=50)
    union = models.ForeignKey(
        "unions.Union",
        verbose_name="所属工会",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributors",
        help_text="通讯员所在的工会组织；本报记者可留空。",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="后台账号",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
    )

    unions = models.ManyToManyField(
        "unions.Union",
        verbose_name="采写范围",
        blank=True,
        related_name="correspondents",
        help_text="通讯员只能采写、查看报道对象在这些工会组织（含下级）内的稿件。",
    )

    class Meta:
        verbose_name = "作者"
        verbose_name_plural = "作者"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name
