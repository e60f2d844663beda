from datetime import datetime, time, timedelta

from django.db import models
from django.db.models import Exists, F, IntegerField, OuterRef, Q, Value
from django.urls import reverse
from django.utils import timezone

from articles import images
from articles.models import Article, ArticleUnion, TaggedArticle
from unionnews.text import XmlSafeModel
from unions.models import Union


def start_of(day):
    """The aware moment a local calendar day begins (Asia/Shanghai)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def union_rule_q(unions):
    """Q: a story linked (any role) to one of `unions` or a union below it; None for no unions."""
    if not unions:
        return None
    links = ArticleUnion.objects.filter(article=OuterRef("pk")).filter(Union.objects.subtrees_q(unions, via="union__"))
    return Q(Exists(links))


def tag_rule_q(tag_ids):
    if not tag_ids:
        return None
    return Q(Exists(TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)))


def all_of(parts):
    """AND of the rules given (None means "no rule of this kind"); None when there is none."""
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    combined = parts[0]
    for part in parts[1:]:
        combined &= part
    return combined


class CampaignQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Campaign.Status.PUBLISHED)

    def current_first(self):
        """Running campaigns first (the newest start first), then those over."""
        today = timezone.localdate()
        running = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        return self.alias(
            running=models.Case(models.When(running, then=0), default=1, output_field=models.IntegerField())
        ).order_by("running", "-starts_on", "-pk")

    def for_rules(self):
        """What Campaign.membership_q() reads: its tags, events and unions (three queries)."""
        return self.prefetch_related("tags", "events", "unions")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class Campaign(XmlSafeModel):
    """A 专题: a campaign's stories, caught by rules and picked by hand, shown on one page."""

    Status = CampaignStatus

    title = models.CharField("专题名称", max_length=100)
    slug = models.SlugField(
        "网址标识",
        max_length=60,
        unique=True,
        help_text="网址中使用的拼音、英文或数字，例如 quanhui-jingshen-2025；发布后请勿修改。",
        error_messages={"unique": "已有专题使用这个网址标识，请换一个。"},
    )
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期", null=True, blank=True, help_text="留空表示长期专题。")
    description = models.TextField("专题介绍", blank=True)
    banner = models.ImageField(
        "题图",
        upload_to="campaigns/%Y/",
        blank=True,
        validators=[images.validate_photo],
        help_text="横幅图片，建议宽高比 3:1，JPEG 或 PNG。",
    )
    banner_alt = models.CharField(
        "题图说明", max_length=200, blank=True, help_text="读屏软件朗读的文字，描述图片内容。"
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Rules: AND across kinds, OR within a kind, always within the period.
    tags = models.ManyToManyField("taggit.Tag", blank=True, related_name="+", verbose_name="按标签")
    events = models.ManyToManyField("events.Event", blank=True, related_name="campaigns", verbose_name="按活动")
    unions = models.ManyToManyField(
        "unions.Union",
        blank=True,
        related_name="campaigns",
        verbose_name="按工会组织",
        help_text="含下级工会：选湖州市总工会即包括其各区县。",
    )
    picked = models.ManyToManyField(
        "articles.Article",
        blank=True,
        related_name="+",
        verbose_name="手工加入的稿件",
        help_text="不受规则和时间限制。",
    )
    excluded = models.ManyToManyField(
        "articles.Article", blank=True, related_name="+", verbose_name="排除的稿件", help_text="即使符合规则也不收入。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="campaign_ends_after_it_starts",
                violation_error_message="结束日期不能早于开始日期。",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CampaignStatus.values),
                name="campaign_status_is_a_choice",
                violation_error_message="专题状态无效。",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_running(self):
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or today <= self.ends_on)

    def period_q(self):
        """Q: published (a story not yet signed off: created) within the campaign's local dates."""
        start = start_of(self.starts_on)
        q = Q(published_at__gte=start) | Q(published_at__isnull=True, created_at__gte=start)
        if self.ends_on:
            end = start_of(self.ends_on + timedelta(days=1))
            q &= Q(published_at__lt=end) | Q(published_at__isnull=True, created_at__lt=end)
        return q

    def rule_q(self):
        """Q of the rules alone: tags, events and unions (AND across kinds, OR within one),
        within the period; None when the campaign has no tag, event or union rule.

        Reads self.tags, self.events and self.unions: for_rules() prefetches them.
        """
        event_ids = [event.pk for event in self.events.all()]
        events = Article.events.through.objects.filter(article=OuterRef("pk"), event_id__in=event_ids)
        rules = all_of(
            [
                tag_rule_q([tag.pk for tag in self.tags.all()]),
                Q(Exists(events)) if event_ids else None,
                union_rule_q(list(self.unions.all())),
            ]
        )
        return None if rules is None else rules & self.period_q()

    def membership_q(self):
        """Q: the stories of this campaign, whatever their status: those its rules catch and
        those picked by hand, less those excluded by hand. The one definition of membership.

        Picks and exclusions are subqueries, read with the stories; the rules read what
        for_rules() prefetches (or three queries).
        """
        picked = Q(pk__in=Campaign.picked.through.objects.filter(campaign_id=self.pk).values("article_id"))
        rules = self.rule_q()
        caught = picked if rules is None else rules | picked
        excluded = Campaign.excluded.through.objects.filter(campaign_id=self.pk).values("article_id")
        return caught & ~Q(pk__in=excluded)

    def stories(self):
        """Every story of the campaign, any status (the coverage matrix counts drafts apart)."""
        return Article.objects.filter(self.membership_q())

    def published_stories(self):
        """What readers see of the campaign, newest first."""
        return self.stories().published().newest_first()

    def save(self, *args, **kwargs):
        if self.banner and not self.banner._committed:
            # A new upload, as for photos: where and with what it was taken is nobody's business.
            self.banner = images.without_personal_metadata(self.banner)
        super().save(*args, **kwargs)

    def weeks(self, today=None):
        """[(first day, last day)] of each week of the campaign, from its first day; an
        open-ended or unfinished campaign's weeks stop at the week holding today."""
        today = today or timezone.localdate()
        last = min(self.ends_on, today) if self.ends_on else today
        last = max(last, self.starts_on)
        weeks, start = [], self.starts_on
        while start <= last:
            weeks.append((start, min(start + timedelta(days=6), self.ends_on or start + timedelta(days=6))))
            start += timedelta(days=7)
        return weeks


