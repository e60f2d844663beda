"""稿件考核 figures for a period and a union subtree, computed by the database.

Every figure is an aggregate: stories are grouped by contributor (or union), print tier
and scoring version in a few GROUP BY queries, whatever the number of stories; Python
only adds up those groups' points (scoring.points). Four to five queries per table. A
story's tier, photos and characters are read from its StoryFigures row, kept up to date
on every change, so a year at 100,000 stories is a join, not a recount of every story.

Which stories count:
- 发稿 published: signed off, published in the period (and not in the future, nor since withdrawn);
  characters, photos, print placements and points are those of these stories.
- 投稿/退回/撤稿 submitted/returned/withdrawn: stories with such a timeline step in the period
  (a story submitted twice in the period counts once).
- A contributor is counted for the stories they are credited on, under each role they are
  credited with; a union for the stories it is a subject (报道对象) of, rolled up into the
  union one level below the chosen one (cities under the province, counties under a city),
  and for each roundup segment about it (组稿分段).
"""

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.db import connections
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce, Substr, TruncMonth
from django.utils import timezone

from articles.models import ArticleUnion, Contributor, Credit, Segment, TimelineEntry
from articles.models.status import Status
from articles.statistics import scoring
from articles.statistics.models import ScoringRule
from unions.models import Union

STEPS = {
    "submitted": TimelineEntry.Action.SUBMIT,
    "returned": TimelineEntry.Action.RETURN,
    "withdrawn": TimelineEntry.Action.WITHDRAW,
}

# The columns of every table and export, in order, with their headings. "views" (阅读量) are
# readers' views within the period (articles.readership) of the stories a row is credited with.
COLUMNS = [
    ("submitted", "投稿"),
    ("published", "发稿"),
    ("returned", "退回"),
    ("withdrawn", "撤稿"),
    ("printed", "见报"),
    ("front_page", "一版"),
    ("front_lead", "头版头条"),
    ("characters", "字数"),
    ("photos", "图片"),
    ("segments", "组稿分段"),
    ("views", "阅读量"),
    ("points", "得分"),
]


@dataclass(frozen=True)
class Period:
    """[start, end) in local days, with the label the desk says: 2025年, 2025年第2季度, 2025年6月."""

    kind: str  # "year", "quarter" or "month"
    year: int
    number: int = 1

    @property
    def first_day(self):
        month = {"year": 1, "quarter": 3 * self.number - 2, "month": self.number}[self.kind]
        return date(self.year, month, 1)

    @property
    def last_day(self):
        month = {"year": 12, "quarter": 3 * self.number, "month": self.number}[self.kind]
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def bounds(self):
        """Aware datetimes: local midnight of the first day, local midnight after the last."""
        start = timezone.make_aware(datetime.combine(self.first_day, time.min))
        after = self.last_day.toordinal() + 1
        return start, timezone.make_aware(datetime.combine(date.fromordinal(after), time.min))

    @property
    def label(self):
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "quarter":
            return f"{self.year}年第{self.number}季度"
        return f"{self.year}年{self.number}月"

    def months(self):
        """The month periods this period covers, in order."""
        first, last = self.first_day.month, self.last_day.month
        return [Period("month", self.year, month) for month in range(first, last + 1)]


@dataclass
class Row:
    """One contributor (under one role) or one union, with its figures."""

    subject: object  # a Contributor or a Union
    role: str = ""  # the credit role's label (记者, 通讯员, 摄影) for contributors
    role_value: str = ""
    submitted: int = 0
    published: int = 0
    returned: int = 0
    withdrawn: int = 0
    printed: int = 0
    front_page: int = 0
    front_lead: int = 0
    characters: int = 0
    photos: int = 0
    segments: int = 0
    views: int = 0  # 阅读量 within the period, of the stories credited to the row
    points: float = 0.0
    rank: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.subject.name if isinstance(self.subject, Contributor) else self.subject.short_name

    def figures(self):
        return [getattr(self, key) for key, _ in COLUMNS]

    @property
    def is_empty(self):
        return not any(self.figures())


# Each story's tier, photos and characters come from its StoryFigures row (articles.statistics.keeping).
KEPT_TIER = Coalesce("article__figures__tier", Value(scoring.WEB_ONLY))


def published_in(period, via=""):
    start, end = period.bounds
    return Q(
        **{
            f"{via}status": Status.PUBLISHED,
            f"{via}published_at__gte": start,
            f"{via}published_at__lt": min(end, timezone.now()),
        }
    )


def _rules():
    return {rule.pk: rule for rule in ScoringRule.objects.all()}


def _add_published(rows_by_key, groups, rules, key_of, make_row):
    """Fold GROUP BY rows (key, tier, version, n, photos, characters) into rows_by_key."""
    for group in groups:
        key = key_of(group)
        row = rows_by_key.get(key) or rows_by_key.setdefault(key, make_row(group))
        n, tier = group["n"], group["tier"]
        row.published += n
        row.printed += n if tier >= scoring.OTHER_PAGE else 0
        row.front_page += n if tier >= scoring.FRONT_PAGE else 0
        row.front_lead += n if tier == scoring.FRONT_LEAD else 0
        row.characters += group["characters"] or 0
        row.photos += group["photos"] or 0
        row.points += scoring.points(rules.get(group["version"]), tier, group["photos"] or 0, n)


