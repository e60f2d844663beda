from django.conf import settings
from django.db import models
from django.db.models import Q

from unionnews.text import XmlSafeModel
from unions.models import Union


class ContributorQuerySet(models.QuerySet):
    def visible_to_scope(self, unions, user):
        """The people `user`, whose scope is `unions` (workflow.scope_unions(): None means
        no limit), may list: the paper's own staff (no union), themselves, and the people
        of the unions in those subtrees. Other cities' correspondents stay hidden."""
        if unions is None:
            return self
        visible = Q(union__isnull=True) | Q(user=user) | Union.objects.subtrees_q(unions, via="union__")
        return self.filter(visible)


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

    objects = ContributorQuerySet.as_manager()

    class Meta:
        verbose_name = "作者"
        verbose_name_plural = "作者"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def unit(self):
        """Where the person works, as the desk says it: their union's short name, 本报 for
        the paper's own staff (a desk account and no union), "" when not known.

        Reads self.union: select it with the contributor."""
        if self.union_id:
            return self.union.short_name
        return "本报" if self.user_id else ""

    @property
    def label(self):
        """周文澜（本报）, 姚晴（湖州）: the name with the unit, for the desk's lists and choices."""
        return f"{self.name}（{self.unit}）" if self.unit else self.name


def display_name(user):
    """The name a desk member is known by: their byline, else their full name, else the username.

    Reads user.contributor: one query unless it was selected with the user.
    """
    contributor = getattr(user, "contributor", None)  # the missing reverse one-to-one is an AttributeError
    return (contributor.name if contributor else "") or user.get_full_name() or user.get_username()


def person(user):
    """Who did something, as the desk's lists show it: the byline with its unit
    (周文澜（本报）), else the full name, else the username.

    Reads user.contributor.union: select "…__contributor__union" with the user.
    """
    contributor = getattr(user, "contributor", None)
    if contributor and contributor.name:
        return contributor.label
    return display_name(user)
