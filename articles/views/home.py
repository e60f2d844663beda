from django.shortcuts import render

from articles.models import Article, Event
from unions.models import Union

LEADS = 3
LATEST = 10
UPCOMING = 5


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
