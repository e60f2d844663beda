"""The pages that gather every app's content: the home page and the unions' pages.

They sit above articles and its apps (events), with the URLconf: nothing imports them
but unionnews.urls.
"""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import render

from articles.events.models import Event
from articles.models import Article, Segment
from articles.models.article import card_prefetches
from articles.readership.popular import most_read
from unionnews.pagination import paginate
from unionnews.siteurl import site_url
from unions import schema
from unions.models import Union

LEADS = 3
LATEST = 10
UPCOMING = 5
SEGMENTS = 10
EVENTS = 10


def home(request):
    published = Article.objects.published().newest_first()
    leads, latest = published.leads_and_latest(LEADS, LATEST)
    prefetch_related_objects([*leads, *latest], "tags", *card_prefetches())
    city_news = published.latest_per_city(list(Union.objects.cities()), per_city=3)
    response = render(
        request,
        "home.html",
        {
            "leads": leads,
            "latest": latest,
            "city_news": [(city, articles) for city, articles in city_news.items() if articles],
            "upcoming_events": Event.objects.published().upcoming().for_listing()[:UPCOMING],
            "popular": most_read(),
        },
    )
    # 热门 changes with readers, not with saves: the page cache keeps this page no longer.
    response.page_cache_seconds = settings.READERSHIP_POPULAR_SECONDS
    return response


def union_index(request):
    return render(request, "unions/union_index.html", {"roots": Union.objects.all().as_tree()})


def union_detail(request, slug):
    family = list(Union.objects.with_neighbours(slug))
    union = next((row for row in family if row.slug == slug), None)
    if union is None:
        raise Http404("没有这个工会组织。")
    ancestors = [row for row in family if row.depth < union.depth]
    children = [row for row in family if row.depth > union.depth]
    news = Article.objects.published().listed_under(union).for_listing()
    segments = Segment.objects.published().listed_under(union).select_related("article", "union")[:SEGMENTS]
    return render(
        request,
        "unions/union_detail.html",
        {
            "union": union,
            "ancestors": ancestors,
            "children": children,
            "page_obj": paginate(request, news),
            "segments": segments,
            "events": Event.objects.published().about(union).for_listing()[:EVENTS],
            "schema": schema.union_page(union, ancestors, children, site_url(request)),
        },
    )
