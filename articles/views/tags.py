from django.http import Http404
from django.shortcuts import redirect, render

from articles import tagging
from articles.models import Article
from unionnews.pagination import paginate


def tag_index(request):
    return render(request, "tags/tag_index.html", {"tags": tagging.tag_index(), "window": tagging.TAG_INDEX_WINDOW})


def tag_detail(request, slug):
    # A tag that only drafts carry is not public yet: its page is a 404.
    tag = tagging.public_tags().filter(slug=slug).first()
    if tag is None:
        # The tag as it is shown (/tags/工BA/ for 工ba), typed or shared: its page's address.
        alike = tagging.public_tag_like(slug)
        if alike is None:
            raise Http404("没有这个标签。")
        return redirect("tags:detail", slug=alike.slug, permanent=True)
    articles = Article.objects.published().tagged(tag).newest_first().for_listing()
    page = paginate(request, articles)
    return render(request, "tags/tag_detail.html", {"tag": tag, "page_obj": page})
