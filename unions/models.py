from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Left
from django.urls import reverse
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from unionnews.text import XmlSafeModel


class UnionQuerySet(MP_NodeQuerySet):
    def cities(self):
        return self.filter(level=Union.Level.CITY)

    def within(self, union, include_self=True):
        """Unions in `union`'s subtree, as one query."""
        qs = self.filter(union.subtree_q())
        return qs if include_self else qs.exclude(pk=union.pk)

    def subtrees_q(self, unions, via=""):
        """Q matching the unions in the subtree of any of `unions`, optionally through a relation.

        No unions match nothing (a correspondent with no scope sees nothing).
        Reads no rows: call it as Union.objects.subtrees_q(...).
        """
        subtrees = [union.subtree_q(via=via) for union in unions]
        return reduce(or_, subtrees) if subtrees else Q(pk__in=[])

    def as_tree(self):
        """The unions as a forest: a list of top nodes, each with `branches`, its children.

        One query, ordered by path, so every parent comes before its children.
        """
        roots, by_path = [], {}
        for node in self.order_by("path"):
            node.branches = []
            by_path[node.path] = node
            parent = by_path.get(node.path[: -Union.steplen])
            (parent.branches if parent else roots).append(node)
        return roots

    def with_neighbours(self, slug):
        """The union with `slug`, its ancestors and its children, in one query.

        A semi-join of the union table against the one row with that slug: a scan of a
        table that stays small (a province's unions), whatever the archive's size.
        """
        target = Union.objects.filter(slug=slug)
        ancestor_or_self = target.filter(path__startswith=OuterRef("path"))
        parent = target.filter(depth=OuterRef("depth") - 1, path=Left(OuterRef("path"), OuterRef("parent_length")))
        return self.alias(parent_length=(F("depth") - 1) * Union.steplen).filter(
            Exists(ancestor_or_self) | Exists(parent)
        )


class UnionManager(MP_NodeManager.from_queryset(UnionQuerySet)):
    def get_queryset(self):
        # treebeard's manager hard-codes its own QuerySet class.
        return UnionQuerySet(self.model, using=self._db).order_by("path")


class Union(XmlSafeModel, MP_Node):
    """A trade-union organisation, placed in the federation tree.

    The tree is a materialised path (django-treebeard): a union's subtree is
    every row whose path starts with its own, so "湖州 and its counties" is a
    single indexed prefix match that composes across relations.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", "全国总工会"
        PROVINCE = "province", "省级工会"
        CITY = "city", "设区市总工会"
        COUNTY = "county", "县级工会"
        SECTOR = "sector", "产业（系统）工会"
        ENTERPRISE = "enterprise", "企事业单位工会"
        GRASSROOTS = "grassroots", "基层工会"
        UNIT = "unit", "直属单位"

    name = models.CharField("全称", max_length=100)
    short_name = models.CharField("简称", max_length=30, help_text="例如：湖州、南浔、巨化集团")
    level = models.CharField("层级", max_length=20, choices=Level.choices)
    slug = models.SlugField(
        "网址标识",
        max_length=60,
        unique=True,
        help_text="网址中使用的拼音或英文，例如 huzhou；发布后请勿修改。",
        error_messages={"unique": "已有工会组织使用这个网址标识，请换一个。"},
    )
    description = models.TextField("简介", blank=True)
    website = models.URLField("网站", blank=True)

    objects = UnionManager()

    class Meta:
        verbose_name = "工会组织"
        verbose_name_plural = "工会组织"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("unions:detail", kwargs={"slug": self.slug})

    def subtree_q(self, via=""):
        """Q matching this union and all unions below it, optionally through a relation.

        `Article.objects.filter(union.subtree_q(via="unions__"))` is one JOIN.
        """
        return Q(**{f"{via}path__startswith": self.path})


class Brand(XmlSafeModel):
    """A union's well-known work or service brand (绍兴's 越工驿站), so that a story about
    another city naming it can be flagged by the editorial checks."""

    union = models.ForeignKey(Union, verbose_name="工会组织", on_delete=models.CASCADE, related_name="brands")
    name = models.CharField(
        "品牌名称",
        max_length=30,
        unique=True,
        help_text="只写品牌本身，不带引号，例如：越工驿站。",
        error_messages={"unique": "已有工会组织登记了这个品牌。"},
    )

    class Meta:
        verbose_name = "工作品牌"
        verbose_name_plural = "工作品牌（编辑检查用：其他地方的稿件中出现时提示）"
        ordering = ["name"]

    def __str__(self):
        return self.name