def _views(links, group_by):
    """Readers' views within the period of the stories `links` (credits or union links) point
    to, per `group_by` values: one GROUP BY over the period's DailyViews rows."""
    return links.values(*group_by).annotate(views=Sum("article__daily_views__views")).order_by()


def _in_days(period):
    return Q(article__daily_views__day__range=(period.first_day, period.last_day))


def _step_counts(via):
    return {
        name: Count(f"{via}article", distinct=True, filter=Q(**{f"{via}article__timeline__action": action}))
        for name, action in STEPS.items()
    }


def contributor_rows(period, union=None, contributors=None):
    """Rows per (contributor, role), best first: all contributors, those of `union`'s subtree,
    or only `contributors` (a queryset or list of ids)."""
    rules = _rules()
    credits = Credit.objects.all()
    if union is not None:
        credits = credits.filter(union.subtree_q(via="contributor__union__"))
    if contributors is not None:
        credits = credits.filter(contributor__in=contributors)
    published = (
        credits.filter(published_in(period, via="article__"))
        .values("contributor", "role")
        .annotate(
            tier=KEPT_TIER,
            version=scoring.version(rules.values(), "article__published_at"),
        )
        .values("contributor", "role", "tier", "version")
        .annotate(
            n=Count("article"),
            photos=Sum("article__figures__photos"),
            characters=Sum("article__figures__characters"),
        )
        .order_by()
    )
    start, end = period.bounds
    steps = (
        credits.filter(
            article__timeline__at__gte=start,
            article__timeline__at__lt=end,
            article__timeline__action__in=STEPS.values(),
        )
        .values("contributor", "role")
        .annotate(**_step_counts(""))
        .order_by()
    )
    roles = dict(Credit.Role.choices)
    rows = {}

    def make_row(group):
        return Row(subject=group["contributor"], role=roles[group["role"]], role_value=group["role"])

    _add_published(rows, published, rules, lambda group: (group["contributor"], group["role"]), make_row)
    for group in _views(credits.filter(_in_days(period)), ["contributor", "role"]):
        key = (group["contributor"], group["role"])
        (rows.get(key) or rows.setdefault(key, make_row(group))).views = group["views"] or 0
    for group in steps:
        row = rows.get((group["contributor"], group["role"])) or rows.setdefault(
            (group["contributor"], group["role"]), make_row(group)
        )
        for name in STEPS:
            setattr(row, name, group[name])
    people = Contributor.objects.select_related("union").in_bulk({key[0] for key in rows})
    for row in rows.values():
        row.subject = people[row.subject]
    return _best_first(rows.values())


def union_level(union):
    """The unions rows are given for: `union`'s children (or the top unions), each with its subtree."""
    if union is None:
        return list(Union.objects.filter(depth=1))
    return list(Union.objects.filter(union.subtree_q(), depth=union.depth + 1))


