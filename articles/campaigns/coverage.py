"""Which cities reported on a campaign: the reader's strip and the desk's matrix.

A story counts for the unions it is about (报道对象) and every union above them, so a
county's story counts for its city, and a story about two counties of one city counts
once for the city.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, F, Func, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleUnion
from articles.models.status import REVIEW_STATES, Status
from unions.models import Union


def in_union_q(outer_path):
    """Exists: the story is about a union at or below the union whose path is `outer_path`."""
    return Exists(
        ArticleUnion.objects.filter(
            article=OuterRef("pk"), role=ArticleUnion.Role.SUBJECT, union__path__startswith=outer_path
        )
    )


def strip(campaign):
    """[(city, count, latest story or None)] for the 11 city federations, in tree order.

    Two queries, whatever the number of stories: the cities with their count and newest
    story's id (correlated subqueries), then those stories. Reads campaign's rules (for_rules()).
    """
    stories = Article.objects.published().filter(campaign.membership_q())
    in_city = stories.filter(in_union_q(OuterRef(OuterRef("path"))))
    cities = list(
        Union.objects.cities()
        .annotate(
            # COUNT as a plain function: the subquery is one row, with no GROUP BY.
            story_count=Subquery(in_city.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")),
            latest_pk=Subquery(in_city.newest_first().values("pk")[:1]),
        )
        .order_by("path")
    )
    latest = Article.objects.in_bulk([city.latest_pk for city in cities if city.latest_pk])
    return [(city, city.story_count or 0, latest.get(city.latest_pk)) for city in cities]


# The states the matrix tells apart; withdrawn and deleted stories are left out.
PUBLISHED, REVIEW, DRAFT = "published", "review", "draft"
STATE_OF = {Status.PUBLISHED: PUBLISHED, Status.DRAFT: DRAFT, **dict.fromkeys(REVIEW_STATES, REVIEW)}


@dataclass
class Cell:
    published: set = field(default_factory=set)
    review: set = field(default_factory=set)
    draft: set = field(default_factory=set)

    @property
    def is_empty(self):
        return not self.published

    def link(self, state):
        """The admin's story list showing this cell's stories in `state`."""
        ids = sorted(getattr(self, state))
        return f"{reverse('admin:articles_article_changelist')}?id__in={','.join(map(str, ids))}" if ids else ""

    @property
    def published_link(self):
        return self.link(PUBLISHED)

    @property
    def review_link(self):
        return self.link(REVIEW)

    @property
    def draft_link(self):
        return self.link(DRAFT)


@dataclass
class Row:
    union: Union | None
    cells: list
    total: Cell
    counties: list = field(default_factory=list)
    title: str = ""  # the name of a row that is no union's

    @property
    def name(self):
        return self.union.short_name if self.union else self.title


OTHERS = "省级及其他"


@dataclass
class Matrix:
    weeks: list  # [(first day, last day)]
    rows: list  # a Row per city, each with its counties' Rows
    others: Row | None = None  # stories about no city (the province, 省部属 unions, nobody named)

    @property
    def totals(self):
        """A Row of every story together, a Cell a week (a story about two cities counts once)."""
        lines = [*self.rows, *([self.others] if self.others else [])]
        cells = [total(line.cells[week] for line in lines) for week in range(len(self.weeks))]
        return Row(None, cells, total(cells), title="合计")


def matrix(campaign, today=None):
    """The coverage matrix: a Row per city (with a Row per county), a Cell per week, and a
    Row of the stories about no city (省级及其他) when there are any, so 合计 is every story.

    Three queries: the cities and counties, the campaign's stories with their status and
    date, and their subject links. A story outside the campaign's weeks (picked by hand)
    counts in the first or last week.
    """
    weeks = campaign.weeks(today)
    unions = list(Union.objects.filter(level__in=[Union.Level.CITY, Union.Level.COUNTY]).order_by("path"))
    cities = [union for union in unions if union.level == Union.Level.CITY]
    city_length = cities[0].depth * Union.steplen if cities else 0
    cells = {union.path: [Cell() for _ in weeks] for union in unions}
    others = [Cell() for _ in weeks]
    stories = campaign.stories().filter(status__in=list(STATE_OF))
    paths = {}
    links = ArticleUnion.objects.filter(role=ArticleUnion.Role.SUBJECT, article__in=stories.values("pk"))
    for article_id, path in links.values_list("article_id", "union__path"):
        paths.setdefault(article_id, []).append(path)
    for article_id, status, published_at, created_at in stories.values_list(
        "pk", "status", "published_at", "created_at"
    ):
        day = timezone.localdate(published_at or created_at)
        week = min(max((day - campaign.starts_on).days // 7, 0), len(weeks) - 1)
        state, counted = STATE_OF[status], False
        for path in paths.get(article_id, []):
            # The city's cell, and the county's when the union is a county or below one.
            for prefix in {path[:city_length], path[: city_length + Union.steplen]}:
                if prefix in cells:
                    getattr(cells[prefix][week], state).add(article_id)
                    counted = True
        if not counted:
            getattr(others[week], state).add(article_id)
    rows = []
    for city in cities:
        row = Row(city, cells[city.path], total(cells[city.path]))
        row.counties = [
            Row(union, cells[union.path], total(cells[union.path]))
            for union in unions
            if union.level == Union.Level.COUNTY and union.path.startswith(city.path)
        ]
        rows.append(row)
    other_row = Row(None, others, total(others), title=OTHERS)
    whole = other_row.total
    return Matrix(weeks, rows, other_row if whole.published or whole.review or whole.draft else None)


def total(cells):
    whole = Cell()
    for cell in cells:
        for state in (PUBLISHED, REVIEW, DRAFT):
            getattr(whole, state).update(getattr(cell, state))
    return whole