class Lead(models.Model):
    """A story shown at the top of the campaign's page (头条)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="leads", verbose_name="专题")
    article = models.ForeignKey("articles.Article", verbose_name="稿件", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "头条稿件"
        verbose_name_plural = "头条稿件"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "article"], name="one_lead_per_story", violation_error_message="这篇稿件已是头条。"
            )
        ]

    def __str__(self):
        return str(self.article)


class Section(XmlSafeModel):
    """A part of the campaign's page: stories sorted into it by rule or by hand, or a list of links."""

    class Kind(models.TextChoices):
        STORIES = "stories", "稿件"
        LINKS = "links", "链接（如视频）"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sections", verbose_name="专题")
    title = models.CharField("栏目名称", max_length=30, help_text="例如：各地动态、基层声音、视频")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.STORIES)
    position = models.PositiveSmallIntegerField("顺序", default=0)
    tags = models.ManyToManyField("taggit.Tag", blank=True, related_name="+", verbose_name="按标签")
    unions = models.ManyToManyField(
        "unions.Union", blank=True, related_name="+", verbose_name="按工会组织", help_text="含下级工会。"
    )
    picked = models.ManyToManyField("articles.Article", blank=True, related_name="+", verbose_name="手工选入的稿件")

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def membership_q(self):
        """Q: the campaign's stories its tag and union rules catch (AND across, OR within), and
        those picked by hand (shown even when no campaign rule catches them). A section with neither holds none.

        Reads self.tags, self.unions and self.campaign's rules (prefetch them for a page).
        """
        picked = Q(pk__in=Section.picked.through.objects.filter(section_id=self.pk).values("article_id"))
        rules = all_of([tag_rule_q([tag.pk for tag in self.tags.all()]), union_rule_q(list(self.unions.all()))])
        if rules is None:
            return picked
        return (rules & self.campaign.membership_q()) | picked

    def get_absolute_url(self):
        return reverse("campaigns:section", kwargs={"slug": self.campaign.slug, "pk": self.pk})

    def published_stories(self):
        """What readers see of the section, newest first."""
        return Article.objects.published().filter(self.membership_q()).newest_first()


def newest_in_sections(sections, count):
    """{section pk: its `count` newest published stories, newest first} for these story
    sections, in one query however many sections there are. The sections' rules must be loaded.

    A UNION ALL of one part a section. SQLite refuses LIMIT in a part of a compound query, so
    each part fetches the stories whose keys its section's newest (the LIMIT) subquery gives.
    """
    parts = [
        Article.objects.filter(pk__in=section.published_stories().values("pk")[:count])
        .annotate(section_key=Value(section.pk, output_field=IntegerField()))
        .order_by()
        for section in sections
    ]
    if not parts:
        return {}
    by_section = {section.pk: [] for section in sections}
    # The union as a whole comes in no order: sort as each section's subquery did.
    rows = parts[0].union(*parts[1:], all=True)
    for story in sorted(rows, key=lambda story: (story.published_at, story.pk), reverse=True):
        by_section[story.section_key].append(story)
    return by_section


class Link(XmlSafeModel):
    """An entry of a links section: a video, a live broadcast, another site's page."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="links", verbose_name="栏目")
    title = models.CharField("标题", max_length=100)
    url = models.URLField("网址", max_length=500)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "链接"
        verbose_name_plural = "链接"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title
