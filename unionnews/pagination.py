"""Pages of a list without counting it.

Counting a union's or a tag's stories costs a scan of all of them on every request (at
100,000 stories, most of a page's time). A page here is read as one query that fetches one
row more than it shows, to know whether a next page exists; the total is never asked for.
Deep pages read only the ids under the page (an index-only walk) before the rows.
"""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.http import Http404

# Readers page back through at most this many pages of a list (10,000 stories at 20 a
# page); older stories are reached by search, union and tag pages, the e-paper and the
# sitemaps, not by walking an offset through the archive.
MAX_PAGE = 500


class Page:
    """The part of Django's Page that templates use, without a count."""

    def __init__(self, object_list, number, *, more, num_pages=None):
        self.object_list = object_list
        self.number = number
        # More rows follow this page; at MAX_PAGE readers are told where to look instead.
        self.has_more_than_allowed = more and number == MAX_PAGE
        self._has_next = more and number < MAX_PAGE
        # Known only for a list already in memory (search results); None otherwise.
        self.num_pages = num_pages

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def paginate(request, object_list, per_page=20):
    """The page of `object_list` (a QuerySet or a list) named by ?page=.

    ?page=abc, ?page=0, a page past the end and a page past MAX_PAGE are 404: a URL means
    one thing, so bad input is never quietly turned into some other page. The first
    page of an empty list is a page (the template says the list is empty).
    """
    number = page_number(request)
    start = (number - 1) * per_page
    if isinstance(object_list, QuerySet):
        window = slice(start, start + per_page + 1)
        if start and object_list._iterable_class is ModelIterable:
            rows = list(object_list.filter(pk__in=object_list.values("pk")[window]))
        else:
            rows = list(object_list[window])
        num_pages = None
    else:
        rows = list(object_list[start : start + per_page + 1])
        num_pages = max(1, -(-len(object_list) // per_page))
    if not rows and number > 1:
        raise Http404("没有这一页。")
    return Page(rows[:per_page], number, more=len(rows) > per_page, num_pages=num_pages)


def page_number(request):
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not raw.isascii() or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404("没有这一页。")
    return int(raw)


def paginate_counted(request, object_list, per_page=20):
    """Django's counted page, for lists that stay small (the trash): "第 2 / 5 页，共 93 篇"."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("没有这一页。") from None
