# Placeholder until the public site lands: only the URL names are fixed here.
from django.http import Http404
from django.urls import include, path


def todo(request, **kwargs):
    raise Http404


article_patterns = (
    [
        path("", todo, name="list"),
        path("<int:year>/<int:month>/<int:day>/<int:pk>/", todo, name="detail"),
    ],
    "articles",
)
event_patterns = ([path("", todo, name="list"), path("<uslug:slug>/", todo, name="detail")], "events")
tag_patterns = ([path("<uslug:slug>/", todo, name="detail")], "tags")
epaper_patterns = (
    [path("", todo, name="index"), path("<isodate:date>/<int:number>/", todo, name="page")],
    "epaper",
)

urlpatterns = [
    path("", todo, name="home"),
    path("articles/", include(article_patterns)),
    path("events/", include(event_patterns)),
    path("tags/", include(tag_patterns)),
    path("epaper/", include(epaper_patterns)),
]
