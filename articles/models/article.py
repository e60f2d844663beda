from functools import reduce
from operator import or_
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles.models import writes
from articles.models.listing import Listing
from articles.models.photo import Photo
from articles.models.print_edition import Placement, PrintPage
from articles.models.segment import Segment
from articles.models.status import REVIEW_STATES, Status, published_q
from articles.richtext import RichTextField, sanitize, teaser
from unionnews.text import XmlSafeModel
from unions.models import Union

# related_to() looks for related stories among those whose ids lie this close to the story's:
# about two months of a provincial desk's output either side.
RELATED_WINDOW = 1500


def _count(rows, story):
    """How many `rows` there are, as a correlated subquery (0 for none); `story` is the
    field they are filtered on with OuterRef, grouped by so the count is one row."""
    return Coalesce(Subquery(rows.order_by().values(story).annotate(n=Count("*")).values("n")), 0)


def any_of(subqueries):
    """Q: the primary key is one of those the (sliced) `subqueries` select.

    Where the database allows LIMIT in a UNION's parts (PostgreSQL), one IN over their
    UNION ALL, which the planner joins by primary key; elsewhere (SQLite) an OR of INs,
    which PostgreSQL would answer by scanning the whole table.
    """
    first, *rest = subqueries
    if rest and connection.features.supports_slicing_ordering_in_compound:
        return Q(pk__in=first.union(*rest, all=True))
    return reduce(or_, (Q(pk__in=subquery) for subquery in subqueries))


