"""How many points a story gives: the one definition, in SQL and for one story.

A story scores by where it was printed (its tier: 头版头条, 一版, 其他版, or 仅网络 when it
was never printed) plus a fixed amount per photo, by the scoring version in force on its
publication date. Each credited contributor and each union it is about is given the
story's points; each roundup segment gives its union the segment points on top.

measure() works out stories' tiers, photo counts and characters (kept in StoryFigures by
articles.statistics.keeping); version() picks the scoring version in SQL; points() turns
those into points. The statistics sum them per group and the story panel uses them for one
story, so the two cannot disagree.
"""

import re

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from articles.models import ArticleUnion, Credit, Photo, Placement, Segment
from articles.statistics.models import ScoringRule, StoryFigures

WEB_ONLY, OTHER_PAGE, FRONT_PAGE, FRONT_LEAD = 0, 1, 2, 3
TIER_FIELDS = {WEB_ONLY: "web_only", OTHER_PAGE: "other_page", FRONT_PAGE: "front_page", FRONT_LEAD: "front_lead"}
TIER_LABELS = {WEB_ONLY: "仅网络", OTHER_PAGE: "其他版", FRONT_PAGE: "一版", FRONT_LEAD: "头版头条"}


def tier(page_number, is_lead):
    """The tier of one print placement."""
    if page_number == 1:
        return FRONT_LEAD if is_lead else FRONT_PAGE
    return OTHER_PAGE


def characters(html):
    """字数: the characters of an HTML text without its tags."""
    return len(re.sub(r"<[^>]*>", "", html or ""))


def measure(articles):
    """Unsaved StoryFigures of `articles` (stories with their body loaded), in two queries:
    the best tier of each story's placements (WEB_ONLY when never printed) and its photos."""
    articles = list(articles)
    ids = [article.pk for article in articles]
    tiers = {}
    for article_id, number, is_lead in Placement.objects.filter(article__in=ids).values_list(
        "article", "page__number", "is_lead"
    ):
        tiers[article_id] = max(tiers.get(article_id, WEB_ONLY), tier(number, is_lead))
    photos = dict(
        Photo.objects.filter(article__in=ids)
        .order_by()
        .values("article")
        .annotate(n=Count("*"))
        .values_list("article", "n")
    )
    return [
        StoryFigures(
            article_id=article.pk,
            tier=tiers.get(article.pk, WEB_ONLY),
            photos=photos.get(article.pk, 0),
            characters=characters(article.body),
        )
        for article in articles
    ]


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
    "credits": [(credit, points)], "unions": [(union, points)]}, in six queries."""
    figures = measure([article])[0]
    # Unpublished: no version applies yet, as in the statistics.
    rule = ScoringRule.objects.in_force_on(timezone.localdate(article.published_at)) if article.published_at else None
    story_points = points(rule, figures.tier, figures.photos)
    credits = Credit.objects.filter(article=article).select_related("contributor").order_by("position", "pk")
    unions = ArticleUnion.objects.filter(article=article, role=ArticleUnion.Role.SUBJECT).select_related("union")
    segments = Segment.objects.filter(article=article).select_related("union").order_by("position", "pk")
    return {
        "rule": rule,
        "tier": figures.tier,
        "label": TIER_LABELS[figures.tier],
        "photos": figures.photos,
        "points": story_points,
        "credits": [(credit, story_points) for credit in credits],
        "unions": [(link.union, story_points) for link in unions],
        "segments": [(segment.union, segment_points(rule, 1)) for segment in segments],
    }
