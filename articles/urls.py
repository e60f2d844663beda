from django.urls import include, path

from articles.feeds import LatestArticlesAtomFeed, LatestArticlesFeed, TagFeed
from articles.views import articles, epaper, events, home, search, tags

article_patterns = (
    [
        path("", articles.article_list, name="list"),
        path("<int:year>/<int:month>/<int:day>/<int:pk>/", articles.article_detail, name="detail"),
    ],
    "articles",
)
event_patterns = (
    [
        path("", events.event_list, name="list"),
        path("<uslug:slug>/", events.event_detail, name="detail"),
    ],
    "events",
)
tag_patterns = (
    [
        path("<uslug:slug>/", tags.tag_detail, name="detail"),
        path("<uslug:slug>/feed/", TagFeed(), name="feed"),
    ],
    "tags",
)
epaper_patterns = (
    [
        path("", epaper.epaper_index, name="index"),
        path("<isodate:date>/<int:number>/", epaper.epaper_page, name="page"),
    ],
    "epaper",
)

urlpatterns = [
    path("", home.home, name="home"),
    path("search/", search.search, name="search"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("feed/atom/", LatestArticlesAtomFeed(), name="feed-atom"),
    path("articles/", include(article_patterns)),
    path("events/", include(event_patterns)),
    path("tags/", include(tag_patterns)),
    path("epaper/", include(epaper_patterns)),
]