def related_model(name):
    """The model at the other end of Article.`name`: events.Event for "events".

    Apps built on articles (events, editorial) define these models; articles names them
    through its relations instead of importing them.
    """
    return Article._meta.get_field(name).related_model


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Visible to readers now. Scheduled stories appear when their time comes."""
        return self.filter(published_q())

    def scheduled(self):
        """Signed off, waiting for their publication time (must agree with Article.is_scheduled).

        The complement of published_q() among signed-off stories, which always have a time
        (constraint published_article_has_time); said as a range, so the (status, published_at)
        index finds them instead of a walk past every published story (the 编辑台).
        """
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def about(self, union):
        """Articles concerning `union` or any union below it in the tree (no duplicates)."""
        links = ArticleUnion.objects.filter(article=OuterRef("pk")).filter(union.subtree_q(via="union__"))
        return self.filter(Exists(links))

    def within_scope(self, unions):
        """Stories all of whose subject unions lie in the subtrees of `unions` (at least one).

        Correspondents see and edit only these. An empty `unions` matches nothing.
        """
        if not unions:
            return self.none()
        # From the scope's links to their stories (an IN), not from every story to its links
        # (an EXISTS per story): at 100,000 stories a city's count takes 0.2 s, not 1.5 s.
        scope = Union.objects.filter(Union.objects.subtrees_q(unions)).values("pk")
        subjects = ArticleUnion.objects.filter(role=ArticleUnion.Role.SUBJECT)
        in_scope = subjects.filter(union__in=scope).values("article_id")
        elsewhere = subjects.filter(article=OuterRef("pk")).exclude(union__in=scope)
        return self.filter(pk__in=in_scope).exclude(Exists(elsewhere))

    def tagged(self, tag):
        return self.filter(tags=tag)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_listing(self):
        """Everything a headline card shows, in a fixed number of queries."""
        return self.prefetch_related("tags", *card_prefetches())

    def for_reading(self):
        """The article page's story row, with flags saying which of its rarer relations exist.

        Article.load_page() then skips the query of a relation the story lacks (most have
        no events, segments, print placements or corrections).
        """
        flags = {f"has_{name}": Exists(self._relation_rows(name)) for name in OPTIONAL_RELATIONS}
        return self.select_related("editor").annotate(**flags)

    def _relation_rows(self, name):
        field = self.model._meta.get_field(name)
        if field.many_to_many:
            return field.remote_field.through.objects.filter(article=OuterRef("pk"))
        return field.related_model.objects.filter(article=OuterRef("pk"))

    def for_print(self):
        """The print placements with their pages, in print order, for print_runs()."""
        return self.prefetch_related(
            Prefetch("placements", queryset=Placement.objects.select_related("page").order_by("part", "pk"))
        )

    def for_indexing(self):
        """Everything SearchDocument.for_article() reads, in a fixed number of queries."""
        return self.prefetch_related(
            "tags",
            "photos",
            Prefetch("segments", queryset=Segment.objects.select_related("union")),
            Prefetch("credits", queryset=Credit.objects.select_related("contributor")),
            Prefetch("article_unions", queryset=ArticleUnion.objects.select_related("union")),
        )

    def listed_under(self, union):
        """The stories on `union`'s news list (it or any union below it), newest first.

        Agrees with about(union).newest_first(), but reads Listing: one index range scan
        of the rows it returns, whatever the size of the subtree or the archive.
        """
        return self.filter(listings__union=union, listings__published_at__lte=timezone.now()).order_by(
            "-listings__published_at", "-listings__article_id"
        )

    def related_to(self, article_pk, window=RELATED_WINDOW):
        """Other stories sharing tags, unions or events with the story `article_pk`, most shared first.

        Candidates are the stories written near it: ids within `window` of its own, so the
        cost is the same for the first story and the hundred-thousandth, and a story is
        related to its own time's coverage. Shared tags, unions and events are counted
        separately and DISTINCT, so a story's other links do not inflate its score. One
        query: the story's own links are read by subqueries.
        """
        tags = TaggedArticle.objects.filter(content_object_id=article_pk).values("tag_id")
        unions = ArticleUnion.objects.filter(article_id=article_pk).values("union_id")
        events = Article.events.through.objects.filter(article_id=article_pk).values("event_id")
        low, high = article_pk - window, article_pk + window
        sharing_tags = TaggedArticle.objects.filter(tag_id__in=tags, content_object__gte=low, content_object__lte=high)
        sharing_unions = ArticleUnion.objects.filter(union_id__in=unions, article__gte=low, article__lte=high)
        sharing_events = Article.events.through.objects.filter(event_id__in=events)
        # One IN over a UNION, which the planner joins from: an OR of three INs makes it
        # walk the whole table testing each row.
        candidates = Q(
            pk__in=sharing_tags.values_list("content_object_id").union(
                sharing_unions.values_list("article_id"), sharing_events.values_list("article_id")
            )
        )
        # Counted per candidate by index lookups, not by joining every candidate's links.
        # Every candidate shares something, so each scores at least 1.
        shared = (
            _count(TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tags), "content_object")
            + _count(ArticleUnion.objects.filter(article=OuterRef("pk"), union_id__in=unions), "article")
            + _count(Article.events.through.objects.filter(article=OuterRef("pk"), event_id__in=events), "article")
        )
        return (
            self.filter(candidates)
            .exclude(pk=article_pk)
            .annotate(shared=shared)
            .order_by("-shared", "-published_at", "-pk")
        )

    def leads_and_latest(self, leads, latest):
        """The newest `leads` featured stories (要闻), and the newest `latest` others, in one query.

        Call it on a newest-first QuerySet. One walk of the date index: the newest
        `leads + latest` stories, then featured ones until `leads` more. Those hold every
        latest story, and the newest featured ones are the first featured rows: a
        featured story among the newest that is not a lead is older than the leads.
        """
        newest = self.values("pk")[: leads + latest]
        rows = list(self.filter(Q(is_featured=True) | Q(pk__in=newest))[: leads + latest + leads])
        lead_rows = [row for row in rows if row.is_featured][:leads]
        return lead_rows, [row for row in rows if row not in lead_rows][:latest]

    def latest_per_city(self, cities, per_city=3):
        """{city: [articles]} with the newest `per_city` stories on each city's news list.

        One query however many cities or stories: each city's part is a short range scan
        of Listing (which holds signed-off stories only). The stories come bare, for
        headline links; prefetch for cards.
        """
        if not cities:
            return {}
        now = timezone.now()
        newest = [
            Listing.objects.filter(union=city, published_at__lte=now)
            .order_by("-published_at", "-article_id")
            .values("pk")[:per_city]
            for city in cities
        ]
        # The story's status is checked on the rows found, where the story is joined anyway: in
        # each city's part it was a join per row that cost more than the part's range scan.
        rows = (
            Listing.objects.filter(any_of(newest), article__status=Status.PUBLISHED)
            .select_related("article")
            .order_by("-published_at", "-article_id")
        )
        by_city = {city.pk: [] for city in cities}
        for row in rows:
            by_city[row.union_id].append(row.article)
        return {city: by_city[city.pk] for city in cities}


# The relations of a story that for_reading() checks before load_page() loads them.
OPTIONAL_RELATIONS = ["events", "segments", "placements", "corrections"]


def card_prefetches():
    """What a headline card shows besides the story's row: its lead union and photo (and tags, unless compact)."""
    return [
        Prefetch("article_unions", queryset=ArticleUnion.objects.select_related("union").order_by("role_order", "pk")),
        Prefetch("photos", queryset=Photo.objects.order_by("position", "pk")),
    ]


