"""The pages that gather every app's content: the home page and the unions' pages.

They sit above articles and its apps (events), with the URLconf: nothing imports them
but unionnews.urls.
"""

from django.shortcuts import get_object_or_404, render

from articles.events.models import Event
from articles.models import Article, Segment
from unionnews.pagination import paginate
from unions.models import Union

LEADS = 3
LATEST = 10
UPCOMING = 5
SEGMENTS = 10
EVENTS = 10


def home(request):
    published = Article.objects.published().newest_first()
    leads = list(published.filter(is_featured=True).for_listing()[:LEADS])
    latest = published.exclude(pk__in=[lead.pk for lead in leads]).for_listing()[:LATEST]
    city_news = published.latest_per_city(list(Union.objects.cities()), per_city=3)
    return render(
        request,
        "home.html",
        {
            "leads": leads,
            "latest": latest,
            "city_news": [(city, articles) for city, articles in city_news.items() if articles],
            "upcoming_events": Event.objects.published().upcoming().for_listing()[:UPCOMING],
        },
    )


def union_index(request):
    return render(request, "unions/union_index.html", {"roots": Union.objects.all().as_tree()})


def union_detail(request, slug):
    union = get_object_or_404(Union, slug=slug)
    news = Article.objects.published().about(union).newest_first().for_listing()
    segments = (
        Segment.objects.published()
        .about(union)
        .select_related("article", "union")
        .order_by("-article__published_at", "position", "pk")[:SEGMENTS]
    )
    return render(
        request,
        "unions/union_detail.html",
        {
            "union": union,
            "ancestors": Union.objects.get_ancestors(union),
            "children": Union.objects.get_children(union),
            "page_obj": paginate(request, news),
            "segments": segments,
            "events": Event.objects.published().about(union).for_listing()[:EVENTS],
        },
    )