def _regrouped(per_story, select, group_by):
    """Rows (dicts) of SELECT `select` FROM (`per_story`) GROUP BY `group_by`: a second GROUP BY
    over a queryset's rows, which the ORM cannot write (it has no subquery in FROM). The
    queryset is compiled by Django, with its parameters; only the outer clause is written here."""
    sql, params = per_story.query.sql_with_params()
    with connections[per_story.db].cursor() as cursor:
        cursor.execute(f"SELECT {select} FROM ({sql}) AS per_story GROUP BY {group_by}", params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _published_per_branch(links, prefix, period, rules):
    """Groups (branch, tier, version, n, photos, characters) of the period's published stories,
    each story once per branch: a story about two counties of one city gives the city one
    story, its photos and its 字数 once. One row per story and branch (DISTINCT), grouped again."""
    per_story = (
        links.filter(published_in(period, via="article__"))
        .annotate(
            branch=prefix,
            tier=KEPT_TIER,
            version=scoring.version(rules.values(), "article__published_at"),
            photos=Coalesce("article__figures__photos", 0),
            characters=Coalesce("article__figures__characters", 0),
        )
        .values("branch", "article", "tier", "version", "photos", "characters")
        .order_by()
        .distinct()
    )
    return _regrouped(
        per_story,
        "branch, tier, version, COUNT(*) AS n, SUM(photos) AS photos, SUM(characters) AS characters",
        "branch, tier, version",
    )


def _views_per_branch(links, prefix, period):
    """{branch: 阅读量} within the period, each story's views once per branch (a story linked
    twice within a branch joins its days twice: its sum is divided by its links)."""
    per_story = (
        links.filter(_in_days(period))
        .annotate(branch=prefix)
        .values("branch", "article")
        .annotate(views=Sum("article__daily_views__views"), links=Count("pk", distinct=True))
        .order_by()
    )
    rows = _regrouped(per_story, "branch, SUM(views / links) AS views", "branch")
    return {row["branch"]: int(row["views"] or 0) for row in rows}  # PostgreSQL's SUM of bigints is numeric


def union_rows(period, union=None):
    """Rows for `union` itself (its own stories) and each union one level below it (rolled up), best first."""
    rules = _rules()
    depth = union.depth + 1 if union is not None else 1
    prefix = Substr("union__path", 1, depth * Union.steplen)
    links = ArticleUnion.objects.filter(role=ArticleUnion.Role.SUBJECT)
    segments = Segment.objects.all()
    if union is not None:
        links = links.filter(union.subtree_q(via="union__"))
        segments = segments.filter(union.subtree_q(via="union__"))
    published = _published_per_branch(links, prefix, period, rules)
    start, end = period.bounds
    steps = (
        links.filter(
            article__timeline__at__gte=start,
            article__timeline__at__lt=end,
            article__timeline__action__in=STEPS.values(),
        )
        .annotate(branch=prefix)
        .values("branch")
        .annotate(**_step_counts(""))
        .order_by()
    )
    parts = (
        segments.filter(published_in(period, via="article__"))
        .annotate(branch=prefix, version=scoring.version(rules.values(), "article__published_at"))
        .values("branch", "version")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = {}
    _add_published(rows, published, rules, lambda group: group["branch"], lambda group: Row(subject=group["branch"]))
    for group in steps:
        row = rows.setdefault(group["branch"], Row(subject=group["branch"]))
        for name in STEPS:
            setattr(row, name, group[name])
    for branch, views in _views_per_branch(links, prefix, period).items():
        rows.setdefault(branch, Row(subject=branch)).views = views
    for group in parts:
        row = rows.setdefault(group["branch"], Row(subject=group["branch"]))
        row.segments += group["n"]
        row.points += scoring.segment_points(rules.get(group["version"]), group["n"])
    shown = union_level(union) + ([union] if union is not None else [])
    by_path = {node.path: node for node in shown}
    for node in shown:  # every union of the level appears, with zeros if it contributed nothing
        rows.setdefault(node.path, Row(subject=node.path))
    for row in rows.values():
        row.subject = by_path.get(row.subject) or Union.objects.get(path=row.subject)
    return _best_first(rows.values())


def _best_first(rows):
    for row in rows:
        row.points = round(row.points, 1)  # sums of tenths: equal scores compare equal
    # Ties in the order readers know: unions as in the tree (杭州 … 丽水), people by name.
    return sorted(rows, key=lambda row: (-row.points, -row.published, getattr(row.subject, "path", ""), row.name))


def rank(rows):
    """Copies of `rows` with their ranks by points (competition ranking: 1, 2, 2, 4). Rows
    must be best first. Copies, so one row ranked in two tables (作者明细 among everybody,
    通讯员排名 among correspondents) keeps its rank in each."""
    ranked, previous, current = [], None, 0
    for position, row in enumerate(rows, start=1):
        if row.points != previous:
            current, previous = position, row.points
        ranked.append(replace(row, rank=current))
    return ranked


def stories_per_month(period, union=None):
    """{union: [published stories per month of the period]} for the unions one level below
    `union` (its subtree rolled up) and `union` itself (its own stories), in one query: the
    chart of cities by month."""
    level = union_level(union) + ([union] if union is not None else [])  # its own stories last
    depth = union.depth + 1 if union is not None else 1
    links = ArticleUnion.objects.filter(published_in(period, via="article__"), role=ArticleUnion.Role.SUBJECT)
    if union is not None:
        links = links.filter(union.subtree_q(via="union__"))
    groups = (
        links.annotate(
            branch=Substr("union__path", 1, depth * Union.steplen), month=TruncMonth("article__published_at")
        )
        .values("branch", "month")
        .annotate(n=Count("article", distinct=True))
        .order_by()
    )
    months = [month.first_day.month for month in period.months()]
    counts = {node.path: [0] * len(months) for node in level}
    for group in groups:
        if group["branch"] in counts:
            counts[group["branch"]][months.index(group["month"].month)] = group["n"]
    return {node: counts[node.path] for node in level}


def points_per_month(period, contributor):
    """[(month label, points)] of `contributor` (all roles) in each month of the period: one
    query grouped by month, tier and version (a contributor's trend)."""
    rules = _rules()
    groups = (
        Credit.objects.filter(published_in(period, via="article__"), contributor=contributor)
        .annotate(
            month=TruncMonth("article__published_at"),
            tier=KEPT_TIER,
            version=scoring.version(rules.values(), "article__published_at"),
        )
        .values("month", "tier", "version")
        .annotate(n=Count("article"), photos=Sum("article__figures__photos"))
        .order_by()
    )
    totals = {month.first_day.month: 0.0 for month in period.months()}
    for group in groups:
        totals[group["month"].month] += scoring.points(
            rules.get(group["version"]), group["tier"], group["photos"], group["n"]
        )
    return [(f"{month}月", round(value, 1)) for month, value in totals.items()]
