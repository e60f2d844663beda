"""How many points a story gives: the one definition, in SQL and for one story.

A story scores by where it was printed (its tier: 头版头条, 一版, 其他版, or 仅网络 when it
was never printed) plus a fixed amount per photo, by the scoring version in force on its
publication date. Each credited contributor and each union it is about is given the
story's points; each roundup segment gives its union the segment points on top.

The database computes a story's tier, photo count and version (tier(), photo_count(),
version()); points() turns those into points, and the statistics sum them per group, so
the story panel and the rankings cannot disagree.
"""

from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from articles.models import Article, ArticleUnion, Credit, Photo, Placement, Segment
from articles.statistics.models import ScoringRule

WEB_ONLY, OTHER_PAGE, FRONT_PAGE, FRONT_LEAD = 0, 1, 2, 3
TIER_FIELDS = {WEB_ONLY: "web_only", OTHER_PAGE: "other_page", FRONT_PAGE: "front_page", FRONT_LEAD: "front_lead"}
TIER_LABELS = {WEB_ONLY: "仅网络", OTHER_PAGE: "其他版", FRONT_PAGE: "一版", FRONT_LEAD: "头版头条"}


def tier(story="pk"):
    """The best print position of the story whose id is at `story` (OuterRef path), one index probe."""
    best = (
        Placement.objects.filter(article=OuterRef(story))
        .annotate(
            tier=Case(
                When(page__number=1, is_lead=True, then=Value(FRONT_LEAD)),
                When(page__number=1, then=Value(FRONT_PAGE)),
                default=Value(OTHER_PAGE),
            )
        )
        .order_by("-tier")
        .values("tier")[:1]
    )
    return Coalesce(Subquery(best, output_field=IntegerField()), Value(WEB_ONLY))


def photo_count(story="pk"):
    photos = Photo.objects.filter(article=OuterRef(story)).order_by().values("article").annotate(n=Count("*"))
    return Coalesce(Subquery(photos.values("n"), output_field=IntegerField()), Value(0))


def version(rules, published_at="published_at"):
    """The id of the version in force at the time in field `published_at` (None before the first)."""
    newest_first = sorted(rules, key=lambda rule: rule.valid_from, reverse=True)
    whens = [When(**{f"{published_at}__gte": rule.starts_at}, then=Value(rule.pk)) for rule in newest_first]
    return Case(*whens, default=Value(None), output_field=IntegerField()) if whens else Value(None, IntegerField())


def points(rule, tier_, photos, stories=1):
    """Points of `stories` stories of tier `tier_` with `photos` photos in all, under `rule` (None: 0)."""
    if rule is None:
        return 0.0
    return float(getattr(rule, TIER_FIELDS[tier_])) * stories + float(rule.per_photo) * photos


def segment_points(rule, segments):
    return float(rule.per_segment) * segments if rule is not None else 0.0


def story_scores(article):
    """What the story panel shows: {"rule", "tier", "label", "photos", "points", "segments": [(union, points)],
    "credits": [(credit, points)], "unions": [(union, points)]}, in five queries."""
    rules = list(ScoringRule.objects.all())
    row = (
        Article.objects.filter(pk=article.pk)
        .values(tier_=tier(), photo_count=photo_count(), rule_id=version(rules))
        .get()
    )
    rule = next((rule for rule in rules if rule.pk == row["rule_id"]), None)
    story_points = points(rule, row["tier_"], row["photo_count"])
    credits = Credit.objects.filter(article=article).select_related("contributor").order_by("position", "pk")
    unions = ArticleUnion.objects.filter(article=article, role=ArticleUnion.Role.SUBJECT).select_related("union")
    segments = Segment.objects.filter(article=article).select_related("union").order_by("position", "pk")
    return {
        "rule": rule,
        "tier": row["tier_"],
        "label": TIER_LABELS[row["tier_"]],
        "photos": row["photo_count"],
        "points": story_points,
        "credits": [(credit, story_points) for credit in credits],
        "unions": [(link.union, story_points) for link in unions],
        "segments": [(segment.union, segment_points(rule, 1)) for segment in segments],
    }