class PrintRun(NamedTuple):
    placement: Placement
    continued_from: PrintPage | None
    continues_on: PrintPage | None


SHORT_HEADLINE_LENGTH = 30


class Article(XmlSafeModel):
    """A story: one web page, possibly printed across several pages, possibly a roundup."""

    Status = Status

    kicker = models.CharField("引题", max_length=200, blank=True, help_text="主题上方的一行，可空。")
    headline = models.CharField("主题", max_length=200)
    subheadline = models.CharField(
        "副题", max_length=200, blank=True, help_text="主题下方的一行，不必输入开头的破折号。"
    )
    # Chinese newsrooms keep list headlines to about 30 characters.
    short_headline = models.CharField(
        "短标题",
        max_length=SHORT_HEADLINE_LENGTH,
        blank=True,
        help_text="主题超过30字时请填写，用于列表和卡片（首页头条仍用主题）；留空则用主题。",
    )
    source = models.CharField(
        "稿源", max_length=50, blank=True, default="本报讯", help_text="例如：本报讯、新华社、湖州市总工会供稿"
    )
    dateline = models.CharField("电头地点", max_length=30, blank=True, help_text="例如：湖州")
    summary = models.TextField("摘要", blank=True, help_text="列表和分享时显示；留空则取正文开头。")
    body = RichTextField("正文")
    editor = models.ForeignKey(
        "articles.Contributor",
        verbose_name="责任编辑",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edited_articles",
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "发布时间", null=True, blank=True, help_text="可填将来的时间，届时自动出现在网站上。"
    )
    is_featured = models.BooleanField("要闻", default=False, help_text="在首页头条区显示。")
    unions = models.ManyToManyField(
        "unions.Union", through="articles.ArticleUnion", related_name="articles", verbose_name="相关工会"
    )
    events = models.ManyToManyField("events.Event", blank=True, related_name="articles", verbose_name="相关活动")
    pages = models.ManyToManyField(
        "articles.PrintPage", through="articles.Placement", related_name="articles", verbose_name="见报版面"
    )
    tags = TaggableManager("标签", through="articles.TaggedArticle", blank=True, help_text="多个标签用逗号或顿号分隔。")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="created_articles",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    # Bumped by every change of what readers see (articles.editing); equals the newest Revision's number.
    version = models.PositiveIntegerField("版本", default=0, editable=False)
    # The last change readers can see made after the story went live (更新于…).
    revised_at = models.DateTimeField("更新时间", null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="删除人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    status_before_delete = models.CharField("删除前状态", max_length=20, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-published_at", "-pk"]
        indexes = [
            # newest_first() of published(), read from the index alone (a deep page's OFFSET
            # walks index entries, not rows).
            models.Index(fields=["status", "-published_at", "-id"], name="article_status_newest"),
            # The sitemap index counts each month's stories and finds its newest change
            # (revised_at or published_at) from this small index alone, without the rows.
            # SQLite has no INCLUDE: there it is a partial index on published_at.
            models.Index(
                fields=["published_at"],
                include=["revised_at"],
                condition=Q(status="published"),
                name="article_published_lastmod",
            ),
            # Meta.ordering, the story admin's order: its pages and newest stories are read along this
            # index without a sort (drafts, with no time, come first). It replaced the index on
            # published_at alone, which it serves too (ranges, first and last); with both, the
            # planner took the narrower one and sorted every draft by id (docs/performance.md, "Admin").
            models.Index(fields=["-published_at", "-id"], name="article_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["published", "withdrawn"]) | Q(published_at__isnull=False),
                name="published_article_has_time",
                violation_error_message="已发布的稿件必须有发布时间。",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="article_status_is_a_choice",
                violation_error_message="稿件状态无效。",
            ),
        ]
        permissions = [
            ("any_union_article", "可采写任何工会的稿件（不受通讯员范围限制）"),
            ("first_review_article", "初审稿件"),
            ("second_review_article", "复审稿件"),
            ("final_review_article", "终审签发稿件"),
            ("withdraw_article", "撤稿"),
            ("delete_published_article", "删除已发布的稿件"),
            ("restore_article", "从回收站恢复稿件"),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        day = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "articles:detail",
            kwargs={"year": day.year, "month": day.month, "day": day.day, "pk": self.pk},
        )

    @property
    def is_published(self):
        # Must agree with published_q(), which ArticleQuerySet.published() uses.
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """Signed off, waiting for its publication time."""
        return self.status == self.Status.PUBLISHED and not self.is_published

    @property
    def list_headline(self):
        """The headline lists and cards show: the 短标题 when there is one."""
        return self.short_headline or self.headline

    @property
    def needs_short_headline(self):
        """A 主题 over 30 characters and no 短标题: editors are advised (not made) to write one."""
        return len(self.headline) > SHORT_HEADLINE_LENGTH and not self.short_headline

    @property
    def status_label(self):
        """The status as the admin says it: 定时发布：<time> until a signed-off story goes live."""
        if self.is_scheduled:
            return f"定时发布：{timezone.localtime(self.published_at):%Y-%m-%d %H:%M}"
        return self.get_status_display()

    @property
    def is_in_review(self):
        return self.status in REVIEW_STATES

    @property
    def lead_union(self):
        """The union a headline card labels the story with (prefetched data only).

        Its main subject: of the unions it is about (报道对象), the one that holds all the
        others in its subtree, such as the province of a roundup about every city (浙江
        over 杭州…丽水) or 湖州 over 南浔; else the first entered. A story with no
        subject is labelled with its first other union.
        """
        links = list(self.article_unions.all())  # subjects first (role_order), in entry order
        subjects = [link.union for link in links if link.role == UnionRole.SUBJECT]
        if not subjects:
            return links[0].union if links else None
        widest = min(subjects, key=lambda union: union.depth)
        if all(union.path.startswith(widest.path) for union in subjects):
            return widest
        return subjects[0]

    @property
    def lead_photo(self):
        photos = list(self.photos.all())
        return photos[0] if photos else None

    @property
    def last_visible_change(self):
        """The last change readers could see: revised_at, or its publication if never revised.

        The sitemaps' lastmod says the same in SQL (Coalesce("revised_at", "published_at")).
        """
        return self.revised_at or self.published_at

    def load_page(self, related=()):
        """Load what the article page shows of this story and its `related` stories' cards.

        One query a relation, shared by the story and the cards (unions, photos); none for
        a relation for_reading() found empty. Six queries for a story with no events,
        segments, placements or corrections, one more for each it has.
        """
        prefetch_related_objects([self, *related], *card_prefetches())
        optional = {
            "events": related_model("events").objects.published().order_by("starts_at", "pk"),
            "segments": Segment.objects.select_related("union").order_by("position", "pk"),
            "placements": Placement.objects.select_related("page").order_by("part", "pk"),
            "corrections": related_model("corrections").objects.order_by("at", "pk"),
        }
        prefetch_related_objects(
            [self],
            "tags",
            Prefetch("credits", queryset=Credit.objects.select_related("contributor").order_by("position", "pk")),
            *[
                Prefetch(name, queryset=queryset if getattr(self, f"has_{name}") else queryset.none())
                for name, queryset in optional.items()
            ],
        )

    def print_runs(self):
        """Each placement in print order with the pages it continues from and on to.

        A story on page 1 jumping to page 2 gives two runs: (第1版, None, 第2版)
        and (第2版, 第1版, None), i.e. 下转第2版 and 上接第1版. Reads
        self.placements with their pages; load_page() and for_print() prefetch them.
        """
        placements = list(self.placements.all())
        return [
            PrintRun(
                placement,
                placements[index - 1].page if index else None,
                placements[index + 1].page if index + 1 < len(placements) else None,
            )
            for index, placement in enumerate(placements)
        ]

    def print_run_on(self, page):
        """The print run of this story on `page`, or None (prefetched placements only)."""
        return next((run for run in self.print_runs() if run.placement.page_id == page.pk), None)

    def byline(self):
        """Return the byline, e.g. 记者 张三 李四 通讯员 王五, grouped by role in credit order.

        Reads self.credits; list views must prefetch "credits__contributor"
        or this costs one query per article.
        """
        groups = {}
        for credit in self.credits.all():
            groups.setdefault(credit.get_role_display(), []).append(credit.contributor.name)
        return " ".join(f"{role} {' '.join(names)}" for role, names in groups.items())

    def unacknowledged_findings(self):
        """Findings no editor has acknowledged yet; one query each for findings and acknowledgements."""
        acknowledged = set(self.acknowledgements.values_list("fingerprint", flat=True))
        return [finding for finding in self.findings.all() if finding.fingerprint not in acknowledged]

    def acknowledge(self, findings, user):
        """Record that `user` has seen `findings` (idempotent)."""
        for finding in findings:
            self.acknowledgements.get_or_create(
                fingerprint=finding.fingerprint,
                defaults={"code": finding.code, "excerpt": finding.excerpt, "acknowledged_by": user},
            )

    def teaser(self, length=90):
        """The summary, or the start of the body as plain text."""
        return teaser(self.body, length, summary=self.summary)

    def set_publication_time(self, at=None):
        """When a signed-off story goes live: at `at` (定时发布, not in the past), or now. Not saved."""
        now = timezone.now()
        if at is not None and at < now:
            raise ValidationError("定时发布的时间不能早于现在。")
        self.published_at = at or now

    def clean(self):
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.set_publication_time()

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not (
            self._state.adding
            or writes.in_progress(self.pk)
            or (update_fields is not None and set(update_fields) <= LIFECYCLE_FIELDS)
        ):
            raise RuntimeError(
                "A stored story's content changes only through articles.editing.save(), "
                "which checks rights, merges concurrent edits and keeps a revision."
            )
        sanitize(self, "body")
        super().save(*args, **kwargs)  # XmlSafeModel: no character XML 1.0 forbids, or every feed would fail


