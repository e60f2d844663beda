from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from articles import workflow
from articles.models import Article, RemovedStory
from unionnews.pagination import paginate

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
    local = timezone.localtime(article.published_at)
    if (local.year, local.month, local.day) != (year, month, day):
        return redirect(article, permanent=True)
    related = list(Article.objects.published().related_to(pk)[:RELATED])
    article.load_page(related)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "related": related, "schema": news_article_schema(article)},
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


def news_article_schema(article):
    """schema.org NewsArticle for search engines, from already loaded data only."""
    url = settings.SITE_URL + article.get_absolute_url()
    schema = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline,
        "description": article.teaser(),
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        # The last change readers could see, not the last save of any kind.
        "dateModified": timezone.localtime(article.revised_at or article.published_at).isoformat(),
        "inLanguage": "zh-CN",
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "keywords": [tag.name for tag in article.tags.all()],
    }
    authors = [credit.contributor.name for credit in article.credits.all()]
    if authors:
        schema["author"] = [{"@type": "Person", "name": name} for name in authors]
    photos = [photo for photo in article.photos.all() if photo.display]
    if photos:
        schema["image"] = [settings.SITE_URL + photo.display.url for photo in photos]
    return schema
