from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.models.article import card_prefetches
from articles.richtext import RichTextField, sanitize
from unionnews.text import XmlSafeModel
from unions.models import Union


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self):
        """Not over yet, soonest first."""
        now = timezone.now()
        return self.filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)).order_by(
            "starts_at", "pk"
        )

    def past(self):
        """Over, most recent first."""
        now = timezone.now()
        return self.filter(Q(ends_at__lt=now) | Q(ends_at__isnull=True, starts_at__lt=now)).order_by(
            "-starts_at", "-pk"
        )

    def about(self, union):
        """Events organised or hosted by `union` or any union below it."""
        links = EventUnion.objects.filter(event=OuterRef("pk")).filter(union.subtree_q(via="union__"))
        return self.filter(Exists(links))

    def visible_to_scope(self, unions):
        """What a user whose scope is `unions` may see in the admin (workflow.scope_unions():
        None means no limit): every published event, and events of any status organised,
        hosted or supported by a union in those subtrees. An empty `unions` leaves the
        published events only.
        """
        if unions is None:
            return self
        visible = Q(status=Event.Status.PUBLISHED)
        if unions:
            in_scope = Union.objects.subtrees_q(unions, via="union__")
            visible |= Exists(EventUnion.objects.filter(event=OuterRef("pk")).filter(in_scope))
        return self.filter(visible)

    def filtered(self, *, kind="", year=None):
        """Narrow by kind and by the (local) year the event starts; blanks mean "any"."""
        qs = self
        if kind:
            qs = qs.filter(kind=kind)
        if year:
            qs = qs.filter(starts_at__year=year)
        return qs

    def for_listing(self):
        """What an event card shows (organisers), in a fixed number of queries."""
        return self.prefetch_related(Prefetch("event_unions", queryset=EventUnion.objects.select_related("union")))

    def for_detail(self):
        """Everything the event page shows but its reports, which it pages (Event.reports())."""
        return self.for_listing().prefetch_related(
            Prefetch("standings", queryset=Standing.objects.select_related("union")),
            Prefetch("awards", queryset=Award.objects.select_related("union")),
        )