# What the review workflow and the trash change; saved directly (update_fields), not as content.
LIFECYCLE_FIELDS = {
    "status",
    "published_at",
    "updated_at",
    "deleted_at",
    "deleted_by",
    "status_before_delete",
    "created_by",
}


# At module level, so that Meta.constraints can name the choices.
class UnionRole(models.TextChoices):
    SUBJECT = "subject", "报道对象"
    ORGANISER = "organiser", "主办单位"
    MENTIONED = "mentioned", "提及"


class ArticleUnion(models.Model):
    """A union a story concerns, and how."""

    Role = UnionRole

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_unions")
    union = models.ForeignKey(
        "unions.Union", verbose_name="工会组织", on_delete=models.PROTECT, related_name="article_links"
    )
    role = models.CharField("关系", max_length=20, choices=Role.choices, default=Role.SUBJECT)
    # Subject first, then organiser, then mentioned: computed by the database, so
    # rows written by bulk_create() or update() are ordered right too.
    role_order = models.GeneratedField(
        expression=Case(*[When(role=role, then=Value(order)) for order, role in enumerate(Role.values)]),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "相关工会"
        verbose_name_plural = "相关工会"
        # A union's stories by id, for related_to()'s candidates; a union's subtree to its stories
        # without reading the links' rows (Article.about(), the story admin's union filter and its
        # capped count: docs/performance.md, "Admin").
        indexes = [models.Index(fields=["union", "article"], name="article_union_by_union")]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "union"],
                name="one_link_per_article_union",
                violation_error_message="同一个工会组织只能添加一次。",
            ),
            models.CheckConstraint(
                condition=Q(role__in=UnionRole.values),
                name="article_union_role_is_a_choice",
                violation_error_message="工会组织与稿件的关系无效。",
            ),
        ]

    def __str__(self):
        return f"{self.union}（{self.get_role_display()}）"


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "稿件标签"
        verbose_name_plural = "稿件标签"
        indexes = [
            # A tag's stories by id: related_to()'s candidates and the tag pages.
            models.Index(fields=["tag", "content_object"], name="tagged_article_by_tag"),
            # A story's tags from the index alone: related_to() counts them for each candidate.
            models.Index(fields=["content_object", "tag"], name="tagged_article_by_story"),
        ]


class CreditRole(models.TextChoices):
    REPORTER = "reporter", "记者"
    CORRESPONDENT = "correspondent", "通讯员"
    PHOTOGRAPHER = "photographer", "摄影"


class Credit(models.Model):
    """A contributor's name on a story, with the role it is printed under."""

    Role = CreditRole

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="credits")
    contributor = models.ForeignKey(
        "articles.Contributor", verbose_name="作者", on_delete=models.PROTECT, related_name="credits"
    )
    role = models.CharField("署名身份", max_length=20, choices=Role.choices, default=Role.REPORTER)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contributor", "role"],
                name="one_credit_per_role",
                violation_error_message="同一作者在同一身份下只能署名一次。",
            ),
            models.CheckConstraint(
                condition=Q(role__in=CreditRole.values),
                name="credit_role_is_a_choice",
                violation_error_message="署名身份无效。",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.contributor}"
