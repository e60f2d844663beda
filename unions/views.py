from django.shortcuts import get_object_or_404, render

from articles.models import Article, Event, Segment
from unionnews.pagination import paginate
from unions.models import Union

SEGMENTS = 10
EVENTS = 10


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
