from django.http import Http404
from django.shortcuts import redirect, render

from articles import schema, workflow
from articles.models import Article, RemovedStory
from unionnews.pagination import paginate
from unionnews.siteurl import site_url

RELATED = 5


def article_list(request):
    page = paginate(request, Article.objects.published().newest_first().for_listing())
    return render(request, "articles/article_list.html", {"page_obj": page})


def article_detail(request, year, month, day, pk):
    article = Article.objects.published().for_reading().filter(pk=pk).first()
    if article is None:
        if was_withdrawn(pk):
            return render(request, "articles/withdrawn.html", status=410)
        raise Http404("没有这篇稿件。")
    if request.path != article.get_absolute_url():
        # Another day (a date changed after publishing) or another spelling of it
        # (/2025/06/12/ for /2025/6/12/): one address a story, for readers and search engines.
        return redirect(article, permanent=True)
    related = list(Article.objects.published().related_to(pk)[:RELATED])
    article.load_page(related)
    base = site_url(request)
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "related": related,
            "schema": schema.story_page(article, base),
            "page_image": schema.lead_image(article, base),
        },
    )


def was_withdrawn(pk):
    """Withdrawn (撤稿), or deleted after readers saw it: the URL is gone for good (410).

    The story's row says so while it exists (withdrawn, or in the trash); a story
    purged from the trash left a RemovedStory. At most two queries, by primary key.
    """
    article = Article.objects.filter(pk=pk).only("status", "status_before_delete", "published_at", "deleted_at").first()
    if article is not None:
        return article.status == Article.Status.WITHDRAWN or (
            article.status == Article.Status.DELETED and workflow.was_live_when_deleted(article)
        )
    return RemovedStory.objects.filter(pk=pk, was_live=True).exists()
