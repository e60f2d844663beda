"""The story list at archive scale: counts that never read the whole archive, and a
date drill-down that reads nothing but the first and last publication time.

Django's change list counts every matching story on each load (twice: the filtered
list and the whole table), and its date drill-down asks the filtered list for its
first and last date and then for every distinct year or month in it. At 100,000
stories those queries were most of the page's time (docs/performance.md, "Admin").
"""

import calendar
import json

from django.contrib.admin.views.main import (
    ALL_VAR,
    ERROR_FLAG,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
    ChangeList,
)
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Max, Min, Prefetch
from django.utils import timezone
from django.utils.functional import cached_property

from articles.models import ArticleUnion, Placement

# Counted exactly up to this many stories from the page shown; beyond, "10,000 篇以上".
COUNT_CAP = 10_000
# Not filters: parameters that leave the list as it is.
NOT_FILTERS = {ALL_VAR, ERROR_FLAG, IS_FACETS_VAR, IS_POPUP_VAR, ORDER_VAR, PAGE_VAR, TO_FIELD_VAR}


def is_filtered(request):
    """Whether the list asked for is narrowed by a filter, a date or a search."""
    return bool(request.GET.get(SEARCH_VAR, "").strip()) or any(
        key not in NOT_FILTERS | {SEARCH_VAR} for key in request.GET
    )


class CappedPaginator(Paginator):
    """A paginator that counts at most COUNT_CAP rows past the page asked for, or
    takes the planner's estimate (`estimate`, PostgreSQL, for the whole list).

    Page links keep working: the pages up to the cap are all reachable, and from a
    page beyond it the count reaches COUNT_CAP rows further. `is_capped` and
    `is_estimated` tell the templates how to word the count (count_text).
    """

    def __init__(self, object_list, per_page, *args, page=1, estimate=False, searched_newest=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.first_row = (max(page, 1) - 1) * per_page
        self.estimate = estimate
        self.is_capped = self.is_estimated = False
        # A search that looked only at the newest `searched_newest` matches (it found more).
        self.searched_newest = searched_newest

    @cached_property
    def count(self):
        rows = self.object_list.order_by().values("pk")  # counting needs neither order nor columns
        if self.estimate and connections[rows.db].vendor == "postgresql":
            estimated = json.loads(rows.explain(format="json"))[0]["Plan"]["Plan Rows"]
            if estimated > COUNT_CAP:
                self.is_estimated = True
                return int(estimated)
        # Rows from the page's first on, at most one past the cap: cheap however many match.
        found = self.first_row + rows[self.first_row : self.first_row + COUNT_CAP + 1].count()
        if found == self.first_row and self.first_row:
            # Past the end (an old link, a list that shrank): count from the start, so the
            # admin sends the editor back to the list instead of showing nothing.
            found = rows[: COUNT_CAP + 1].count()
            self.first_row = 0
        if found > self.first_row + COUNT_CAP:
            self.is_capped = True
        return found

    @property
    def count_text(self):
        """The count as the list says it: 约 100,000 篇, 10,000 篇以上 or 37 篇."""
        if self.searched_newest and self.count >= self.searched_newest:
            return f"{self.count:,} 篇以上（列出最新的 {self.count:,} 篇）"
        if self.searched_newest:  # the list's filters kept some of the newest matches
            return f"{self.count:,} 篇（在最新的 {self.searched_newest:,} 篇匹配稿件中）"
        if self.is_estimated:
            return f"约 {round(self.count, 2 - len(str(self.count))):,} 篇"  # two significant digits
        if self.is_capped:
            return f"{self.count - 1:,} 篇以上"
        return f"{self.count:,} 篇"


class StoryChangeList(ChangeList):
    """The story list with a date drill-down that costs one indexed query at most."""

    def get_queryset(self, request, *args, **kwargs):
        # What the list's columns read (lead union, print pages), in two queries.
        return (
            super()
            .get_queryset(request, *args, **kwargs)
            .prefetch_related(
                Prefetch(
                    "article_unions",
                    queryset=ArticleUnion.objects.select_related("union").order_by("role_order", "pk"),
                ),
                Prefetch("placements", queryset=Placement.objects.select_related("page").order_by("part", "pk")),
            )
        )

    @cached_property
    def dates(self):
        """The context of admin/date_hierarchy.html, without asking the (filtered) list
        which years, months or days hold stories: every year from the archive's first to
        its last (two index lookups), every month of a year, every day of a month.
        A link may lead to an empty list; the drill-down never scans the archive."""
        field = self.date_hierarchy
        lookups = [self.params.get(f"{field}__{part}") for part in ["year", "month", "day"]]
        try:
            year, month, day = (int(value) if value else None for value in lookups)
        except (TypeError, ValueError):
            return {"show": False}

        def link(**parts):
            return self.get_query_string({f"{field}__{key}": value for key, value in parts.items()}, [f"{field}__"])

        if year and month and day:
            back = {"link": link(year=year, month=month), "title": f"{year}年{month}月"}
            return {"show": True, "back": back, "choices": [{"title": f"{month}月{day}日"}]}
        if year and month:
            days = calendar.monthrange(year, month)[1]
            choices = [
                {"link": link(year=year, month=month, day=d), "title": f"{month}月{d}日"} for d in range(1, days + 1)
            ]
            return {"show": True, "back": {"link": link(year=year), "title": f"{year}年"}, "choices": choices}
        if year:
            choices = [{"link": link(year=year, month=m), "title": f"{year}年{m}月"} for m in range(1, 13)]
            return {"show": True, "back": {"link": link(), "title": "全部日期"}, "choices": choices}
        span = self.root_queryset.model._default_manager.aggregate(first=Min(field), last=Max(field))
        if span["first"] is None:
            return {"show": False}
        first, last = (timezone.localtime(span[key]).year for key in ["first", "last"])
        last = max(last, timezone.localdate().year)
        return {"show": True, "choices": [{"link": link(year=y), "title": f"{y}年"} for y in range(first, last + 1)]}
