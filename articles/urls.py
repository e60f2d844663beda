from django.urls import include, path

from articles.feeds import LatestArticlesAtomFeed, LatestArticlesFeed, TagAtomFeed, TagFeed
from articles.views import articles, tags

article_patterns = (
    [
        path("", articles.article_list, name="list"),
        path("<int:year>/<int:month>/<int:day>/<int:pk>/", articles.article_detail, name="detail"),
    ],
    "articles",
)
tag_patterns = (
    [
        path("", tags.tag_index, name="index"),
        path("<uslug:slug>/", tags.tag_detail, name="detail"),
        path("<uslug:slug>/feed/", TagFeed(), name="feed"),
        path("<uslug:slug>/feed/atom/", TagAtomFeed(), name="feed-atom"),
    ],
    "tags",
)

urlpatterns = [
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("feed/atom/", LatestArticlesAtomFeed(), name="feed-atom"),
    path("articles/", include(article_patterns)),
    path("tags/", include(tag_patterns)),
    path("epaper/", include("articles.epaper.urls")),
]
