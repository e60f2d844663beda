"""Sidebar filters for the story list. Each one is addressable by URL
(?union=huzhou, ?tag=工ba, ?edition=2024-08-02, ?contributor=7), so other admin
pages can link to a filtered list; the sidebar shows only the useful choices, and
to a correspondent only the tags and people of stories they may see."""

from datetime import date

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Count, Exists, OuterRef, Q
from taggit.models import Tag

from articles import tagging, workflow
from articles.admin.contributors import listable_people, visible_people
from articles.models import Article, Credit, Placement, PrintPage
from unions.models import Union

SHOWN_CHOICES = 15
# The tag and byline filters list what the newest stories use most: their choices cost
# the same at any archive size (counting uses over the whole archive took 75–113 ms
# at 100,000 stories) and follow what the desk writes about now.
RECENT_STORIES = 1000


def recent_stories(request):
    """Ids of the newest RECENT_STORIES stories whose tags and bylines the user may see,
    of which a correspondent's list may show (their scope's) only.

    Read once per request, as a list: given a subquery, PostgreSQL joined it to every
    tag link (a scan of 300,000 rows at 100,000 stories) instead of looking its ids up.
    """
    if not hasattr(request, "_recent_story_ids"):
        user = request.user
        newest = workflow.known_to(user).order_by("-published_at", "-pk")
        ids = list(newest.values_list("pk", flat=True)[:RECENT_STORIES])
        if workflow.scope_unions(user) is not None:
            # A correspondent's list holds their scope's stories only, and so do its choices.
            # Checked on these ids (51 ms at 100,000 stories), not by walking their scope's
            # stories for the newest (395 ms: the scope check is a join, not an index walk).
            ids = list(workflow.visible_to(user, Article.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        request._recent_story_ids = ids
    return request._recent_story_ids


class UnionSubtreeFilter(admin.SimpleListFilter):
    """Stories about a union or any union below it: 湖州 includes 南浔, 德清 …

    Lists the province and its cities; the counties of a city appear once that
    city (or one of its counties) is chosen, so the sidebar stays short. A correspondent
    sees the unions of their scope with the cities and counties below them, all open.
    """

    title = "工会组织（含下级）"
    parameter_name = "union"

    def lookups(self, request, model_admin):
        listed = Q(level__in=[Union.Level.PROVINCE, Union.Level.CITY, Union.Level.COUNTY])
        scope = workflow.scope_unions(request.user)
        if scope is not None:
            listed = Union.objects.subtrees_q(scope) & (listed | Q(pk__in=[union.pk for union in scope]))
        unions = list(Union.objects.filter(listed))
        self.unions = {union.slug: union for union in unions}
        selected = self.selected_union()
        # The city the chosen union belongs to, if any, shows its counties.
        open_city = selected and next(
            (u for u in unions if u.level == Union.Level.CITY and selected.path.startswith(u.path)), None
        )
        top = min((union.depth for union in unions), default=0)
        return [
            (union.slug, "\u3000" * (union.depth - top) + union.short_name)
            for union in unions
            if scope is not None
            or union.level != Union.Level.COUNTY
            or (open_city and union.path.startswith(open_city.path))
        ]

    def selected_union(self):
        slug = self.value()
        if slug is None:
            return None
        union = self.unions.get(slug) or Union.objects.filter(slug=slug).first()
        if union is None:
            raise IncorrectLookupParameters(f"no union {slug!r}")
        return union

    def queryset(self, request, queryset):
        union = self.selected_union()
        return queryset.about(union) if union else queryset


class TagFilter(admin.SimpleListFilter):
    """The tags the newest stories use most; any other tag works through the URL (?tag=slug)."""

    title = "标签"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        recent = Tag.objects.filter(articles_taggedarticle_items__content_object__in=recent_stories(request))
        tags = recent.annotate(uses=Count("articles_taggedarticle_items")).order_by("-uses", "name")
        choices = [(tag.slug, tag.name) for tag in tags[:SHOWN_CHOICES]]
        selected = tagging.visible_tags(request.user, Tag.objects.filter(slug=self.value()))
        return _with_selected(choices, self.value(), lambda slug: selected.first())

    def queryset(self, request, queryset):
        return queryset.filter(tags__slug=self.value()) if self.value() else queryset


class EditionDateFilter(admin.SimpleListFilter):
    """Stories printed in one day's edition; the latest editions are listed."""

    title = "见报日期"
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        days = PrintPage.objects.dates("edition_date", "day", order="DESC")[:SHOWN_CHOICES]
        return _with_selected([(day.isoformat(), day.isoformat()) for day in days], self.value(), self.day)

    def day(self, value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise IncorrectLookupParameters(f"bad edition date {value!r}") from None

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        printed = Placement.objects.filter(article=OuterRef("pk"), page__edition_date=self.day(self.value()))
        return queryset.filter(Exists(printed))


class ContributorFilter(admin.SimpleListFilter):
    """Stories credited to one contributor; those the newest stories credit most are listed."""

    title = "作者"
    parameter_name = "contributor"

    def lookups(self, request, model_admin):
        credited = listable_people(request.user).filter(credits__article__in=recent_stories(request))
        people = credited.annotate(stories=Count("credits__article", distinct=True)).order_by("-stories", "name")
        choices = [(str(person.pk), person.name) for person in people[:SHOWN_CHOICES]]
        chosen = lambda value: visible_people(request.user).filter(pk=self.pk()).first()  # noqa: E731
        return _with_selected(choices, self.value(), chosen)

    def pk(self):
        if not self.value().isdigit():
            raise IncorrectLookupParameters(f"bad contributor {self.value()!r}")
        return int(self.value())

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        credited = Credit.objects.filter(article=OuterRef("pk"), contributor_id=self.pk())
        return queryset.filter(Exists(credited))


def _with_selected(choices, value, load):
    """`choices`, plus the selected value when it is not among them, so the sidebar shows it."""
    if value is None or any(key == value for key, _ in choices):
        return choices
    selected = load(value)
    return [*choices, (value, str(selected))] if selected else choices
