from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, object_list, per_page=20, allow_empty_first_page=True):
    """The page of `object_list` named by ?page=.

    ?page=abc, ?page=0 and a page past the end are 404: a URL means one thing,
    so bad input is never quietly turned into some other page.
    """
    paginator = Paginator(object_list, per_page, allow_empty_first_page=allow_empty_first_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("没有这一页。") from None
