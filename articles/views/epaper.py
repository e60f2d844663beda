from itertools import groupby

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from articles.models import Article, PrintPage
from articles.models.status import published_q
from unionnews.pagination import paginate


def epaper_index(request):
    """Recent editions, newest first, each with its pages and how many stories are online."""
    days = PrintPage.objects.for_readers().order_by("-edition_date").values_list("edition_date", flat=True)
    page = paginate(request, days.distinct(), 10)
    pages = (
        PrintPage.objects.for_readers()
        .filter(edition_date__in=list(page.object_list))
        .annotate(story_count=Count("placements", filter=published_q(via="placements__article__")))
        .order_by("-edition_date", "number")
    )
    editions = [(day, list(day_pages)) for day, day_pages in groupby(pages, key=lambda p: p.edition_date)]
    return render(request, "epaper/epaper_index.html", {"page_obj": page, "editions": editions})


def epaper_page(request, date, number):
    """One page's stories; the edition's pages, each with how many stories are online, to move between them."""
    edition = list(
        PrintPage.objects.for_readers()
        .filter(edition_date=date)
        .annotate(story_count=Count("placements", filter=published_q(via="placements__article__")))
        .order_by("number")
    )
    page = next((p for p in edition if p.number == number), None)
    if page is None:
        raise Http404("没有这个版面。")
    articles = (
        Article.objects.published().filter(placements__page=page).order_by("placements__pk").for_listing().for_print()
    )
    stories = [(article, article.print_run_on(page)) for article in articles]
    return render(
        request,
        "epaper/epaper_page.html",
        {"page": page, "edition": edition, "stories": stories},
    )
