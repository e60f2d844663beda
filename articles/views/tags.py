from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from articles.models import Article
from unionnews.pagination import paginate


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().tagged(tag).newest_first().for_listing()
    # A tag that only drafts carry is not public yet: its first page is a 404 too.
    page = paginate(request, articles, allow_empty_first_page=False)
    return render(request, "tags/tag_detail.html", {"tag": tag, "page_obj": page})
