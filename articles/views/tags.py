from django.shortcuts import get_object_or_404, render

from articles import tagging
from articles.models import Article
from unionnews.pagination import paginate


def tag_index(request):
    return render(request, "tags/tag_index.html", {"tags": tagging.tag_index(), "window": tagging.TAG_INDEX_WINDOW})


def tag_detail(request, slug):
    # A tag that only drafts carry is not public yet: its page is a 404.
    tag = get_object_or_404(tagging.public_tags(), slug=slug)
    articles = Article.objects.published().tagged(tag).newest_first().for_listing()
    page = paginate(request, articles)
    return render(request, "tags/tag_detail.html", {"tag": tag, "page_obj": page})