# At module level, so that Meta.constraints can name the choices.
class EventStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class Event(XmlSafeModel):
    """A meeting, competition, training or campaign that stories report on."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "会议"
        COMPETITION = "competition", "竞赛"
        TRAINING = "training", "培训"
        CAMPAIGN = "campaign", "主题活动"

    Status = EventStatus

    title = models.CharField("名称", max_length=200)
    slug = models.SlugField(
        "网址标识",
        max_length=100,
        unique=True,
        blank=True,
        help_text="网址中使用的拼音、英文或数字，例如 huzhou-gongba-2024。留空则按开始日期、主办单位和类型自动生成，"
        "如 2024-06-12-huzhou-competition；以后修改标题不会改变它，改动它时旧网址自动跳转到新网址。",
        error_messages={"unique": "已有活动使用这个网址标识，请换一个。"},
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.MEETING)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间", null=True, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    description = RichTextField("介绍")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    unions = models.ManyToManyField(
        "unions.Union", through="events.EventUnion", related_name="events", verbose_name="主办/承办单位"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        db_table = "articles_event"  # kept from when this model lived in articles
        verbose_name = "活动"
        verbose_name_plural = "活动与赛事"
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message="结束时间不能早于开始时间。",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values),
                name="event_status_is_a_choice",
                violation_error_message="活动状态无效。",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_over(self):
        return (self.ends_at or self.starts_at) < timezone.now()

    def reports(self):
        """The published stories about the event, newest first, with what their compact cards show."""
        return Article.objects.published().filter(events=self).newest_first().prefetch_related(*card_prefetches())

    def unions_by_role(self):
        """[(role label, [unions])] as 主办, 承办, 协办, e.g. [("主办", [湖州市总工会])].

        Reads self.event_unions; for_listing() prefetches them with their unions.
        (EventUnion's Meta ordering sorts role codes alphabetically, which would
        put 承办 "host" before 主办 "organiser".)
        """
        groups = {label: [] for label in EventUnion.Role.labels}
        for link in self.event_unions.all():
            groups[link.get_role_display()].append(link.union)
        return [(label, unions) for label, unions in groups.items() if unions]

    def award_groups(self):
        """[(kind label, [awards])], individual awards first. Reads prefetched self.awards."""
        groups = {label: [] for label in Award.Kind.labels}
        for award in self.awards.all():
            groups[award.get_kind_display()].append(award)
        return [(label, awards) for label, awards in groups.items() if awards]

    def dated_slug(self, union=None):
        """A free slug from the event's start date, `union`'s slug and its kind, e.g.
        2025-06-12-huzhou-competition (with -2, -3 … when taken). One query."""
        base = "-".join(
            part
            for part in (f"{timezone.localtime(self.starts_at):%Y-%m-%d}", union.slug if union else "", self.kind)
            if part
        )[: self._meta.get_field("slug").max_length - 4]
        taken = set(Event.objects.exclude(pk=self.pk).filter(slug__startswith=base).values_list("slug", flat=True))
        return next(slug for slug in (base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))) if slug not in taken)

    def save(self, *args, **kwargs):
        sanitize(self, "description")
        if not self.slug:
            self.slug = self.dated_slug()
        previous = (
            None if self._state.adding else Event.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        )
        super().save(*args, **kwargs)
        # The live slug wins over anyone's old one; an address the event had keeps leading to it.
        OldEventSlug.objects.filter(slug=self.slug).delete()
        if previous and previous != self.slug:
            OldEventSlug.objects.update_or_create(slug=previous, defaults={"event": self})


class OldEventSlug(models.Model):
    """An address an event had: /events/<slug>/ redirects permanently to its page today."""

    slug = models.SlugField("旧网址标识", max_length=100, unique=True, allow_unicode=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="old_slugs")

    class Meta:
        verbose_name = "活动旧网址"
        verbose_name_plural = "活动旧网址"

    def __str__(self):
        return self.slug


class EventUnion(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", "主办"
        HOST = "host", "承办"
        SUPPORTER = "supporter", "协办"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_unions")
    union = models.ForeignKey(
        "unions.Union", verbose_name="工会组织", on_delete=models.PROTECT, related_name="event_links"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.ORGANISER)

    class Meta:
        db_table = "articles_eventunion"  # kept from when this model lived in articles
        verbose_name = "主办/承办单位"
        verbose_name_plural = "主办/承办单位"
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "union", "role"],
                name="one_role_per_event_union",
                violation_error_message="这个单位已经以该角色列出。",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}：{self.union}"


class Standing(XmlSafeModel):
    """A team's final place in a competition."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="standings")
    rank = models.PositiveSmallIntegerField("名次")
    team = models.CharField("队伍", max_length=100)
    organisation = models.CharField("所属单位", max_length=100, blank=True, help_text="例如：长兴天顺物流有限公司")
    union = models.ForeignKey(
        "unions.Union",
        verbose_name="代表工会",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="standings",
    )
    note = models.CharField("备注", max_length=100, blank=True, help_text="例如：冠军、加时赛胜出")

    class Meta:
        db_table = "articles_standing"  # kept from when this model lived in articles
        verbose_name = "名次"
        verbose_name_plural = "比赛名次"
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "team"],
                name="one_standing_per_team",
                violation_error_message="这支队伍已经在名次表中。",
            ),
            models.CheckConstraint(
                condition=Q(rank__gte=1),
                name="standing_rank_positive",
                violation_error_message="名次从1开始。",
            ),
        ]

    def __str__(self):
        return f"第{self.rank}名 {self.team}"


class Award(XmlSafeModel):
    """An individual or team award given at an event (MVP, 优秀组织奖 …)."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", "个人奖"
        TEAM = "team", "团体奖"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField("奖项", max_length=50)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.TEAM)
    recipient = models.CharField("获奖者", max_length=100, help_text="个人姓名或队伍、单位名称")
    organisation = models.CharField("所属单位", max_length=100, blank=True)
    union = models.ForeignKey(
        "unions.Union",
        verbose_name="相关工会",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        db_table = "articles_award"  # kept from when this model lived in articles
        verbose_name = "奖项"
        verbose_name_plural = "奖项"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.name}：{self.recipient}"
